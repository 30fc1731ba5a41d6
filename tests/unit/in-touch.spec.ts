import { eq } from 'drizzle-orm';
import { createSession } from '$lib/server/auth/session';
import { describe, expect, it } from 'vitest';
import { checkIn, requestMessage, session, supportRequest, user } from '$lib/server/db/schema';
import {
	ageBand,
	countOutOfTouch,
	isInTouch,
	lastContacts,
	logContact,
	saveInTouchWeeks,
	weeksSince,
	withContact
} from '$lib/server/in-touch';
import { createSupportRequest, replyAsStaff } from '$lib/server/requests';
import { createTestDatabase } from './helpers';

function setUp() {
	const db = createTestDatabase({ seed: false });
	const add = (values: typeof user.$inferInsert) =>
		db.insert(user).values(values).returning().get();
	const lead = add({ role: 'lead', name: 'Lead' });
	const pa = add({ role: 'adviser', name: 'PA' });
	const added = new Date('2026-01-05T10:00:00Z');
	const jordan = add({ role: 'leaver', name: 'Jordan', adviserId: pa.id, createdAt: added });
	const riley = add({ role: 'leaver', name: 'Riley', adviserId: pa.id, createdAt: added });
	return { db, lead, pa, jordan, riley };
}

const checkInAt = (db: ReturnType<typeof setUp>['db'], leaverId: number, at: string) =>
	db
		.insert(checkIn)
		.values({
			leaverId,
			mood: 'ok',
			topics: [],
			idempotencyKey: `key-${at}-${leaverId}`,
			createdAt: new Date(at)
		})
		.run();

describe('the in-touch rule', () => {
	it('counts contact on or after the day eight weeks back, by London calendar days', () => {
		// 8 weeks before 2026-12-02 is 2026-10-07.
		const now = new Date('2026-12-02T12:00:00Z');
		expect(isInTouch('2026-10-07', '2026-01-01', 8, now)).toBe(true);
		expect(isInTouch('2026-10-06', '2026-01-01', 8, now)).toBe(false);
		expect(isInTouch(null, '2026-01-01', 8, now)).toBe(false);
		expect(isInTouch('2026-10-06', '2026-01-01', 9, now)).toBe(true);
	});

	it('gives someone added recently time before they count as out of touch', () => {
		const now = new Date('2026-12-02T12:00:00Z');
		expect(isInTouch(null, '2026-11-20', 8, now)).toBe(true);
		expect(isInTouch('2026-03-01', '2026-11-20', 8, now)).toBe(true);
		expect(isInTouch(null, '2026-10-01', 8, now)).toBe(false);
	});

	it('is not moved by an hour across the clock change: a check-in after midnight British Summer Time is that day', () => {
		const { db, jordan } = setUp();
		// 00:30 BST on 30 March 2027 is 23:30 UTC on the 29th. Eight weeks back from 25 May 2027
		// (00:30 BST, so still the 24th in UTC) is 30 March.
		checkInAt(db, jordan.id, '2027-03-29T23:30:00Z');
		const now = new Date('2027-05-24T23:30:00Z');
		const last = lastContacts(db, [jordan.id]).get(jordan.id)!;
		expect(last).toEqual({ day: '2027-03-30', how: 'check-in' });
		expect(isInTouch(last.day, '2027-01-01', 8, now)).toBe(true);
		// A day later it is out of touch.
		expect(isInTouch(last.day, '2027-01-01', 8, new Date('2027-05-25T23:30:00Z'))).toBe(false);
	});

	it('counts weeks without contact in whole weeks of London days', () => {
		expect(weeksSince('2026-09-16', new Date('2026-12-02T12:00:00Z'))).toBe(11);
		expect(weeksSince('2026-12-02', new Date('2026-12-02T12:00:00Z'))).toBe(0);
		// Across the October clock change: 7 days, not 6 days and 23 hours.
		expect(weeksSince('2026-10-21', new Date('2026-10-28T00:30:00Z'))).toBe(1);
	});
});

