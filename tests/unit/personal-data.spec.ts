import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recordEvents, validateEventBatch } from '$lib/server/analytics/ingest';
import { createSession } from '$lib/server/auth/session';
import { usernameKey } from '$lib/server/auth/throttle';
import type { Database } from '$lib/server/db/connection';
import {
	calendarEvent,
	contactLog,
	eventPlace,
	invite,
	throttleFailure,
	user
} from '$lib/server/db/schema';
import { recordCheckIn } from '$lib/server/check-ins';
import { goToEvent } from '$lib/server/events';
import { createPledge, decidePledge, matchPledge, recordOutcome } from '$lib/server/pledges';
import { savePushSubscription } from '$lib/server/push-subscriptions';
import {
	exportPersonalData,
	PERSONAL_DATA_EXCLUSIONS,
	PERSONAL_DATA_TABLES
} from '$lib/server/personal-data';
import {
	addInternalNote,
	createSupportRequest,
	getLeaverRequest,
	recordHelpful,
	replyAsLeaver,
	replyAsStaff
} from '$lib/server/requests';
import { createTestDatabase } from './helpers';

/** Column names that mean "a person", whether or not the column has a foreign key. */
const PERSON_COLUMN =
	/^(user|leaver|author|actor|adviser|subject_user|created_by|updated_by|owner|staff|supporter|member|sender|recipient)_id$/;

/**
 * Every table of the migrated database (so also tables made by hand-written SQL) with a column
 * that points at a person: a foreign key to `user`, or a column named like one.
 */
function tablesPointingAtPeople(db: Database): Map<string, string[]> {
	const client = db.$client;
	const tables = client
		.prepare(
			`SELECT name FROM sqlite_schema WHERE type = 'table'
			 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`
		)
		.pluck()
		.all() as string[];
	const found = new Map<string, string[]>();
	for (const table of tables) {
		const foreignKeys = client
			.prepare('SELECT "from", "table" FROM pragma_foreign_key_list(?)')
			.all(table) as { from: string; table: string }[];
		const columns = client
			.prepare('SELECT name FROM pragma_table_info(?)')
			.pluck()
			.all(table) as string[];
		const pointing = new Set([
			...foreignKeys.filter((key) => key.table === 'user').map((key) => key.from),
			...columns.filter((column) => PERSON_COLUMN.test(column))
		]);
		if (pointing.size > 0) {
			found.set(table, [...pointing].sort());
		}
	}
	return found;
}

function allTables(db: Database): string[] {
	return db.$client
		.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
		.pluck()
		.all() as string[];
}

describe('which tables "Download my data" must cover', () => {
	it('finds the tables that point at a person in the migrated schema', () => {
		const found = tablesPointingAtPeople(createTestDatabase({ seed: false }));
		// The detector itself: if it found nothing, the next test would pass for nothing.
		expect(found.get('support_request')).toEqual(['adviser_id', 'cover_for_id', 'leaver_id']);
		expect(found.get('request_message')).toEqual(['author_id']);
		expect(found.get('analytics_event')).toEqual(['user_id']);
		expect(found.get('audit_event')).toEqual(['actor_id', 'subject_user_id']);
		expect(found.get('pledge_match')).toEqual(['leaver_id', 'matched_by_id', 'outcome_by_id']);
		expect(found.has('offer')).toBe(false);
	});

	it('notices a new table that points at a person by a foreign key or by its name', () => {
		const db = createTestDatabase({ seed: false });
		db.$client.exec(`
			CREATE TABLE gift (id INTEGER PRIMARY KEY, sender_id INTEGER);
			CREATE TABLE diary (id INTEGER PRIMARY KEY, written_for INTEGER REFERENCES user(id));
		`);
		const found = tablesPointingAtPeople(db);
		expect(found.get('gift')).toEqual(['sender_id']);
		expect(found.get('diary')).toEqual(['written_for']);
	});

	it('has every table that points at a person either in the export or excluded with a reason', () => {
		const found = tablesPointingAtPeople(createTestDatabase({ seed: false }));
		const undecided = [...found.keys()].filter(
			(table) => !(table in PERSONAL_DATA_TABLES) && !(table in PERSONAL_DATA_EXCLUSIONS)
		);
		// A new table here: read it in exportPersonalData (and PERSONAL_DATA_TABLES), or add it to
		// PERSONAL_DATA_EXCLUSIONS with the reason it is not about the young person.
		expect(undecided).toEqual([]);
	});

	it('lists only real tables, none both read and excluded, each exclusion with a reason', () => {
		const db = createTestDatabase({ seed: false });
		const found = tablesPointingAtPeople(db);
		const tables = allTables(db);
		expect(Object.keys(PERSONAL_DATA_TABLES).filter((name) => !tables.includes(name))).toEqual([]);
		for (const [table, reason] of Object.entries(PERSONAL_DATA_EXCLUSIONS)) {
			expect(found.has(table), `${table} no longer points at a person`).toBe(true);
			expect(table in PERSONAL_DATA_TABLES, `${table} is both read and excluded`).toBe(false);
			expect(reason.length).toBeGreaterThan(10);
		}
	});
});

