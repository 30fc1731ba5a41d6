import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ageOn } from '$lib/eligibility';
import {
	addDays,
	formatDate,
	formatDateTime,
	formatDay,
	londonDay,
	londonDayStart,
	londonToday,
	weekStart
} from '$lib/london-time';
import { emptyOfferForm } from '$lib/schemas/offer-form';
import { listAuditEvents, recordAudit } from '$lib/server/audit';
import { offer, user } from '$lib/server/db/schema';
import { getOfferById, isReviewDue, markOfferReviewed } from '$lib/server/offer-editing';
import { createTestDatabase } from './helpers';

/** 00:30 on Wednesday 15 July 2026 in the UK (British Summer Time): still the 14th in UTC. */
const HALF_PAST_MIDNIGHT_BST = new Date('2026-07-14T23:30:00Z');

afterEach(() => {
	vi.useRealTimers();
});

describe('the UK clock at 00:30 in British Summer Time', () => {
	it('says today is the 15th, though the UTC date is still the 14th', () => {
		expect(HALF_PAST_MIDNIGHT_BST.toISOString().slice(0, 10)).toBe('2026-07-14');
		expect(londonToday(HALF_PAST_MIDNIGHT_BST)).toBe('2026-07-15');
	});

	it('reads "today" from the system clock when not given an instant', () => {
		vi.useFakeTimers({ now: HALF_PAST_MIDNIGHT_BST });
		expect(londonToday()).toBe('2026-07-15');
		expect(emptyOfferForm(londonToday()).reviewedOn).toBe('2026-07-15');
	});

	it('starts the 15th at 23:00 UTC on the 14th, and its week on Monday the 13th', () => {
		expect(new Date(londonDayStart('2026-07-15')).toISOString()).toBe('2026-07-14T23:00:00.000Z');
		expect(londonDay(londonDayStart('2026-07-15') - 1)).toBe('2026-07-14');
		expect(weekStart(londonToday(HALF_PAST_MIDNIGHT_BST))).toBe('2026-07-13');
	});

	it('shows the date and time as people in the UK read them', () => {
		expect(formatDate(HALF_PAST_MIDNIGHT_BST)).toBe('15 July 2026');
		expect(formatDateTime(HALF_PAST_MIDNIGHT_BST)).toBe('15 Jul 2026, 00:30');
		expect(formatDay('2026-07-15')).toBe('15 Jul 2026');
	});

	it('makes someone born on 15 July a year older at the first moment of their birthday', () => {
		expect(ageOn('2008-07-15', HALF_PAST_MIDNIGHT_BST)).toBe(18);
		expect(ageOn('2008-07-16', HALF_PAST_MIDNIGHT_BST)).toBe(17);
		expect(ageOn('2008-07-15', new Date('2026-07-14T22:59:59Z'))).toBe(17);
	});

	it('makes an offer due for review on its due date in the UK', () => {
		const checked = new Date('2026-01-15T00:00:00Z');
		expect(isReviewDue(checked, HALF_PAST_MIDNIGHT_BST, 6)).toBe(true);
		expect(isReviewDue(checked, new Date('2026-07-14T22:59:59Z'), 6)).toBe(false);
	});

	it('marks an offer as checked on the 15th', () => {
		const db = createTestDatabase();
		const lead = db.insert(user).values({ role: 'lead', name: 'Lee Lead' }).returning().get();
		const row = db.select().from(offer).where(eq(offer.slug, 'staying-put')).get()!;
		expect(markOfferReviewed(db, lead, row.id, row.version, HALF_PAST_MIDNIGHT_BST).ok).toBe(true);
		expect(getOfferById(db, row.id)?.reviewedAt.toISOString().slice(0, 10)).toBe('2026-07-15');
	});

	it('puts something done at 00:30 on the 15th in an audit filter for the 15th, not the 14th', () => {
		const db = createTestDatabase({ seed: false });
		recordAudit(db, { actorId: null, action: 'sign-in', at: HALF_PAST_MIDNIGHT_BST });
		const count = (from: string, to: string) => listAuditEvents(db, { from, to }).total;
		expect(count('2026-07-15', '2026-07-15')).toBe(1);
		expect(count('2026-07-14', '2026-07-14')).toBe(0);
		expect(count('2026-07-13', '2026-07-14')).toBe(0);
	});
});

describe('the UK clock in winter (GMT)', () => {
	it('is the UTC date and time', () => {
		const halfPastMidnight = new Date('2026-12-01T00:30:00Z');
		expect(londonToday(halfPastMidnight)).toBe('2026-12-01');
		expect(new Date(londonDayStart('2026-12-01')).toISOString()).toBe('2026-12-01T00:00:00.000Z');
		expect(formatDateTime(halfPastMidnight)).toBe('1 Dec 2026, 00:30');
		expect(addDays('2026-12-01', -1)).toBe('2026-11-30');
	});
});
