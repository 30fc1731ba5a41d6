import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildExport } from '$lib/server/analytics/exports';
import {
	getCheckInsByWeek,
	getHelpNowFigures,
	getInTouchNow,
	getInTouchOverTime,
	getKeepingInTouch
} from '$lib/server/analytics/keeping-in-touch';
import { checkIn, supportRequest, user } from '$lib/server/db/schema';
import { logContact, saveInTouchWeeks } from '$lib/server/in-touch';
import { createSupportRequest, replyAsStaff } from '$lib/server/requests';
import type { CheckInMood } from '$lib/schemas/check-in';
import { FEWER_THAN_5 } from '$lib/suppression';
import { createTestDatabase } from './helpers';

type Db = ReturnType<typeof createTestDatabase>;
type Person = typeof user.$inferSelect;

/** November 2026 in London (GMT throughout); "today" is 2 December. */
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
const PREVIOUS = { from: '2026-10-02', to: '2026-10-31' };
const NOW = Date.parse('2026-12-02T12:00:00Z');
const ADDED = new Date('2026-01-05T10:00:00Z');

/** Dates of birth that put someone in each band on 30 November 2026. */
const BORN = { '17-18': '2008-06-01', '19-21': '2006-01-01', '22-25': '2003-01-01' } as const;

function setUp() {
	const db = createTestDatabase({ seed: false });
	const add = (values: typeof user.$inferInsert) =>
		db.insert(user).values(values).returning().get();
	const lead = add({ role: 'lead', name: 'Lee Lead' });
	const pat = add({ role: 'adviser', name: 'Pat PA' });
	const alex = add({ role: 'adviser', name: 'Alex PA' });
	let made = 0;
	/** `count` care leavers, each with the same details. */
	const leavers = (count: number, values: Partial<typeof user.$inferInsert> = {}) =>
		Array.from({ length: count }, () => {
			made += 1;
			return add({
				role: 'leaver',
				name: `Young person ${made}`,
				adviserId: pat.id,
				createdAt: ADDED,
				...values
			});
		});
	/** A phone call logged by their PA on a day. */
	const phoned = (people: Person[], on: string) =>
		people.forEach((person) => logContact(db, pat, person, { kind: 'phone', on }, NOW));
	return { db, lead, pat, alex, leavers, phoned };
}

let checkIns = 0;
function checkInAt(db: Db, leaverId: number, mood: CheckInMood, at: string, requestId?: number) {
	checkIns += 1;
	db.insert(checkIn)
		.values({
			leaverId,
			mood,
			topics: [],
			requestId,
			idempotencyKey: `check-in-${checkIns}-key`,
			createdAt: new Date(at)
		})
		.run();
}

/** A CSV's lines after its header, and its header. */
function csvOf(db: Db, name: Parameters<typeof buildExport>[1]) {
	const [header, ...rows] = buildExport(db, name, NOVEMBER, PREVIOUS).trim().split('\r\n');
	return { header, rows };
}

beforeEach(() => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(NOW);
});

afterEach(() => {
	vi.useRealTimers();
});