const NOW = Date.parse('2026-11-23T12:00:00.000Z');

/** One care leaver with a row in every table the export reads, and another care leaver too. */
function seedTwoLeavers() {
	const db = createTestDatabase();
	const add = (values: typeof user.$inferInsert) =>
		db.insert(user).values(values).returning().get();
	const pa = add({ role: 'adviser', name: 'Alex Adviser', username: 'alex' });
	const jordan = add({
		role: 'leaver',
		name: 'Jordan',
		username: 'jordan',
		dateOfBirth: '2006-05-01',
		adviserId: pa.id,
		livesInArea: true
	});
	const riley = add({ role: 'leaver', name: 'Riley', username: 'riley', adviserId: pa.id });
	const lead = add({ role: 'lead', name: 'Lee Lead', username: 'lee' });
	const supporter = add({
		role: 'supporter',
		name: 'SUPPORTER-NAME Sam',
		username: 'sam',
		email: 'supporter-address@council.example'
	});

	const jordanSession = createSession(db, 'jordan-session-token-aaaaaaaaaaaa', jordan, {
		mfaVerified: true,
		device: 'Firefox on Android',
		now: NOW - 3_600_000
	});
	const rileySession = createSession(db, 'riley-session-token-bbbbbbbbbbbbb', riley, {
		mfaVerified: true,
		device: 'Safari on iPhone',
		now: NOW
	});
	db.insert(invite)
		.values({
			userId: jordan.id,
			codeHash: 'jordan-invite-hash',
			createdById: pa.id,
			createdAt: new Date(NOW - 86_400_000 * 10),
			expiresAt: new Date(NOW + 86_400_000 * 4),
			usedAt: new Date(NOW - 86_400_000 * 9)
		})
		.run();

	const { request } = createSupportRequest(
		db,
		jordan,
		{
			topic: 'money',
			offer: 'council-tax-exemption',
			message: 'JORDAN-ASKS: do I pay council tax?',
			urgent: true,
			contactBy: 'phone',
			contactDetail: '07700 900123',
			contactWhen: 'After 4pm',
			idempotencyKey: 'jordan-request-key-aaaa'
		},
		NOW - 7_200_000
	);
	replyAsStaff(db, pa, request, { message: 'PA-REPLIES: no, you do not.' }, NOW - 3_600_000);
	addInternalNote(db, pa, request, 'INTERNAL-NOTE: check the tax account', NOW - 3_000_000);
	const current = getLeaverRequest(db, jordan, request.id)!;
	replyAsLeaver(
		db,
		jordan,
		current,
		{ message: 'JORDAN-THANKS: great', idempotencyKey: 'jordan-reply-key-bbbb' },
		NOW - 1_800_000
	);
	recordHelpful(db, current, { helpful: 'yes', comment: 'HELPFUL-COMMENT: quick answer' });

	createSupportRequest(
		db,
		riley,
		{
			topic: 'health',
			message: 'RILEY-PRIVATE: dentist',
			urgent: false,
			contactBy: 'email',
			contactDetail: 'riley@example.org',
			idempotencyKey: 'riley-request-key-cccc'
		},
		NOW
	);

	savePushSubscription(
		db,
		{ userId: jordan.id, sessionId: jordanSession.id },
		{
			endpoint: 'https://fcm.googleapis.com/fcm/send/JORDAN-PUSH-ENDPOINT',
			keys: { p256dh: 'JORDAN-P256DH-KEY-xxxxxxxxxxxx', auth: 'JORDAN-AUTH-KEY' }
		}
	);
	savePushSubscription(
		db,
		{ userId: riley.id, sessionId: rileySession.id },
		{
			endpoint: 'https://web.push.apple.com/RILEY-PUSH-ENDPOINT',
			keys: { p256dh: 'RILEY-P256DH-KEY-xxxxxxxxxxxxx', auth: 'RILEY-AUTH-KEY' }
		}
	);

	const track = (
		visitor: string,
		userId: number,
		events: { type: string; [key: string]: unknown }[]
	) => {
		const at = new Date(NOW - 600_000).toISOString();
		const result = validateEventBatch(
			db,
			{ visitor, events: events.map((event) => ({ at, ...event })) },
			NOW
		);
		if (!result.ok) {
			throw new Error(JSON.stringify(result));
		}
		recordEvents(db, result.batch, result.offerIds, { userId });
	};
	track('JORDAN-VISITOR-ID-1234', jordan.id, [
		{ type: 'offer_view', offer: 'council-tax-exemption', path: '/offers/council-tax-exemption' },
		{ type: 'search', q: 'Jordan Search Words', results: 3, path: '/offers' }
	]);
	track('RILEY-VISITOR-ID-56789', riley.id, [
		{ type: 'search', q: 'riley search words', results: 0, path: '/offers' }
	]);

	db.insert(throttleFailure)
		.values([
			{ key: usernameKey('jordan'), at: new Date(NOW - 60_000) },
			{ key: usernameKey('riley'), at: new Date(NOW - 30_000) }
		])
		.run();

	const addEvent = (title: string) =>
		db
			.insert(calendarEvent)
			.values({
				kind: 'group',
				title,
				summary: 'A meeting of the participation group.',
				body: 'We talk about what the council should do next.',
				startsAt: new Date(NOW + 86_400_000 * 7),
				endsAt: new Date(NOW + 86_400_000 * 7 + 7_200_000),
				minAge: 16,
				maxAge: 25,
				statuses: ['eligible', 'relevant', 'former-relevant', 'qualifying'],
				status: 'published'
			})
			.returning()
			.get();
	const jordansEvent = addEvent('JORDAN-EVENT: group meeting');
	const rileysEvent = addEvent('RILEY-EVENT: drop-in');
	goToEvent(db, jordan, jordansEvent.id, new Date(NOW - 86_400_000));
	goToEvent(db, riley, rileysEvent.id, new Date(NOW - 86_400_000));
	db.update(eventPlace).set({ attended: true }).where(eq(eventPlace.leaverId, jordan.id)).run();

	const offered = createPledge(
		db,
		supporter,
		{
			scheme: 'helping-hands',
			kind: 'time',
			timeKind: 'interview-practice',
			details: 'SUPPORTER-DETAILS: I interview people in the IT team most weeks.',
			places: 3,
			until: '2026-12-31'
		},
		NOW - 86_400_000 * 3
	);
	decidePledge(
		db,
		lead,
		offered,
		{
			approve: true,
			shown: {
				title: 'Practise a job interview',
				summary: 'A practice interview with someone who interviews people for real.',
				shownAs: 'Someone from the council'
			}
		},
		NOW - 86_400_000 * 2
	);
	const askFor = (leaver: typeof jordan, message: string, key: string, at: number) =>
		createSupportRequest(
			db,
			leaver,
			{
				topic: 'work',
				pledgeId: offered.id,
				message,
				urgent: false,
				contactBy: 'app',
				idempotencyKey: key
			},
			at
		).request;
	const matchWith = (request: ReturnType<typeof askFor>, meetWhere: string, at: number) => {
		const matched = matchPledge(
			db,
			pa,
			request,
			{ meetWhen: 'Tuesday 1 December, 2pm', meetWhere, note: 'PA-NOTE-TO-SUPPORTER: be kind' },
			at
		);
		if (!matched.ok) {
			throw new Error(matched.problem);
		}
		return matched.match;
	};
	const jordansMatch = matchWith(
		askFor(jordan, 'JORDAN-PLEDGE-ASK: can I do this?', 'jordan-pledge-key-dddd', NOW - 1_200_000),
		'Council offices, reception',
		NOW - 600_000
	);
	recordOutcome(db, supporter, jordansMatch, { outcome: 'took-place', hours: 1.5 }, NOW - 300_000);
	matchWith(
		askFor(riley, 'RILEY-PLEDGE-ASK: me too', 'riley-pledge-key-eeee', NOW - 1_200_000),
		'RILEY-MEET: the library',
		NOW - 600_000
	);

	recordCheckIn(
		db,
		jordan,
		{
			mood: 'not-great',
			topics: ['money', 'lonely'],
			words: 'JORDAN-CHECK-IN: rent is late',
			idempotencyKey: 'jordan-check-in-key-ffff'
		},
		NOW - 900_000
	);
	recordCheckIn(
		db,
		riley,
		{
			mood: 'good',
			topics: [],
			words: 'RILEY-CHECK-IN: fine',
			idempotencyKey: 'riley-check-in-key-gggg'
		},
		NOW - 900_000
	);
	db.insert(contactLog)
		.values([
			{
				leaverId: jordan.id,
				loggedById: pa.id,
				kind: 'met',
				on: '2026-11-20',
				createdAt: new Date(NOW - 86_400_000)
			},
			{
				leaverId: riley.id,
				loggedById: pa.id,
				kind: 'phone',
				on: '2026-11-21',
				createdAt: new Date(NOW - 86_400_000)
			}
		])
		.run();

	return { db, pa, jordan, riley, requestId: request.id };
}

