import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { offer, user } from '$lib/server/db/schema';
import { birthdayIn, birthdays, listComingUp } from '$lib/server/coming-up';
import { createTestDatabase } from './helpers';

function setUp() {
	const db = createTestDatabase();
	const leaver = db
		.insert(user)
		.values({ role: 'leaver', name: 'Jordan', dateOfBirth: '2002-02-20' })
		.returning()
		.get();
	return { db, leaver };
}

/** Published offers whose age range matches, by slug, from the seeded content itself. */
function slugsWhere(
	db: ReturnType<typeof setUp>['db'],
	keep: (min: number, max: number) => boolean
) {
	return db
		.select()
		.from(offer)
		.where(eq(offer.published, true))
		.all()
		.filter((item) => keep(item.minAge, item.maxAge))
		.map((item) => item.slug)
		.sort();
}

describe('birthdays', () => {
	it('puts a 29 February birthday on 1 March in other years', () => {
		expect(birthdayIn('2004-02-29', 2026)).toBe('2026-03-01');
		expect(birthdayIn('2004-02-29', 2028)).toBe('2028-02-29');
		expect(birthdayIn('2004-02-29', 2100)).toBe('2100-03-01');
	});

	it('finds the next birthday (today counts) and the one before', () => {
		expect(birthdays('2002-02-20', '2026-12-02')).toEqual({
			next: { on: '2027-02-20', age: 25 },
			last: { on: '2026-02-20', age: 24 }
		});
		expect(birthdays('2002-02-20', '2027-02-20').next).toEqual({ on: '2027-02-20', age: 25 });
	});
});

describe('coming up for a care leaver', () => {
	it('turning 25: lists exactly the offers whose age range ends at 25 in the content', () => {
		const { db, leaver } = setUp();
		// 2 December 2026: their 25th birthday is on 20 February, within three months.
		const items = listComingUp(db, leaver, 'en', Date.parse('2026-12-02T12:00:00Z'));
		const birthday = items.find((item) => item.kind === 'birthday');
		expect(birthday).toMatchObject({ on: '2027-02-20', age: 25 });
		if (birthday?.kind !== 'birthday') {
			throw new Error('no birthday');
		}
		const endingAt25 = slugsWhere(db, (min, max) => max === 25 && min < 25);
		expect(endingAt25.length).toBeGreaterThan(0);
		expect(birthday.lastYear.map((item) => item.slug).sort()).toEqual(endingAt25);
		expect(birthday.ending.map((item) => item.slug).sort()).toEqual(
			slugsWhere(db, (min, max) => max === 24 && min <= 24)
		);
		expect(birthday.starting.map((item) => item.slug).sort()).toEqual(
			slugsWhere(db, (min) => min === 25)
		);
	});

	it('follows the content: an offer changed to end at 24 moves to "ending"', () => {
		const { db, leaver } = setUp();
		const [first] = slugsWhere(db, (min, max) => max === 25 && min < 25);
		db.update(offer).set({ maxAge: 24 }).where(eq(offer.slug, first)).run();
		const items = listComingUp(db, leaver, 'en', Date.parse('2026-12-02T12:00:00Z'));
		const birthday = items.find((item) => item.kind === 'birthday');
		if (birthday?.kind !== 'birthday') {
			throw new Error('no birthday');
		}
		expect(birthday.ending.map((item) => item.slug)).toContain(first);
		expect(birthday.lastYear.map((item) => item.slug)).not.toContain(first);
	});

	it('says nothing of a birthday more than three months away', () => {
		const { db, leaver } = setUp();
		const items = listComingUp(db, leaver, 'en', Date.parse('2026-10-01T12:00:00Z'));
		expect(items.filter((item) => item.kind === 'birthday')).toEqual([]);
	});

	it('now you are 18: the offers that start at 18, for a month after the birthday', () => {
		const { db } = setUp();
		const young = db
			.insert(user)
			.values({ role: 'leaver', name: 'Sam', dateOfBirth: '2008-11-20' })
			.returning()
			.get();
		const items = listComingUp(db, young, 'en', Date.parse('2026-12-02T12:00:00Z'));
		const now = items.find((item) => item.kind === 'now-you-can');
		expect(now).toMatchObject({ age: 18, on: '2026-11-20' });
		if (now?.kind !== 'now-you-can') {
			throw new Error('nothing new');
		}
		expect(now.offers.map((item) => item.slug).sort()).toEqual(slugsWhere(db, (min) => min === 18));
		const later = listComingUp(db, young, 'en', Date.parse('2027-01-05T12:00:00Z'));
		expect(later.filter((item) => item.kind === 'now-you-can')).toEqual([]);
	});

	it('shows the pathway plan review from two weeks before, not earlier', () => {
		const { db, leaver } = setUp();
		db.update(user).set({ pathwayReviewOn: '2026-12-10' }).where(eq(user.id, leaver.id)).run();
		const reviewed = { ...leaver, pathwayReviewOn: '2026-12-10' };
		expect(
			listComingUp(db, reviewed, 'en', Date.parse('2026-12-02T12:00:00Z')).find(
				(item) => item.kind === 'pathway-review'
			)
		).toEqual({ kind: 'pathway-review', on: '2026-12-10' });
		expect(
			listComingUp(db, reviewed, 'en', Date.parse('2026-11-20T12:00:00Z')).find(
				(item) => item.kind === 'pathway-review'
			)
		).toBeUndefined();
	});

	it('gives offer titles in the page’s language where they are translated', () => {
		const { db, leaver } = setUp();
		const items = listComingUp(db, leaver, 'ar', Date.parse('2026-12-02T12:00:00Z'));
		const birthday = items.find((item) => item.kind === 'birthday');
		if (birthday?.kind !== 'birthday') {
			throw new Error('no birthday');
		}
		expect(birthday.lastYear.some((item) => item.language === 'ar')).toBe(true);
	});
});