describe('care leavers in touch at the end of the period', () => {
	it('counts each age band and all ages, with the share in touch', () => {
		const { db, leavers, phoned } = setUp();
		const young = leavers(6, { dateOfBirth: BORN['17-18'] });
		const middle = leavers(5, { dateOfBirth: BORN['19-21'] });
		const older = leavers(10, { dateOfBirth: BORN['22-25'] });
		const unknown = leavers(1);
		// 8 weeks before 30 November is 5 October: contact on that day keeps them in touch.
		phoned(young.slice(0, 5), '2026-10-05');
		phoned(young.slice(5), '2026-10-04');
		phoned(middle, '2026-11-20');
		phoned([...older.slice(0, 5), ...unknown], '2026-11-29');

		const figures = getInTouchNow(db, NOVEMBER, NOW);
		expect(figures.asOf).toBe('2026-11-30');
		expect(figures.bands).toEqual([
			{ band: '17-18', careLeavers: 6, inTouch: 5, share: 5 / 6 },
			{ band: '19-21', careLeavers: 5, inTouch: 5, share: 1 },
			{ band: '22-25', careLeavers: 10, inTouch: 5, share: 0.5 }
		]);
		// Everyone, the young person with no date of birth too.
		expect(figures.all).toEqual({ band: 'all', careLeavers: 22, inTouch: 16, share: 16 / 22 });
	});

	it('hides counts of fewer than 5 young people and shares taken from them, and shows 5', () => {
		const { db, leavers, phoned } = setUp();
		const middle = leavers(4, { dateOfBirth: BORN['19-21'] });
		const older = leavers(10, { dateOfBirth: BORN['22-25'] });
		phoned(middle, '2026-11-20');
		phoned(older.slice(0, 4), '2026-11-20');

		const four = getInTouchNow(db, NOVEMBER, NOW);
		expect(four.bands).toEqual([
			{ band: '17-18', careLeavers: 0, inTouch: 0, share: null },
			{ band: '19-21', careLeavers: FEWER_THAN_5, inTouch: FEWER_THAN_5, share: 'suppressed' },
			// 4 of 10 would give the 4 away.
			{ band: '22-25', careLeavers: 10, inTouch: FEWER_THAN_5, share: 'suppressed' }
		]);
		// 14 with 10 shown gives the hidden 4 away: the total goes too.
		expect(four.all).toEqual({
			band: 'all',
			careLeavers: 'suppressed',
			inTouch: 'suppressed',
			share: 'suppressed'
		});

		phoned(leavers(1, { dateOfBirth: BORN['19-21'] }), '2026-11-21');
		phoned(older.slice(4, 5), '2026-11-21');
		const five = getInTouchNow(db, NOVEMBER, NOW);
		expect(five.bands[1]).toEqual({ band: '19-21', careLeavers: 5, inTouch: 5, share: 1 });
		expect(five.bands[2]).toEqual({ band: '22-25', careLeavers: 10, inTouch: 5, share: 0.5 });
		expect(five.all).toEqual({ band: 'all', careLeavers: 15, inTouch: 10, share: 10 / 15 });
	});

	it('counts who was a care leaver that day, and gives someone new time before they are out of touch', () => {
		const { db, leavers, phoned } = setUp();
		const counted = leavers(5, { dateOfBirth: BORN['19-21'] });
		phoned(counted.slice(0, 2), '2026-11-02');
		// Added 20 November, no contact yet: in touch. Disabled in December: still counted.
		leavers(1, { dateOfBirth: BORN['19-21'], createdAt: new Date('2026-11-20T09:00:00Z') });
		leavers(1, { dateOfBirth: BORN['19-21'], disabledAt: new Date('2026-12-01T09:00:00Z') });
		// Disabled in November, or added after the period: not counted.
		leavers(1, { dateOfBirth: BORN['19-21'], disabledAt: new Date('2026-11-10T09:00:00Z') });
		leavers(1, { dateOfBirth: BORN['19-21'], createdAt: new Date('2026-12-01T09:00:00Z') });

		expect(getInTouchNow(db, NOVEMBER, NOW).bands[1]).toEqual({
			band: '19-21',
			careLeavers: 7,
			inTouch: FEWER_THAN_5,
			share: 'suppressed'
		});
		phoned(counted.slice(2, 4), '2026-11-03');
		expect(getInTouchNow(db, NOVEMBER, NOW).bands[1]).toMatchObject({ inTouch: 5, share: 5 / 7 });
	});

	it('uses the lead’s number of weeks', () => {
		const { db, lead, leavers, phoned } = setUp();
		phoned(leavers(5, { dateOfBirth: BORN['22-25'] }), '2026-10-20');
		expect(getInTouchNow(db, NOVEMBER, NOW).all).toMatchObject({ inTouch: 5, share: 1 });
		saveInTouchWeeks(db, lead, 4);
		expect(getInTouchNow(db, NOVEMBER, NOW).all).toMatchObject({ inTouch: 0, share: 0 });
	});

	it('judges a period still going on today, and counts nobody in one not begun', () => {
		const { db, leavers, phoned } = setUp();
		phoned(leavers(5), '2026-10-06');
		// 8 weeks before 2 December is 7 October.
		const december = { from: '2026-12-01', to: '2026-12-31' };
		expect(getInTouchNow(db, december, NOW)).toMatchObject({
			asOf: '2026-12-02',
			all: { careLeavers: 5, inTouch: 0 }
		});
		expect(getInTouchNow(db, { from: '2027-01-01', to: '2027-01-31' }, NOW)).toMatchObject({
			asOf: null,
			all: null
		});
	});
});