type Export = ReturnType<typeof exportPersonalData>;

/** For each table the export says it reads: the evidence that the seeded row came out. */
const SEEN_IN_EXPORT: Record<keyof typeof PERSONAL_DATA_TABLES, (data: Export) => void> = {
	user: (data) => {
		expect(data.account).toMatchObject({
			username: 'jordan',
			firstName: 'Jordan',
			dateOfBirth: '2006-05-01',
			livesInArea: true,
			personalAdviser: 'Alex Adviser'
		});
	},
	session: (data) => {
		expect(data.sessions).toEqual([
			{
				device: 'Firefox on Android',
				signedInAt: '2026-11-23T11:00:00.000Z',
				lastUsedAt: '2026-11-23T11:00:00.000Z',
				endsAt: expect.any(String)
			}
		]);
	},
	invite: (data) => {
		expect(data.invites).toEqual([
			{
				madeBy: 'Alex Adviser',
				madeAt: '2026-11-13T12:00:00.000Z',
				expiresAt: '2026-11-27T12:00:00.000Z',
				usedAt: '2026-11-14T12:00:00.000Z',
				replacedAt: null
			}
		]);
	},
	support_request: (data) => {
		expect(data.requests).toHaveLength(2);
		expect(data.requests.map((request) => request.askedForPledge)).toEqual([
			null,
			'Practise a job interview'
		]);
		expect(data.requests[0]).toMatchObject({
			topic: 'Money',
			aboutOffer: expect.stringMatching(/council tax/i),
			urgent: true,
			howYouWantedToBeContacted: 'A phone call',
			contactDetailYouGave: '07700 900123',
			whenToContactYou: 'After 4pm',
			answeredBy: 'Alex Adviser',
			status: 'Your PA is on it',
			sentAt: '2026-11-23T10:00:00.000Z',
			firstReplyAt: '2026-11-23T11:00:00.000Z',
			didWeHelp: 'yes',
			didWeHelpComment: 'HELPFUL-COMMENT: quick answer'
		});
	},
	request_message: (data) => {
		expect(data.requests[0].messages).toEqual([
			{
				from: 'you',
				sentAt: '2026-11-23T10:00:00.000Z',
				text: 'JORDAN-ASKS: do I pay council tax?',
				crisisWordsFound: false
			},
			{
				from: 'Alex Adviser',
				sentAt: '2026-11-23T11:00:00.000Z',
				text: 'PA-REPLIES: no, you do not.',
				crisisWordsFound: false
			},
			{
				from: 'you',
				sentAt: '2026-11-23T11:30:00.000Z',
				text: 'JORDAN-THANKS: great',
				crisisWordsFound: false
			}
		]);
	},
	push_subscription: (data) => {
		expect(data.notifications).toEqual([
			{ turnedOnAt: expect.any(String), pushService: 'fcm.googleapis.com' }
		]);
	},
	analytics_event: (data) => {
		expect(data.usage).toEqual([
			{
				at: '2026-11-23T11:50:00.000Z',
				what: 'Looked at part of the offer',
				offer: expect.stringMatching(/council tax/i),
				page: '/offers/council-tax-exemption',
				searchedFor: null,
				searchResults: null
			},
			{
				at: '2026-11-23T11:50:00.000Z',
				what: 'Searched',
				offer: null,
				page: '/offers',
				searchedFor: 'jordan search words',
				searchResults: 3
			}
		]);
	},
	audit_event: (data) => {
		expect(data.activityLog.map((row) => row.what)).toEqual(
			expect.arrayContaining(['Replied to a request', 'Added an internal note'])
		);
	},
	throttle_failure: (data) => {
		expect(data.failedSignIns).toEqual([{ at: '2026-11-23T11:59:00.000Z' }]);
	},
	event_place: (data) => {
		expect(data.events).toEqual([
			{
				event: 'JORDAN-EVENT: group meeting',
				startsAt: '2026-11-30T12:00:00.000Z',
				place: "You're going",
				came: true,
				joinedAt: '2026-11-22T12:00:00.000Z',
				remindedAt: null,
				lastChangedAt: expect.any(String)
			}
		]);
	},
	check_in: (data) => {
		expect(data.checkIns).toEqual([
			{
				sentAt: '2026-11-23T11:45:00.000Z',
				howYouWere: 'Not great',
				onYourMind: ['money', 'feeling lonely'],
				yourWords: 'JORDAN-CHECK-IN: rent is late',
				requestNumber: null
			}
		]);
	},
	contact_log: (data) => {
		expect(data.contactsLogged).toEqual([
			{
				on: '2026-11-20',
				what: 'Your PA met you',
				loggedBy: 'Alex Adviser',
				loggedAt: '2026-11-22T12:00:00.000Z'
			}
		]);
	},
	pledge_match: (data) => {
		expect(data.pledgeMatches).toEqual([
			{
				pledge: 'Practise a job interview',
				when: 'Tuesday 1 December, 2pm',
				where: 'Council offices, reception',
				howItWent: 'It happened',
				hours: 1.5,
				moneyPaid: null,
				matchedAt: '2026-11-23T11:50:00.000Z',
				lastChangedAt: '2026-11-23T11:55:00.000Z'
			}
		]);
	}
};

