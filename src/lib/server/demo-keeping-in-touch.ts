import { and, eq, isNull, like } from 'drizzle-orm';
import { addDays, londonToday } from '$lib/london-time';
import type { CheckInMood, CheckInTopic } from '$lib/schemas/check-in';
import type { Database } from './db/connection';
import { checkIn, contactLog, user } from './db/schema';
import { getUserByUsername } from './users';

const DAY = 24 * 60 * 60 * 1000;

/** About four months of check-ins, every week or two, the newest last: a story, not noise. */
const DEMO_CHECK_INS: Record<string, [daysAgo: number, CheckInMood, CheckInTopic[]][]> = {
	'demo-leaver': [
		[120, 'ok', []],
		[106, 'not-great', ['money']],
		[92, 'not-great', ['money', 'home']],
		[78, 'ok', ['money']],
		[64, 'ok', []],
		[50, 'good', []],
		[36, 'not-great', ['lonely']],
		[22, 'ok', ['lonely']],
		[8, 'good', []]
	],
	'demo-leaver-2': [
		[115, 'good', []],
		[87, 'ok', ['work-or-college']],
		[59, 'good', []],
		[31, 'ok', ['health']],
		[10, 'good', []]
	]
};

/** A young person the PA added who drifted away: last heard from 11 weeks ago. */
const DRIFTING = { name: 'Blake', adviser: 'demo-adviser', addedDaysAgo: 240, age: 20 };

/**
 * Keeping in touch in the demo: check-ins for the demo care leavers, a pathway plan review next
 * week for demo-leaver, and a young person out of touch for 11 weeks on demo-adviser's list.
 * Demo mode only; idempotent.
 */
export function seedDemoKeepingInTouch(db: Database, now = new Date()) {
	const today = londonToday(now);
	for (const [username, checkIns] of Object.entries(DEMO_CHECK_INS)) {
		const leaver = getUserByUsername(db, username);
		if (!leaver) {
			continue;
		}
		const seeded = db
			.select({ id: checkIn.id })
			.from(checkIn)
			.where(and(eq(checkIn.leaverId, leaver.id), like(checkIn.idempotencyKey, 'demo-%')))
			.get();
		if (!seeded) {
			for (const [daysAgo, mood, topics] of checkIns) {
				db.insert(checkIn)
					.values({
						leaverId: leaver.id,
						mood,
						topics,
						idempotencyKey: `demo-${daysAgo}`,
						createdAt: new Date(now.getTime() - daysAgo * DAY)
					})
					.run();
			}
		}
	}
	const leaver = getUserByUsername(db, 'demo-leaver');
	if (leaver) {
		db.update(user)
			.set({ pathwayReviewOn: addDays(today, 7) })
			.where(and(eq(user.id, leaver.id), isNull(user.pathwayReviewOn)))
			.run();
	}
	seedDrifting(db, now);
}

function seedDrifting(db: Database, now: Date) {
	const adviser = getUserByUsername(db, DRIFTING.adviser);
	const known = db
		.select({ id: user.id })
		.from(user)
		.where(and(eq(user.name, DRIFTING.name), eq(user.isDemo, true), eq(user.role, 'leaver')))
		.get();
	if (!adviser || known) {
		return;
	}
	const today = londonToday(now);
	const added = new Date(now.getTime() - DRIFTING.addedDaysAgo * DAY);
	const casey = db
		.insert(user)
		.values({
			role: 'leaver',
			name: DRIFTING.name,
			isDemo: true,
			adviserId: adviser.id,
			dateOfBirth: addDays(today, -Math.round((DRIFTING.age + 0.5) * 365.25)),
			createdAt: added,
			updatedAt: added
		})
		.returning()
		.get();
	for (const [daysAgo, kind] of [
		[150, 'met'],
		[77, 'phone']
	] as const) {
		db.insert(contactLog)
			.values({
				leaverId: casey.id,
				loggedById: adviser.id,
				kind,
				on: addDays(today, -daysAgo),
				createdAt: new Date(now.getTime() - daysAgo * DAY)
			})
			.run();
	}
}