describe('care leavers in touch per PA', () => {
	it('counts each PA’s young people, suppressed below 5, with those who have no PA last', () => {
		const { db, pat, alex, leavers, phoned } = setUp();
		const pats = leavers(5, { adviserId: pat.id });
		const alexs = leavers(4, { adviserId: alex.id });
		const none = leavers(6, { adviserId: null });
		phoned([...pats.slice(0, 4), ...alexs, ...none], '2026-11-10');

		expect(getInTouchNow(db, NOVEMBER, NOW).perAdviser).toEqual([
			{
				adviserId: alex.id,
				adviser: 'Alex PA',
				careLeavers: FEWER_THAN_5,
				inTouch: FEWER_THAN_5,
				share: 'suppressed'
			},
			{
				adviserId: pat.id,
				adviser: 'Pat PA',
				careLeavers: 5,
				inTouch: FEWER_THAN_5,
				share: 'suppressed'
			},
			{ adviserId: null, adviser: 'No PA', careLeavers: 6, inTouch: 6, share: 1 }
		]);
		expect(csvOf(db, 'in-touch-by-pa')).toEqual({
			header: 'on,adviser,care_leavers,in_touch,in_touch_percent',
			rows: [
				'2026-11-30,Alex PA,<5,<5,suppressed',
				'2026-11-30,Pat PA,5,<5,suppressed',
				'2026-11-30,No PA,6,6,100'
			]
		});
	});
});

