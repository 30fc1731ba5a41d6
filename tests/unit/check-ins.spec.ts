import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguageSource } from '$lib/i18n/paths';
import * as runtime from '$lib/paraglide/runtime';
import { checkInSchema, checkInFormFields } from '$lib/schemas/check-in-form';
import {
	deleteOldCheckIns,
	describeCheckIn,
	getCheckInOf,
	isCheckInDue,
	listCheckInsOf,
	offersForTopics,
	recordCheckIn,
	saveCheckInFrequency,
	tellPa
} from '$lib/server/check-ins';
import { checkIn, requestMessage, supportRequest, user } from '$lib/server/db/schema';
import { runHousekeeping } from '$lib/server/housekeeping';
import { createTestDatabase } from './helpers';

const told = vi.hoisted(() => [] as number[]);
vi.mock('$lib/server/notify', async (original) => ({
	...(await original<typeof import('$lib/server/notify')>()),
	notify: (_db: unknown, notice: { userId: number }) => {
		told.push(notice.userId);
	}
}));

const DAY = 24 * 60 * 60_000;
const NOW = Date.parse('2026-11-23T12:00:00.000Z');

function setUp() {
	const db = createTestDatabase();
	const add = (values: typeof user.$inferInsert) =>
		db.insert(user).values(values).returning().get();
	const pa = add({ role: 'adviser', name: 'Pat Adviser', username: 'pat' });
	const jordan = add({ role: 'leaver', name: 'Jordan', username: 'jordan', adviserId: pa.id });
	const riley = add({ role: 'leaver', name: 'Riley', username: 'riley', adviserId: pa.id });
	return { db, pa, jordan, riley };
}

type Db = ReturnType<typeof setUp>['db'];
const requestsOf = (db: Db, leaverId: number) =>
	db.select().from(supportRequest).where(eq(supportRequest.leaverId, leaverId)).all();
const firstMessage = (db: Db, requestId: number) =>
	db.select().from(requestMessage).where(eq(requestMessage.requestId, requestId)).get()!.body;

const key = (name: string) => `${name}-check-in-key-0000`;

beforeEach(() => {
	told.length = 0;
});

describe('recording a check-in', () => {
	it('stores a check-in sent twice (a retry from the outbox) once', () => {
		const { db, jordan } = setUp();
		const input = { mood: 'ok' as const, topics: [], idempotencyKey: key('twice') };
		const first = recordCheckIn(db, jordan, input, NOW);
		const second = recordCheckIn(db, jordan, input, NOW + 60_000);
		expect(first.created).toBe(true);
		expect(second).toEqual({ checkIn: first.checkIn, created: false });
		expect(db.select().from(checkIn).all()).toHaveLength(1);
		expect(requestsOf(db, jordan.id)).toEqual([]);
		expect(told).toEqual([]);
	});

	it('keeps two young people’s check-ins apart even with the same key', () => {
		const { db, jordan, riley } = setUp();
		const input = { mood: 'good' as const, topics: [], idempotencyKey: key('same') };
		recordCheckIn(db, jordan, input, NOW);
		recordCheckIn(db, riley, input, NOW);
		expect(listCheckInsOf(db, jordan.id).map((row) => row.leaverId)).toEqual([jordan.id]);
		expect(listCheckInsOf(db, riley.id).map((row) => row.leaverId)).toEqual([riley.id]);
	});

	it('"I need help now" sends their PA exactly one urgent request, even sent twice with crisis words', () => {
		const { db, pa, jordan } = setUp();
		const input = {
			mood: 'help-now' as const,
			topics: ['home' as const, 'lonely' as const],
			words: 'I want to end my life',
			idempotencyKey: key('help')
		};
		const { checkIn: row } = recordCheckIn(db, jordan, input, NOW);
		recordCheckIn(db, jordan, input, NOW + 1_000);

		const requests = requestsOf(db, jordan.id);
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			id: row.requestId,
			adviserId: pa.id,
			urgent: true,
			crisis: true,
			topic: 'accommodation',
			status: 'new'
		});
		expect(firstMessage(db, requests[0].id)).toBe(
			'I need help now (check-in). On my mind: home, feeling lonely.\n\nI want to end my life'
		);
		expect(getCheckInOf(db, jordan, row.id)?.requestId).toBe(requests[0].id);
		// The PA is told once (their notice; urgent ones always come by email too).
		expect(told).toEqual([pa.id]);
	});

	it('treats crisis words in any check-in as "I need help now": an urgent request to their PA', () => {
		const { db, pa, jordan } = setUp();
		const { checkIn: row } = recordCheckIn(
			db,
			jordan,
			{
				mood: 'good',
				topics: [],
				words: 'fine but I want to kill myself',
				idempotencyKey: key('c')
			},
			NOW
		);
		const [request] = requestsOf(db, jordan.id);
		expect(request).toMatchObject({
			id: row.requestId,
			urgent: true,
			crisis: true,
			topic: 'other'
		});
		expect(firstMessage(db, request.id)).toMatch(/^Check-in: Good\.\n\nfine but/);
		expect(told).toEqual([pa.id]);
	});

	it('sends nothing to the PA for "Not great" until they ask, then one normal request, once', () => {
		const { db, pa, jordan, riley } = setUp();
		const { checkIn: row } = recordCheckIn(
			db,
			jordan,
			{
				mood: 'not-great',
				topics: ['lonely'],
				words: 'Nobody to talk to',
				idempotencyKey: key('n')
			},
			NOW
		);
		expect(requestsOf(db, jordan.id)).toEqual([]);

		// Nobody else can ask about it.
		expect(tellPa(db, riley, row.id)).toBeUndefined();
		expect(requestsOf(db, riley.id)).toEqual([]);

		const first = tellPa(db, jordan, row.id);
		const second = tellPa(db, jordan, row.id);
		expect(first).toMatchObject({ created: true });
		expect(second).toEqual({ requestId: first!.requestId, created: false });
		const requests = requestsOf(db, jordan.id);
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			adviserId: pa.id,
			urgent: false,
			crisis: false,
			topic: 'relationships'
		});
		expect(firstMessage(db, requests[0].id)).toBe(
			'Check-in: Not great. Please get in touch. On my mind: feeling lonely.\n\nNobody to talk to'
		);
		expect(told).toEqual([pa.id]);
	});

	it('lists only the young person’s own check-ins, newest first, as many as asked', () => {
		const { db, jordan, riley } = setUp();
		for (const [index, mood] of (['good', 'ok', 'not-great'] as const).entries()) {
			recordCheckIn(
				db,
				jordan,
				{ mood, topics: [], idempotencyKey: key(`j${index}`) },
				NOW + index
			);
		}
		recordCheckIn(db, riley, { mood: 'good', topics: [], idempotencyKey: key('r') }, NOW + 10);
		expect(listCheckInsOf(db, jordan.id, 2).map((row) => row.mood)).toEqual(['not-great', 'ok']);
		expect(listCheckInsOf(db, jordan.id).every((row) => row.leaverId === jordan.id)).toBe(true);
		const riley1 = listCheckInsOf(db, riley.id)[0];
		expect(getCheckInOf(db, jordan, riley1.id)).toBeUndefined();
	});
});

