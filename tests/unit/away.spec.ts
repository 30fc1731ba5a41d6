import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '$lib/server/audit';
import { answererFor, endAway, isAway, setAway } from '$lib/server/away';
import { createSupportRequest } from '$lib/server/requests';
import { noticeRecipients, saveTeamInbox } from '$lib/server/mail';
import { describeAdviserAvailability } from '$lib/server/request-views';
import type { Database } from '$lib/server/db/connection';
import { user } from '$lib/server/db/schema';
import { getUserById } from '$lib/server/users';
import { createTestDatabase } from './helpers';

// Noon on Tuesday 1 December 2026, London time.
const NOW = Date.parse('2026-12-01T12:00:00Z');

function addPerson(db: Database, values: Partial<typeof user.$inferInsert> & { name: string }) {
	return db
		.insert(user)
		.values({ role: 'adviser', ...values })
		.returning()
		.get();
}

function team() {
	const db = createTestDatabase({ seed: false });
	const alex = addPerson(db, { name: 'Alex' });
	const sam = addPerson(db, { name: 'Sam' });
	const lead = addPerson(db, { name: 'Dana', role: 'lead' });
	const jordan = addPerson(db, { name: 'Jordan', role: 'leaver', adviserId: alex.id });
	const fresh = (id: number) => getUserById(db, id)!;
	return { db, alex, sam, lead, jordan, fresh };
}

describe('time away', () => {
	it('sends a new request to the colleague covering while the PA is away, then to the PA again', () => {
		const { db, alex, sam, jordan, fresh } = team();
		expect(answererFor(db, jordan, NOW)).toEqual({ adviserId: alex.id, coverForId: null });

		expect(setAway(db, fresh(alex.id), { until: '2026-12-04', cover: sam.id }, NOW)).toEqual({
			ok: true
		});
		expect(answererFor(db, jordan, NOW)).toEqual({ adviserId: sam.id, coverForId: alex.id });
		// The last day away is still away; the day after, Alex answers again.
		expect(answererFor(db, jordan, Date.parse('2026-12-04T23:30:00Z'))).toEqual({
			adviserId: sam.id,
			coverForId: alex.id
		});
		expect(answererFor(db, jordan, Date.parse('2026-12-05T00:30:00Z'))).toEqual({
			adviserId: alex.id,
			coverForId: null
		});

		endAway(db, fresh(alex.id));
		expect(answererFor(db, jordan, NOW)).toEqual({ adviserId: alex.id, coverForId: null });
		expect(isAway(fresh(alex.id), NOW)).toBe(false);
	});

	it('uses the team inbox when the PA chose it, or when the colleague cannot cover', () => {
		const { db, alex, sam, jordan, fresh } = team();
		setAway(db, fresh(alex.id), { until: '2026-12-10', cover: 'team' }, NOW);
		expect(answererFor(db, jordan, NOW)).toEqual({ adviserId: null, coverForId: alex.id });

		setAway(db, fresh(alex.id), { until: '2026-12-10', cover: sam.id }, NOW);
		setAway(db, fresh(sam.id), { until: '2026-12-02', cover: 'team' }, NOW);
		expect(answererFor(db, jordan, NOW)).toEqual({ adviserId: null, coverForId: alex.id });

		// Sam is back but their account is turned off: still the team inbox.
		db.update(user)
			.set({ awayUntil: null, disabledAt: new Date(NOW) })
			.where(eq(user.id, sam.id))
			.run();
		expect(answererFor(db, jordan, NOW)).toEqual({ adviserId: null, coverForId: alex.id });
	});

	it('refuses a day in the past, more than a year ahead, or someone who cannot cover', () => {
		const { db, alex, lead, fresh } = team();
		const pa = fresh(alex.id);
		expect(setAway(db, pa, { until: '2026-11-30', cover: 'team' }, NOW)).toEqual({
			ok: false,
			errors: { until: 'Choose today or a day after today' }
		});
		expect(setAway(db, pa, { until: '2028-01-01', cover: 'team' }, NOW)).toMatchObject({
			ok: false,
			errors: { until: expect.stringContaining('next year') }
		});
		for (const cover of [alex.id, lead.id, 9999]) {
			expect(setAway(db, pa, { until: '2026-12-10', cover }, NOW)).toMatchObject({
				ok: false,
				errors: { cover: expect.any(String) }
			});
		}
		expect(fresh(alex.id).awayUntil).toBeNull();
	});

	it('records who set time away and who ended it', () => {
		const { db, alex, sam, fresh } = team();
		setAway(db, fresh(alex.id), { until: '2026-12-10', cover: sam.id }, NOW);
		endAway(db, fresh(alex.id));
		const { rows } = listAuditEvents(db, { action: 'away-changed' });
		expect(rows).toHaveLength(2);
		expect(rows.map((row) => [row.actorName, row.subjectName, row.detail])).toEqual([
			['Alex', 'Alex', { until: null }],
			['Alex', 'Alex', { until: '2026-12-10', coverAdviserId: sam.id }]
		]);
	});
});