describe('care leavers in touch week by week', () => {
	it('judges each week on its last day, counting no contact after it', () => {
		const { db, pat, leavers, phoned } = setUp();
		const people = leavers(5, { dateOfBirth: BORN['19-21'] });
		// In touch until 8 weeks after 10 September (5 November).
		phoned(people, '2026-09-10');
		// Contact of every kind on Wednesday 18 November.
		const [checks, writes, reads, logged, late] = people;
		checkInAt(db, checks.id, 'ok', '2026-11-18T23:30:00Z');
		createSupportRequest(
			db,
			writes,
			{
				topic: 'money',
				message: 'Can you help with a bill?',
				urgent: false,
				contactBy: 'app',
				idempotencyKey: 'writes-request-key'
			},
			Date.parse('2026-11-18T10:00:00Z')
		);
		const { request } = createSupportRequest(
			db,
			reads,
			{
				topic: 'home',
				message: 'Is there news on my flat?',
				urgent: false,
				contactBy: 'app',
				idempotencyKey: 'reads-request-key'
			},
			Date.parse('2026-09-01T10:00:00Z')
		);
		replyAsStaff(
			db,
			pat,
			request,
			{ message: 'Yes: it is ready.', idempotencyKey: 'reply-to-reads-key' },
			Date.parse('2026-11-18T10:00:00Z')
		);
		db.update(supportRequest)
			.set({ leaverReadAt: new Date('2026-11-25T10:00:00Z') })
			.where(eq(supportRequest.id, request.id))
			.run();
		phoned([logged], '2026-11-18');
		// And one more for one of them on Monday 30 November: the end of the period.
		phoned([late], '2026-11-30');

		const weeks = getInTouchOverTime(db, NOVEMBER, NOW);
		expect(weeks.map(({ week, on, inTouch, share }) => ({ week, on, inTouch, share }))).toEqual([
			{ week: '2026-10-26', on: '2026-11-01', inTouch: 5, share: 1 },
			{ week: '2026-11-02', on: '2026-11-08', inTouch: 0, share: 0 },
			// The contact on the 18th is after this week's end.
			{ week: '2026-11-09', on: '2026-11-15', inTouch: 0, share: 0 },
			{ week: '2026-11-16', on: '2026-11-22', inTouch: FEWER_THAN_5, share: 'suppressed' },
			{ week: '2026-11-23', on: '2026-11-29', inTouch: FEWER_THAN_5, share: 'suppressed' },
			{ week: '2026-11-30', on: '2026-11-30', inTouch: 5, share: 1 }
		]);
		// The last week is the end of the period, as the age bands count it.
		expect(getInTouchNow(db, NOVEMBER, NOW).all).toMatchObject({ careLeavers: 5, inTouch: 5 });
		expect(csvOf(db, 'in-touch-weekly').rows).toEqual([
			'2026-10-26,2026-11-01,5,5,100',
			'2026-11-02,2026-11-08,5,0,0',
			'2026-11-09,2026-11-15,5,0,0',
			'2026-11-16,2026-11-22,5,<5,suppressed',
			'2026-11-23,2026-11-29,5,<5,suppressed',
			'2026-11-30,2026-11-30,5,5,100'
		]);
	});

	it('never counts a reply the young person has not read', () => {
		const { db, pat, leavers } = setUp();
		const people = leavers(5);
		people.forEach((person, index) => {
			const { request } = createSupportRequest(
				db,
				person,
				{
					topic: 'money',
					message: 'Can you help with a bill?',
					urgent: false,
					contactBy: 'app',
					idempotencyKey: `old-request-${index}-key`
				},
				Date.parse('2026-08-01T10:00:00Z')
			);
			replyAsStaff(
				db,
				pat,
				request,
				{ message: 'Yes, I can.', idempotencyKey: `unread-reply-${index}-key` },
				Date.parse('2026-11-20T10:00:00Z')
			);
		});
		expect(getInTouchOverTime(db, NOVEMBER, NOW).at(-1)).toMatchObject({ inTouch: 0, share: 0 });
		expect(getKeepingInTouch(db, NOVEMBER, NOW).overTime.at(-1)).toMatchObject({ inTouch: 0 });
	});
});

describe('check-in answers by week', () => {
	it('counts answers per week and mood, hiding any count from 1 to 4', () => {
		const { db, leavers } = setUp();
		const [someone] = leavers(1);
		const answer = (mood: CheckInMood, count: number, at: string) => {
			for (let n = 0; n < count; n += 1) {
				checkInAt(db, someone.id, mood, at);
			}
		};
		answer('good', 5, '2026-11-03T09:00:00Z');
		answer('ok', 4, '2026-11-04T09:00:00Z');
		answer('help-now', 1, '2026-11-08T23:30:00Z');
		answer('ok', 6, '2026-11-09T00:10:00Z');
		// 31 October and 1 December: outside the period.
		answer('not-great', 5, '2026-10-31T23:30:00Z');
		answer('not-great', 5, '2026-12-01T00:00:00Z');

		const weeks = getCheckInsByWeek(db, NOVEMBER, NOW);
		expect(weeks.map((week) => week.week)).toEqual([
			'2026-10-26',
			'2026-11-02',
			'2026-11-09',
			'2026-11-16',
			'2026-11-23',
			'2026-11-30'
		]);
		expect(weeks[1]).toEqual({
			week: '2026-11-02',
			from: '2026-11-02',
			to: '2026-11-08',
			good: 5,
			ok: FEWER_THAN_5,
			'not-great': 0,
			'help-now': FEWER_THAN_5
		});
		expect(weeks[2]).toMatchObject({ good: 0, ok: 6, 'not-great': 0, 'help-now': 0 });
		expect(weeks[5]).toMatchObject({ 'not-great': 0 });
		expect(csvOf(db, 'check-ins-weekly').rows.slice(0, 3)).toEqual([
			'2026-10-26,2026-11-01,2026-11-01,0,0,0,0',
			'2026-11-02,2026-11-02,2026-11-08,5,<5,0,<5',
			'2026-11-09,2026-11-09,2026-11-15,0,6,0,0'
		]);
	});
});