describe('"Download my data"', () => {
	it('has a check below for every table it says it reads', () => {
		expect(Object.keys(SEEN_IN_EXPORT).sort()).toEqual(Object.keys(PERSONAL_DATA_TABLES).sort());
	});

	it.each(Object.keys(PERSONAL_DATA_TABLES) as (keyof typeof PERSONAL_DATA_TABLES)[])(
		'puts the young person’s row from %s in the file',
		(table) => {
			const { db, jordan } = seedTwoLeavers();
			SEEN_IN_EXPORT[table](exportPersonalData(db, jordan, new Date(NOW)));
		}
	);

	it('leaves out internal notes, and says plainly that it does', () => {
		const { db, jordan } = seedTwoLeavers();
		const data = exportPersonalData(db, jordan, new Date(NOW));
		expect(JSON.stringify(data)).not.toContain('INTERNAL-NOTE');
		expect(data.notIncluded.join(' ')).toMatch(/internal notes/i);
		expect(data.notIncluded.join(' ')).toMatch(/right to see/i);
	});

	it("never includes another young person's data", () => {
		const { db, jordan } = seedTwoLeavers();
		const text = JSON.stringify(exportPersonalData(db, jordan, new Date(NOW)));
		for (const other of ['RILEY', 'riley', 'Safari on iPhone', 'web.push.apple.com']) {
			expect(text).not.toContain(other);
		}
	});

	it('never says who a pledge is from or what was written for the supporter', () => {
		const { db, jordan } = seedTwoLeavers();
		const text = JSON.stringify(exportPersonalData(db, jordan, new Date(NOW)));
		// The detector: Jordan's match is in the file, so its absence below means something.
		expect(text).toContain('Council offices, reception');
		for (const hidden of [
			'SUPPORTER-NAME',
			'supporter-address@council.example',
			'SUPPORTER-DETAILS',
			'PA-NOTE-TO-SUPPORTER'
		]) {
			expect(text).not.toContain(hidden);
		}
	});

	it('describes secrets without including them: no keys, push address, visitor id or hashes', () => {
		const { db, jordan } = seedTwoLeavers();
		const text = JSON.stringify(exportPersonalData(db, jordan, new Date(NOW)));
		for (const secret of [
			'JORDAN-PUSH-ENDPOINT',
			'JORDAN-P256DH-KEY',
			'JORDAN-AUTH-KEY',
			'JORDAN-VISITOR-ID',
			'jordan-invite-hash',
			'jordan-request-key',
			'jordan-reply-key',
			'jordan-check-in-key'
		]) {
			expect(text).not.toContain(secret);
		}
		expect(text).not.toMatch(/visitor_?hash|p256dh|idempotency/i);
	});

	it('writes every time as an ISO 8601 UTC string', () => {
		const { db, jordan } = seedTwoLeavers();
		const times: unknown[] = [];
		const walk = (value: unknown, key = '') => {
			if (/(At|Since)$/.test(key) || key === 'at') {
				times.push(value);
			}
			if (value && typeof value === 'object') {
				for (const [childKey, child] of Object.entries(value)) {
					walk(child, Array.isArray(value) ? key : childKey);
				}
			}
		};
		walk(exportPersonalData(db, jordan, new Date(NOW)));
		expect(times.length).toBeGreaterThan(10);
		for (const time of times) {
			if (time !== null) {
				expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
			}
		}
	});
});