describe('the offers that fit what is on their mind', () => {
	it('are published offers of the fitting parts of the offer, each topic near the top', () => {
		const { db } = setUp();
		const { categories, offers } = offersForTopics(db, ['work-or-college', 'money'], 'en', 6);
		expect(categories).toEqual(['education', 'employment', 'money']);
		expect(offers).toHaveLength(6);
		const published = db.$client
			.prepare('SELECT slug, category FROM offer WHERE published = 1')
			.all() as { slug: string; category: string }[];
		const categoryOf = new Map(published.map((row) => [row.slug, row.category]));
		// One from each part in turn.
		expect(offers.slice(0, 3).map((offer) => categoryOf.get(offer.slug))).toEqual([
			'education',
			'employment',
			'money'
		]);
	});

	it('are none for "something else" or nothing ticked', () => {
		const { db } = setUp();
		expect(offersForTopics(db, ['something-else'], 'en').offers).toEqual([]);
		expect(offersForTopics(db, [], 'en').offers).toEqual([]);
	});

	it('never include an unpublished offer, and come in the page’s language', () => {
		const { db } = setUp();
		const [first] = offersForTopics(db, ['money'], 'en', 1).offers;
		db.$client.prepare('UPDATE offer SET published = 0 WHERE slug = ?').run(first.slug);
		expect(offersForTopics(db, ['money'], 'en').offers.map((offer) => offer.slug)).not.toContain(
			first.slug
		);
		const arabic = offersForTopics(db, ['money'], 'ar', 1).offers[0];
		expect(arabic.language).toBe('ar');
	});
});