describe('a request made while the PA is away', () => {
	it('goes to the colleague covering, and keeps who it is covering for', () => {
		const { db, alex, sam, jordan, fresh } = team();
		setAway(db, fresh(alex.id), { until: '2026-12-10', cover: sam.id }, NOW);
		const { request } = createSupportRequest(
			db,
			fresh(jordan.id),
			{
				topic: 'money',
				message: 'Can I get help with my bus pass?',
				contactBy: 'app',
				urgent: false,
				idempotencyKey: 'away-1'
			},
			NOW
		);
		expect(request).toMatchObject({ adviserId: sam.id, coverForId: alex.id });
	});
});

describe('email about a request made while the PA is away', () => {
	const request = (db: Database, leaverId: number, key: string) =>
		createSupportRequest(
			db,
			getUserById(db, leaverId)!,
			{
				topic: 'money',
				message: 'Help with my rent',
				contactBy: 'app',
				urgent: false,
				idempotencyKey: key
			},
			NOW
		).request;

	it('goes to the colleague covering, not the PA who is away', () => {
		const { db, alex, sam, jordan, fresh } = team();
		db.update(user).set({ email: 'alex@example.org' }).where(eq(user.id, alex.id)).run();
		db.update(user).set({ email: 'sam@example.org' }).where(eq(user.id, sam.id)).run();
		setAway(db, fresh(alex.id), { until: '2026-12-10', cover: sam.id }, NOW);
		expect(noticeRecipients(db, request(db, jordan.id, 'a'), 'new-request')).toEqual([
			{ userId: sam.id, address: 'sam@example.org' }
		]);
	});

	it('goes to the team inbox, for every kind of notice, when the team inbox covers', () => {
		const { db, alex, lead, jordan, fresh } = team();
		db.update(user).set({ email: 'alex@example.org' }).where(eq(user.id, alex.id)).run();
		saveTeamInbox(db, lead, 'team@example.org');
		setAway(db, fresh(alex.id), { until: '2026-12-10', cover: 'team' }, NOW);
		const made = request(db, jordan.id, 'b');
		for (const kind of ['new-request', 'reply', 'overdue-soon'] as const) {
			expect(noticeRecipients(db, made, kind)).toEqual([
				{ userId: null, address: 'team@example.org' }
			]);
		}
	});
	it('goes to every lead with an address when the team covers and there is no team inbox', () => {
		const { db, alex, lead, jordan, fresh } = team();
		db.update(user).set({ email: 'dana@example.org' }).where(eq(user.id, lead.id)).run();
		setAway(db, fresh(alex.id), { until: '2026-12-10', cover: 'team' }, NOW);
		const made = request(db, jordan.id, 'c');
		expect(noticeRecipients(db, made, 'new-request')).toEqual([
			{ userId: lead.id, address: 'dana@example.org' }
		]);
	});

	it('goes to the PA again once they are back', () => {
		const { db, alex, jordan, fresh } = team();
		db.update(user).set({ email: 'alex@example.org' }).where(eq(user.id, alex.id)).run();
		setAway(db, fresh(alex.id), { until: '2026-12-10', cover: 'team' }, NOW);
		const made = request(db, jordan.id, 'd');
		endAway(db, fresh(alex.id));
		expect(noticeRecipients(db, made, 'reply')).toEqual([
			{ userId: alex.id, address: 'alex@example.org' }
		]);
	});
});

describe('what the young person is told while their PA is away', () => {
	it('names the PA, their last day away and who answers; nothing once the PA is back', () => {
		const { db, alex, sam, jordan, fresh } = team();
		const told = () => describeAdviserAvailability(db, fresh(jordan.id), NOW).away;
		expect(told()).toBeNull();
		setAway(db, fresh(alex.id), { until: '2026-12-04', cover: sam.id }, NOW);
		expect(told()).toEqual({
			paName: 'Alex',
			awayUntil: '4 December 2026',
			coverName: 'Sam'
		});
		setAway(db, fresh(alex.id), { until: '2026-12-04', cover: 'team' }, NOW);
		expect(told()).toMatchObject({ paName: 'Alex', coverName: null });
		endAway(db, fresh(alex.id));
		expect(told()).toBeNull();
	});
});
