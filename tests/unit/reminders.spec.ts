import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkIn, user } from '$lib/server/db/schema';
import { REMINDER_TEXT, sendKeepingInTouchReminders, type Reminder } from '$lib/server/reminders';
import { createTestDatabase } from './helpers';

function setUp() {
	const db = createTestDatabase({ seed: false });
	const add = (values: typeof user.$inferInsert) =>
		db.insert(user).values(values).returning().get();
	const pa = add({ role: 'adviser', name: 'PA' });
	const weekly = add({ role: 'leaver', name: 'Jordan', adviserId: pa.id, checkInEvery: 'weekly' });
	const off = add({ role: 'leaver', name: 'Riley', adviserId: pa.id });
	return { db, pa, weekly, off };
}

function run(db: ReturnType<typeof setUp>['db'], at: string) {
	const sent: Reminder[] = [];
	sendKeepingInTouchReminders(db, new Date(at), (reminder) => sent.push(reminder));
	return sent;
}

describe('the check-in prompt', () => {
	it('asks, from 9 in the morning, only those who chose to be asked and are due, once a period', () => {
		const { db, weekly } = setUp();
		// Before 9:00 UK time nobody is woken.
		expect(run(db, '2026-12-02T08:30:00Z')).toEqual([]);
		const sent = run(db, '2026-12-02T09:05:00Z');
		expect(sent).toEqual([{ userId: weekly.id, text: REMINDER_TEXT.checkIn, url: '/check-in' }]);
		// Not again the same week, even though they have not answered.
		expect(run(db, '2026-12-02T15:00:00Z')).toEqual([]);
		expect(run(db, '2026-12-08T10:00:00Z')).toEqual([]);
		// A week on, still no answer: asked again.
		expect(run(db, '2026-12-09T10:00:00Z').map((item) => item.userId)).toEqual([weekly.id]);
	});

	it('does not ask someone who checked in within their period', () => {
		const { db, weekly } = setUp();
		db.insert(checkIn)
			.values({
				leaverId: weekly.id,
				mood: 'good',
				topics: [],
				idempotencyKey: 'recent-check-in',
				createdAt: new Date('2026-11-30T12:00:00Z')
			})
			.run();
		expect(run(db, '2026-12-02T10:00:00Z')).toEqual([]);
		expect(run(db, '2026-12-07T10:00:00Z').map((item) => item.userId)).toEqual([weekly.id]);
	});

	it('says nothing personal, in the young person’s language', () => {
		expect(REMINDER_TEXT.checkIn('en')).toBe('Your PA would like to know how you are.');
		expect(REMINDER_TEXT.checkIn('ar')).not.toBe(REMINDER_TEXT.checkIn('en'));
		expect(REMINDER_TEXT.reviewForPa('en')).not.toMatch(/Jordan/);
	});
});

/** Only the review reminders (Jordan, asked weekly, is also prompted to check in). */
const reviews = (db: ReturnType<typeof setUp>['db'], at: string) =>
	run(db, at).filter((reminder) => reminder.text !== REMINDER_TEXT.checkIn);

describe('the pathway plan review reminder', () => {
	it('tells the young person and their PA two weeks before, once', () => {
		const { db, pa, off } = setUp();
		db.update(user).set({ pathwayReviewOn: '2026-12-16' }).where(eq(user.id, off.id)).run();
		expect(reviews(db, '2026-12-01T10:00:00Z')).toEqual([]);
		expect(reviews(db, '2026-12-02T10:00:00Z')).toEqual([
			{ userId: off.id, text: REMINDER_TEXT.review, url: '/' },
			{ userId: pa.id, text: REMINDER_TEXT.reviewForPa, url: `/staff/leavers/${off.id}` }
		]);
		expect(reviews(db, '2026-12-02T16:00:00Z')).toEqual([]);
		// A new date is reminded of in its turn.
		db.update(user).set({ pathwayReviewOn: '2027-01-20' }).where(eq(user.id, off.id)).run();
		expect(reviews(db, '2027-01-06T10:00:00Z').map((item) => item.userId)).toEqual([off.id, pa.id]);
	});

	it('sends nothing to a turned-off account', () => {
		const { db, off } = setUp();
		db.update(user)
			.set({ pathwayReviewOn: '2026-12-16', disabledAt: new Date('2026-11-01T00:00:00Z') })
			.where(eq(user.id, off.id))
			.run();
		expect(reviews(db, '2026-12-02T10:00:00Z')).toEqual([]);
	});
});