describe('keeping check-ins for a set time', () => {
	it('deletes check-ins older than the months given, and only those', () => {
		const { db, jordan } = setUp();
		const at = (iso: string, name: string) =>
			recordCheckIn(
				db,
				jordan,
				{ mood: 'ok', topics: [], idempotencyKey: key(name) },
				Date.parse(iso)
			);
		at('2024-11-22T12:00:00Z', 'old');
		at('2024-11-24T12:00:00Z', 'young');
		at('2026-11-01T12:00:00Z', 'new');
		expect(deleteOldCheckIns(db, 24, NOW)).toBe(1);
		expect(listCheckInsOf(db, jordan.id).map((row) => row.createdAt.toISOString())).toEqual([
			'2026-11-01T12:00:00.000Z',
			'2024-11-24T12:00:00.000Z'
		]);
		expect(deleteOldCheckIns(db, 1, NOW)).toBe(1);
	});

	it('is part of the housekeeping, with the retention it is given, and keeps the request made', () => {
		const { db, jordan } = setUp();
		recordCheckIn(
			db,
			jordan,
			{ mood: 'help-now', topics: [], idempotencyKey: key('kept') },
			NOW - 400 * DAY
		);
		expect(runHousekeeping(db, { now: new Date(NOW) }).checkIns).toBe(0);
		expect(runHousekeeping(db, { now: new Date(NOW), checkInRetentionMonths: 12 }).checkIns).toBe(
			1
		);
		expect(listCheckInsOf(db, jordan.id)).toEqual([]);
		expect(requestsOf(db, jordan.id)).toHaveLength(1);
	});
});

describe('how often the app asks', () => {
	it('asks when they chose to be asked and their last check-in is that long ago', () => {
		const { db, jordan } = setUp();
		const fresh = () => db.select().from(user).where(eq(user.id, jordan.id)).get()!;
		expect(isCheckInDue(db, fresh(), NOW)).toBe(false);
		saveCheckInFrequency(db, jordan, 'weekly');
		expect(fresh().checkInEvery).toBe('weekly');
		expect(isCheckInDue(db, fresh(), NOW)).toBe(true);
		recordCheckIn(db, jordan, { mood: 'good', topics: [], idempotencyKey: key('w') }, NOW);
		expect(isCheckInDue(db, fresh(), NOW + 6 * DAY)).toBe(false);
		expect(isCheckInDue(db, fresh(), NOW + 7 * DAY)).toBe(true);
		saveCheckInFrequency(db, jordan, 'monthly');
		expect(isCheckInDue(db, fresh(), NOW + 7 * DAY)).toBe(false);
		saveCheckInFrequency(db, jordan, 'off');
		expect(fresh().checkInEvery).toBeNull();
		expect(isCheckInDue(db, fresh(), NOW + 90 * DAY)).toBe(false);
	});
});

describe('the check-in form', () => {
	const english = runtime.getLocale;
	afterEach(() => {
		runtime.overwriteGetLocale(english);
		setLanguageSource(() => 'en');
	});

	const form = (entries: [string, string][]) => {
		const data = new FormData();
		for (const [name, value] of entries) {
			data.append(name, value);
		}
		return checkInFormFields(data);
	};

	it('takes every topic ticked, once each, in the list’s order', () => {
		const parsed = checkInSchema.parse(
			form([
				['mood', 'not-great'],
				['topics', 'lonely'],
				['topics', 'money'],
				['topics', 'lonely'],
				['words', '  '],
				['idempotencyKey', key('form')]
			])
		);
		expect(parsed).toEqual({
			mood: 'not-great',
			topics: ['money', 'lonely'],
			words: undefined,
			idempotencyKey: key('form')
		});
		// From the app: JSON with a list, or one topic on its own.
		expect(
			checkInSchema.parse({ mood: 'ok', topics: 'health', idempotencyKey: key('json') }).topics
		).toEqual(['health']);
	});

	it('says what is wrong beside each field, in the page’s language', () => {
		const errors = (input: unknown) =>
			Object.fromEntries(
				(checkInSchema.safeParse(input).error?.issues ?? []).map((issue) => [
					issue.path[0],
					issue.message
				])
			);
		const bad = {
			mood: 'fine',
			topics: ['money', 'cars'],
			words: 'x'.repeat(1001),
			idempotencyKey: key('bad')
		};
		expect(errors(bad)).toEqual({
			mood: 'Choose how you are',
			topics: 'Choose from the list',
			words: 'Keep it under 1000 characters'
		});
		runtime.overwriteGetLocale(() => 'ar');
		setLanguageSource(() => 'ar');
		expect(errors(bad).mood).toBe('اختر كيف حالك');
	});

	it('describes a check-in in the young person’s language, on the UK clock', () => {
		const { db, jordan } = setUp();
		const { checkIn: row } = recordCheckIn(
			db,
			jordan,
			{ mood: 'not-great', topics: ['money', 'lonely'], idempotencyKey: key('d') },
			Date.parse('2026-07-01T23:30:00Z')
		);
		expect(describeCheckIn(row, 'en')).toMatchObject({
			onYourMind: 'Money and Feeling lonely',
			when: '2 July 2026 at 00:30'
		});
		runtime.overwriteGetLocale(() => 'vi');
		expect(describeCheckIn(row, 'vi').onYourMind).toBe('Tiền bạc và Cảm thấy cô đơn');
	});
});