describe('“I need help now”', () => {
	it('counts them and gives the median time to a first reply once 5 were answered', () => {
		const { db, pat, leavers } = setUp();
		const people = leavers(7);
		const helpNow = (person: Person, at: string) => {
			const { request } = createSupportRequest(
				db,
				person,
				{
					topic: 'other',
					message: 'I need help now (check-in).',
					urgent: true,
					contactBy: 'app',
					idempotencyKey: `help-now-${person.id}-key`
				},
				Date.parse(at)
			);
			checkInAt(db, person.id, 'help-now', at, request.id);
			return request;
		};
		const answer = (request: ReturnType<typeof helpNow>, minutes: number) =>
			replyAsStaff(
				db,
				pat,
				request,
				{ message: 'I am calling you now.', idempotencyKey: `answer-${request.id}-key` },
				request.createdAt.getTime() + minutes * 60_000
			);
		const asked = people.slice(0, 5).map((person) => helpNow(person, '2026-11-10T22:00:00Z'));
		[10, 20, 30, 40].forEach((minutes, index) => answer(asked[index], minutes));
		// In October: not this period.
		answer(helpNow(people[6], '2026-10-20T10:00:00Z'), 1);

		expect(getHelpNowFigures(db, NOVEMBER)).toEqual({
			count: 5,
			answered: FEWER_THAN_5,
			medianFirstResponseMinutes: null
		});

		answer(asked[4], 600);
		helpNow(people[5], '2026-11-28T10:00:00Z');
		expect(getHelpNowFigures(db, NOVEMBER)).toEqual({
			count: 6,
			answered: 5,
			medianFirstResponseMinutes: 30
		});
		expect(csvOf(db, 'help-now')).toEqual({
			header: 'from,to,help_now_check_ins,answered,median_first_response_minutes',
			rows: ['2026-11-01,2026-11-30,6,5,30']
		});
	});

	it('hides fewer than 5', () => {
		const { db, leavers } = setUp();
		for (const person of leavers(4)) {
			checkInAt(db, person.id, 'help-now', '2026-11-12T10:00:00Z');
		}
		expect(getHelpNowFigures(db, NOVEMBER)).toEqual({
			count: FEWER_THAN_5,
			answered: 0,
			medianFirstResponseMinutes: null
		});
	});
});

describe('the CSV files', () => {
	it('writes in touch by age with the same suppression as the page', () => {
		const { db, leavers, phoned } = setUp();
		phoned(leavers(4, { dateOfBirth: BORN['17-18'] }), '2026-11-20');
		phoned(leavers(6, { dateOfBirth: BORN['22-25'] }), '2026-11-20');

		expect(csvOf(db, 'in-touch')).toEqual({
			header: 'on,age_band,care_leavers,in_touch,in_touch_percent',
			rows: [
				'2026-11-30,17-18,<5,<5,suppressed',
				'2026-11-30,19-21,0,0,',
				'2026-11-30,22-25,6,6,100',
				'2026-11-30,all,suppressed,suppressed,suppressed'
			]
		});
		// The dashboard has the same figures.
		expect(getKeepingInTouch(db, NOVEMBER).bands[0]).toMatchObject({
			careLeavers: FEWER_THAN_5,
			share: 'suppressed'
		});
	});
});