describe('what counts as contact', () => {
	it('takes the latest of a check-in, their own message, a read reply and a logged contact', () => {
		const { db, pa, jordan, riley } = setUp();
		const { request } = createSupportRequest(
			db,
			jordan,
			{
				topic: 'money',
				message: 'Help with council tax?',
				urgent: false,
				contactBy: 'app',
				idempotencyKey: 'jordan-request-key'
			},
			Date.parse('2026-09-01T10:00:00Z')
		);
		expect(lastContacts(db, [jordan.id]).get(jordan.id)).toEqual({
			day: '2026-09-01',
			how: 'their-message'
		});

		// A reply they have not read is not contact...
		replyAsStaff(
			db,
			pa,
			request,
			{ message: 'Yes, I can help.', idempotencyKey: 'pa-reply-key-1' },
			Date.parse('2026-09-10T10:00:00Z')
		);
		expect(lastContacts(db, [jordan.id]).get(jordan.id)?.how).toBe('their-message');
		// ...until they read it.
		db.update(supportRequest)
			.set({ leaverReadAt: new Date('2026-09-11T08:00:00Z') })
			.where(eq(supportRequest.id, request.id))
			.run();
		expect(lastContacts(db, [jordan.id]).get(jordan.id)).toEqual({
			day: '2026-09-10',
			how: 'read-reply'
		});
		// An internal note is never contact, read or not.
		db.insert(requestMessage)
			.values({
				requestId: request.id,
				authorId: pa.id,
				kind: 'note',
				body: 'Called, no answer',
				createdAt: new Date('2026-09-11T07:00:00Z')
			})
			.run();
		expect(lastContacts(db, [jordan.id]).get(jordan.id)?.day).toBe('2026-09-10');

		checkInAt(db, jordan.id, '2026-10-01T09:00:00Z');
		expect(lastContacts(db, [jordan.id]).get(jordan.id)).toEqual({
			day: '2026-10-01',
			how: 'check-in'
		});
		logContact(db, pa, jordan, { kind: 'phone', on: '2026-10-15' });
		expect(lastContacts(db, [jordan.id]).get(jordan.id)).toEqual({
			day: '2026-10-15',
			how: 'phone'
		});
		// Riley had none of it.
		expect(lastContacts(db, [jordan.id, riley.id]).has(riley.id)).toBe(false);
	});

	it('never counts signing in', () => {
		const { db, jordan } = setUp();
		createSession(db, 'a-token-for-jordan', jordan, {
			mfaVerified: false,
			now: Date.parse('2026-11-30T10:00:00Z')
		});
		expect(db.select().from(session).all()).toHaveLength(1);
		expect(lastContacts(db, [jordan.id]).has(jordan.id)).toBe(false);
	});
});

describe('the caseload, out of touch first', () => {
	it('puts the young person longest without contact first, and counts those out of touch', () => {
		const { db, lead, pa, jordan, riley } = setUp();
		const now = Date.parse('2026-12-02T12:00:00Z');
		logContact(db, pa, jordan, { kind: 'met', on: '2026-09-16' });
		logContact(db, pa, riley, { kind: 'text', on: '2026-11-30' });
		const rows = [jordan, riley].sort((a, b) => b.id - a.id);
		const { weeks, rows: ordered } = withContact(db, rows, now);
		expect(weeks).toBe(8);
		expect(ordered.map((row) => [row.name, row.inTouch, row.weeksWithout])).toEqual([
			['Jordan', false, 11],
			['Riley', true, 0]
		]);
		expect(countOutOfTouch(db, rows, now)).toBe(1);

		// The lead's setting moves the line.
		saveInTouchWeeks(db, lead, 12);
		expect(countOutOfTouch(db, rows, now)).toBe(0);
	});
});

describe('the government age bands', () => {
	it.each([
		['2010-06-01', '2026-06-01T12:00:00Z', null],
		['2009-06-01', '2026-06-01T12:00:00Z', '17-18'],
		['2008-06-01', '2026-06-01T12:00:00Z', '17-18'],
		['2007-06-01', '2026-06-01T12:00:00Z', '19-21'],
		['2005-06-01', '2026-06-01T12:00:00Z', '19-21'],
		['2004-06-01', '2026-06-01T12:00:00Z', '22-25'],
		['2001-06-01', '2026-06-01T12:00:00Z', '22-25'],
		['2000-06-01', '2026-06-01T12:00:00Z', null]
	])('born %s, on %s: %s', (born, on, band) => {
		expect(ageBand(born, new Date(on))).toBe(band);
	});

	it('moves someone born on 29 February up on 1 March in other years', () => {
		// Born 29 February 2004: 21 on 28 February 2026, 22 on 1 March.
		expect(ageBand('2004-02-29', new Date('2026-02-28T12:00:00Z'))).toBe('19-21');
		expect(ageBand('2004-02-29', new Date('2026-03-01T12:00:00Z'))).toBe('22-25');
		// And on the day itself in a leap year.
		expect(ageBand('2004-02-29', new Date('2028-02-29T12:00:00Z'))).toBe('22-25');
		expect(ageBand('2007-02-29', new Date('2026-03-01T12:00:00Z'))).toBe(null);
	});

	it('uses the London date across the clock change', () => {
		// 23:30 UTC on 14 June is 00:30 on 15 June in London: their 22nd birthday.
		expect(ageBand('2004-06-15', new Date('2026-06-14T23:30:00Z'))).toBe('22-25');
		expect(ageBand('2004-06-15', new Date('2026-06-14T22:30:00Z'))).toBe('19-21');
		// In winter London is on UTC.
		expect(ageBand('2004-12-15', new Date('2026-12-14T23:30:00Z'))).toBe('19-21');
	});
});
