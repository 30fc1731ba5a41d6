import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newsFormSchema } from '$lib/schemas/news-form';
import type { Database } from '$lib/server/db/connection';
import { auditEvent, pushSubscription, teamNews, user } from '$lib/server/db/schema';
import { seedDemoAccounts } from '$lib/server/demo';
import { seedDemoNews } from '$lib/server/demo-news';
import {
	describeNews,
	editNews,
	listNewsBy,
	listNewsFor,
	NEWS_NOTICE,
	newsReaches,
	postNews,
	withdrawNews
} from '$lib/server/news';
import { getUserByUsername } from '$lib/server/users';
import { createTestDatabase } from './helpers';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Monday 23 November 2026, 12:00 in London (GMT). */
const NOW = new Date('2026-11-23T12:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

function setUp() {
	const db = createTestDatabase({ seed: false });
	const add = (values: typeof user.$inferInsert) =>
		db.insert(user).values(values).returning().get();
	const lead = add({ role: 'lead', name: 'Dana Lead' });
	const pa = add({ role: 'adviser', name: 'Alex Adviser' });
	const otherPa = add({ role: 'adviser', name: 'Sam Adviser' });
	const leaver = (
		name: string,
		dateOfBirth: string,
		more: Partial<typeof user.$inferInsert> = {}
	) => add({ role: 'leaver', name, dateOfBirth, adviserId: pa.id, livesInArea: true, ...more });
	return {
		db,
		lead,
		pa,
		otherPa,
		// 19 on NOW, in the borough, Alex's.
		amir: leaver('Amir', '2007-05-01'),
		// 23 on NOW, at university away, Sam's.
		bea: leaver('Bea', '2003-02-10', { adviserId: otherPa.id, livesInArea: false }),
		// 22 today: their birthday.
		cal: leaver('Cal', '2004-11-23', { livesInArea: null }),
		// 21 until tomorrow.
		dee: leaver('Dee', '2004-11-24')
	};
}

const send = (
	db: Database,
	author: Pick<typeof user.$inferSelect, 'id' | 'role'>,
	input: Partial<{ body: string; audience: string; ageBand: string }>,
	now = NOW,
	tell: (ids: readonly number[]) => void = () => {}
) => {
	const parsed = newsFormSchema.parse({ body: 'Drop-in at the hub this Friday, 2–4 pm', ...input });
	return postNews(db, author, parsed, now, tell);
};

const seen = (db: Database, leaver: typeof user.$inferSelect, now = NOW) =>
	listNewsFor(db, leaver, now).map((news) => news.body);

describe('who news reaches', () => {
	it.each([
		['everyone', {}, ['Amir', 'Bea', 'Cal', 'Dee']],
		['age-band', { ageBand: '22-25' }, ['Bea', 'Cal']],
		['age-band', { ageBand: '19-21' }, ['Amir', 'Dee']],
		['age-band', { ageBand: '17-18' }, []],
		// Where Cal lives is not known: neither area.
		['in-area', {}, ['Amir', 'Dee']],
		['out-of-area', {}, ['Bea']]
	] as const)('a lead’s news to %s %o reaches %o', (audience, more, names) => {
		const setup = setUp();
		const result = send(setup.db, setup.lead, { audience, ...more, body: `To ${audience}` });
		expect(result).toMatchObject({ ok: true, reached: names.length });
		const reached = [setup.amir, setup.bea, setup.cal, setup.dee]
			.filter((leaver) => seen(setup.db, leaver).includes(`To ${audience}`))
			.map((leaver) => leaver.name);
		expect(reached).toEqual(names);
	});

	it('reaches a PA’s own young people only', () => {
		const { db, pa, amir, bea, cal, dee } = setUp();
		expect(send(db, pa, { audience: 'caseload' })).toMatchObject({ ok: true, reached: 3 });
		expect([amir, bea, cal, dee].map((leaver) => seen(db, leaver).length)).toEqual([1, 0, 1, 1]);
	});

	it('goes by the age band on the day: a birthday today moves someone into the next band', () => {
		const { db, lead, cal, dee } = setUp();
		send(db, lead, { audience: 'age-band', ageBand: '22-25' });
		expect(seen(db, cal)).toHaveLength(1);
		expect(seen(db, dee)).toHaveLength(0);
		// Tomorrow Dee is 22 too, and sees it.
		expect(seen(db, dee, at(DAY))).toHaveLength(1);
	});

	it('counts someone born on 29 February a year older on 1 March in other years', () => {
		const leapling = { dateOfBirth: '2004-02-29', livesInArea: true, adviserId: null };
		const toBand = { audience: 'age-band' as const, ageBand: '22-25', adviserId: null };
		expect(newsReaches(toBand, leapling, new Date('2026-02-28T12:00:00Z'))).toBe(false);
		expect(newsReaches(toBand, leapling, new Date('2026-03-01T12:00:00Z'))).toBe(true);
		// A year with a 29 February has the birthday on it.
		expect(newsReaches(toBand, leapling, new Date('2028-02-29T12:00:00Z'))).toBe(true);
		expect(
			newsReaches(
				{ ...toBand, ageBand: '19-21' },
				leapling,
				new Date('2026-02-28T23:30:00Z') // still 28 February in London (GMT)
			)
		).toBe(true);
	});

	it('refuses a PA writing beyond their own young people, whatever the form says', () => {
		const { db, pa, amir } = setUp();
		for (const audience of ['everyone', 'age-band', 'in-area', 'out-of-area'] as const) {
			expect(send(db, pa, { audience, ageBand: '19-21' })).toEqual({
				ok: false,
				reason: 'audience'
			});
		}
		expect(db.select().from(teamNews).all()).toHaveLength(0);
		expect(seen(db, amir)).toHaveLength(0);
	});

	it('refuses a lead writing to a caseload (they write to groups)', () => {
		const { db, lead } = setUp();
		expect(send(db, lead, { audience: 'caseload' })).toEqual({ ok: false, reason: 'audience' });
	});

	it('tells each young person it reaches with notifications on, with a push that says nothing', () => {
		const { db, lead, amir, bea, dee } = setUp();
		for (const [index, leaver] of [amir, bea, dee].entries()) {
			db.insert(pushSubscription)
				.values({
					userId: leaver.id,
					endpoint: `https://push.example/${index}`,
					p256dh: 'key',
					auth: 'auth',
					createdAt: NOW
				})
				.run();
		}
		db.update(user).set({ disabledAt: NOW }).where(eq(user.id, dee.id)).run();
		const told: number[] = [];
		send(db, lead, { audience: 'in-area' }, NOW, (ids) => told.push(...ids));
		// Bea lives out of the area; Dee's account is turned off; Cal has no notifications on.
		expect(told).toEqual([amir.id]);
		expect(NEWS_NOTICE('en')).toBe('There is news from your team. Open the app to read it.');
		expect(NEWS_NOTICE('ar')).not.toBe(NEWS_NOTICE('en'));
		expect(NEWS_NOTICE('en')).not.toContain('Drop-in');
	});
});

describe('the form', () => {
	it('wants 5 to 280 characters of plain words, and an age band for an age band', () => {
		const errors = (form: Record<string, string>) =>
			newsFormSchema.safeParse(form).error?.issues.map((issue) => issue.path.join('.'));
		expect(errors({ body: 'Hi', audience: 'everyone' })).toEqual(['body']);
		expect(errors({ body: 'x'.repeat(281), audience: 'everyone' })).toEqual(['body']);
		expect(errors({ body: 'Come <b>now</b>', audience: 'everyone' })).toEqual(['body']);
		expect(errors({ body: 'Drop-in on Friday', audience: 'age-band' })).toEqual(['ageBand']);
		expect(errors({ body: 'Drop-in on Friday', audience: 'all' })).toEqual(['audience']);
		expect(
			newsFormSchema.parse({ body: '  Drop-in\r\n\r\n\r\non Friday ', audience: 'everyone' })
		).toEqual({ body: 'Drop-in\n\non Friday', audience: 'everyone', ageBand: null });
	});
});

describe('limits, edits and withdrawing', () => {
	it('allows a PA 3 messages and a lead 5 in a London day, withdrawn ones included', () => {
		const { db, pa, lead } = setUp();
		const first = send(db, pa, { audience: 'caseload' });
		expect(first.ok).toBe(true);
		withdrawNews(db, pa, first.ok ? first.id : 0, at(MINUTE));
		expect(send(db, pa, { audience: 'caseload' }, at(2 * MINUTE)).ok).toBe(true);
		expect(send(db, pa, { audience: 'caseload' }, at(3 * MINUTE)).ok).toBe(true);
		expect(send(db, pa, { audience: 'caseload' }, at(4 * MINUTE))).toEqual({
			ok: false,
			reason: 'limit'
		});
		for (let count = 0; count < 5; count += 1) {
			expect(send(db, lead, { audience: 'everyone' }).ok).toBe(true);
		}
		expect(send(db, lead, { audience: 'everyone' })).toEqual({ ok: false, reason: 'limit' });
		// Midnight in London starts a new day.
		expect(send(db, pa, { audience: 'caseload' }, new Date('2026-11-24T00:00:00Z')).ok).toBe(true);
	});

	it('lets the author change the words for an hour, and refuses after', () => {
		const { db, pa, amir } = setUp();
		const sent = send(db, pa, { audience: 'caseload' });
		const id = sent.ok ? sent.id : 0;
		expect(editNews(db, pa, id, 'Drop-in at the hub this Friday, 1–3 pm', at(59 * MINUTE))).toEqual(
			{
				ok: true
			}
		);
		expect(seen(db, amir, at(59 * MINUTE))).toEqual(['Drop-in at the hub this Friday, 1–3 pm']);
		expect(editNews(db, pa, id, 'Too late now', at(61 * MINUTE))).toEqual({
			ok: false,
			reason: 'closed'
		});
		expect(seen(db, amir, at(61 * MINUTE))).toEqual(['Drop-in at the hub this Friday, 1–3 pm']);
	});

	it('lets nobody but the author change it', () => {
		const { db, pa, otherPa, lead } = setUp();
		const sent = send(db, pa, { audience: 'caseload' });
		const id = sent.ok ? sent.id : 0;
		expect(editNews(db, otherPa, id, 'Not mine')).toEqual({ ok: false, reason: 'not-found' });
		expect(editNews(db, lead, id, 'Not mine')).toEqual({ ok: false, reason: 'not-author' });
		expect(editNews(db, pa, 999_999, 'Nothing')).toEqual({ ok: false, reason: 'not-found' });
	});

	it('hides withdrawn news; its author or any lead may withdraw it, another PA may not', () => {
		const { db, pa, otherPa, lead, amir } = setUp();
		const first = send(db, pa, { audience: 'caseload', body: 'First message' });
		const second = send(db, pa, { audience: 'caseload', body: 'Second message' }, at(MINUTE));
		const [firstId, secondId] = [first, second].map((result) => (result.ok ? result.id : 0));
		expect(withdrawNews(db, otherPa, firstId)).toEqual({ ok: false, reason: 'not-found' });
		expect(withdrawNews(db, pa, firstId, at(2 * MINUTE))).toEqual({ ok: true });
		expect(withdrawNews(db, lead, secondId, at(3 * MINUTE))).toEqual({ ok: true });
		expect(seen(db, amir, at(4 * MINUTE))).toEqual([]);
		// A withdrawn message can no longer be changed either.
		expect(editNews(db, pa, firstId, 'Back again', at(5 * MINUTE))).toMatchObject({ ok: false });
		const audited = db
			.select({ action: auditEvent.action, actorId: auditEvent.actorId })
			.from(auditEvent)
			.all();
		expect(audited).toEqual([
			{ action: 'news-posted', actorId: pa.id },
			{ action: 'news-posted', actorId: pa.id },
			{ action: 'news-withdrawn', actorId: pa.id },
			{ action: 'news-withdrawn', actorId: lead.id }
		]);
	});

	it('shows staff their own messages, and a lead everyone’s, with what they may still do', () => {
		const { db, pa, otherPa, lead } = setUp();
		send(db, pa, { audience: 'caseload', body: 'From Alex' });
		send(db, otherPa, { audience: 'caseload', body: 'From Sam' }, at(MINUTE));
		expect(listNewsBy(db, pa, at(2 * MINUTE)).map((news) => news.body)).toEqual(['From Alex']);
		const forLead = listNewsBy(db, lead, at(2 * MINUTE));
		expect(forLead.map((news) => [news.body, news.canEdit, news.canWithdraw])).toEqual([
			['From Sam', false, true],
			['From Alex', false, true]
		]);
		expect(listNewsBy(db, pa, at(2 * MINUTE))[0]).toMatchObject({ canEdit: true, isMine: true });
		expect(listNewsBy(db, pa, at(2 * 60 * MINUTE))[0]).toMatchObject({ canEdit: false });
	});
});

describe('a young person’s news', () => {
	it('is the newest five from the last 30 days, newest first', () => {
		const { db, lead, pa, amir } = setUp();
		const days = [40, 31, 29, 20, 10, 5, 3, 1];
		for (const daysAgo of days) {
			const author = daysAgo % 2 ? lead : pa;
			send(
				db,
				author,
				{ audience: daysAgo % 2 ? 'everyone' : 'caseload', body: `${daysAgo} days ago` },
				at(-daysAgo * DAY)
			);
		}
		expect(seen(db, amir)).toEqual([
			'1 days ago',
			'3 days ago',
			'5 days ago',
			'10 days ago',
			'20 days ago'
		]);
		// With one withdrawn, the next oldest within 30 days comes in; 31 days is too old.
		const newest = listNewsFor(db, amir, NOW)[0];
		withdrawNews(db, lead, newest.id);
		expect(seen(db, amir).at(-1)).toBe('29 days ago');
		expect(seen(db, amir)).not.toContain('31 days ago');
	});

	it('says who it is from and the day, in the page’s language', () => {
		const { db, lead, pa, amir } = setUp();
		send(db, lead, { audience: 'everyone', body: 'From the team' });
		send(db, pa, { audience: 'caseload', body: 'From Alex' }, at(MINUTE));
		const [fromPa, fromTeam] = listNewsFor(db, amir, at(2 * MINUTE));
		expect(describeNews(fromPa, 'en')).toMatchObject({
			from: 'pa',
			body: 'From Alex',
			date: 'Monday 23 November'
		});
		expect(describeNews(fromTeam, 'en').from).toBe('team');
		// Farsi in the Gregorian calendar, as the dates in the news are.
		expect(describeNews(fromTeam, 'fa').date).toContain('نوامبر');
	});
});

describe('the demo', () => {
	it('has two messages, from demo-lead to everyone and demo-adviser to their young people, once', async () => {
		const db = createTestDatabase({ seed: false });
		await seedDemoAccounts(db, NOW);
		seedDemoNews(db, NOW);
		seedDemoNews(db, at(DAY));
		const leaver = getUserByUsername(db, 'demo-leaver');
		const leaver2 = getUserByUsername(db, 'demo-leaver-2');
		expect(db.select().from(teamNews).all()).toHaveLength(2);
		expect(listNewsFor(db, leaver!, NOW).map((news) => news.audience)).toEqual([
			'everyone',
			'caseload'
		]);
		expect(listNewsFor(db, leaver2!, NOW).map((news) => news.audience)).toEqual(['everyone']);
		expect(listNewsFor(db, leaver!, NOW)[0].body).toMatch(
			/^Drop-in at the hub this Friday 27 November/
		);
	});
});
