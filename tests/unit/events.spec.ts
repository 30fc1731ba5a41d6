import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { eventFormSchema, emptyEventForm, toEventFormValues } from '$lib/schemas/event-form';
import type { Database } from '$lib/server/db/connection';
import { auditEvent, eventPlace, user } from '$lib/server/db/schema';
import {
	cancelPlace,
	countPlaces,
	createEvent,
	eventCalendarFile,
	EVENT_NOTICES,
	foldLines,
	getLeaverPlace,
	goToEvent,
	listUpcomingEvents,
	markAttendance,
	saveEvent,
	sendEventReminders,
	type CalendarEvent
} from '$lib/server/events';
import { seedDemoAccounts } from '$lib/server/demo';
import { seedDemoEvents } from '$lib/server/demo-events';
import { runHousekeeping } from '$lib/server/housekeeping';
import { getUserByUsername } from '$lib/server/users';
import { createTestDatabase } from './helpers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 23 November 2026, 12:00 in London (GMT). */
const NOW = new Date('2026-11-23T12:00:00Z');

/** The lead's form for an event, filled in; `overrides` as typed. */
function eventForm(overrides: Partial<ReturnType<typeof emptyEventForm>> = {}) {
	return {
		...emptyEventForm(),
		title: 'Let’s Take Action',
		kind: 'group',
		summary: 'Have your say on what the council does for care leavers.',
		body: 'We meet, eat pizza and talk about what should change.',
		date: '2026-12-03',
		startTime: '17:00',
		endTime: '19:00',
		place: 'Stockton Central Library',
		capacity: '1',
		...overrides
	};
}

function content(overrides: Partial<ReturnType<typeof emptyEventForm>> = {}) {
	const parsed = eventFormSchema.safeParse(eventForm(overrides));
	if (!parsed.success) {
		throw new Error(JSON.stringify(parsed.error.issues));
	}
	return parsed.data;
}

function setUp() {
	const db = createTestDatabase();
	const add = (values: typeof user.$inferInsert) =>
		db.insert(user).values(values).returning().get();
	const lead = add({ role: 'lead', name: 'Dana Lead', username: 'dana' });
	const adviser = add({ role: 'adviser', name: 'Alex Adviser', username: 'alex' });
	const [amir, bea, cal] = ['Amir', 'Bea', 'Cal'].map((name) =>
		add({ role: 'leaver', name, username: name.toLowerCase(), adviserId: adviser.id })
	);
	const publish = (overrides: Partial<ReturnType<typeof emptyEventForm>> = {}) =>
		createEvent(db, lead, content(overrides), 'publish', new Date(NOW.getTime() - DAY));
	return { db, lead, adviser, amir, bea, cal, publish };
}

const later = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
const statusOf = (db: Database, eventId: number, leaver: { id: number }) =>
	getLeaverPlace(db, eventId, leaver.id);

describe('going to an event', () => {
	it('gives a place while there is room, then puts people on the waiting list in order', () => {
		const { db, amir, bea, cal, publish } = setUp();
		const event = publish({ capacity: '1' });
		expect(goToEvent(db, amir, event.id, NOW)).toEqual({ ok: true, status: 'going' });
		expect(goToEvent(db, bea, event.id, later(1))).toEqual({ ok: true, status: 'waiting' });
		expect(goToEvent(db, cal, event.id, later(2))).toEqual({ ok: true, status: 'waiting' });
		expect(statusOf(db, event.id, bea)).toEqual({ status: 'waiting', position: 1 });
		expect(statusOf(db, event.id, cal)).toEqual({ status: 'waiting', position: 2 });
		expect(countPlaces(db, [event.id]).get(event.id)).toEqual({ going: 1, waiting: 2 });
	});

	it('changes nothing when someone says they are going twice', () => {
		const { db, amir, bea, publish } = setUp();
		const event = publish({ capacity: '1' });
		goToEvent(db, amir, event.id, NOW);
		goToEvent(db, bea, event.id, later(1));
		expect(goToEvent(db, bea, event.id, later(2))).toEqual({ ok: true, status: 'waiting' });
		expect(goToEvent(db, amir, event.id, later(2))).toEqual({ ok: true, status: 'going' });
		expect(countPlaces(db, [event.id]).get(event.id)).toEqual({ going: 1, waiting: 1 });
	});

	it('moves the first person waiting up when someone going cancels, and says who moved', () => {
		const { db, amir, bea, cal, publish } = setUp();
		const event = publish({ capacity: '1' });
		goToEvent(db, amir, event.id, NOW);
		goToEvent(db, bea, event.id, later(1));
		goToEvent(db, cal, event.id, later(2));
		expect(cancelPlace(db, amir, event.id, later(3))).toEqual({ ok: true, movedUp: [bea.id] });
		expect(statusOf(db, event.id, amir)).toBeNull();
		expect(statusOf(db, event.id, bea)).toEqual({ status: 'going', position: null });
		expect(statusOf(db, event.id, cal)).toEqual({ status: 'waiting', position: 1 });
	});

	it('moves nobody up when someone on the waiting list leaves it', () => {
		const { db, amir, bea, cal, publish } = setUp();
		const event = publish({ capacity: '1' });
		goToEvent(db, amir, event.id, NOW);
		goToEvent(db, bea, event.id, later(1));
		goToEvent(db, cal, event.id, later(2));
		expect(cancelPlace(db, bea, event.id, later(3))).toEqual({ ok: true, movedUp: [] });
		expect(statusOf(db, event.id, cal)).toEqual({ status: 'waiting', position: 1 });
	});

	it('puts someone who cancels and comes back at the end of the queue', () => {
		const { db, amir, bea, cal, publish } = setUp();
		const event = publish({ capacity: '1' });
		goToEvent(db, amir, event.id, NOW);
		goToEvent(db, bea, event.id, later(1));
		cancelPlace(db, bea, event.id, later(2));
		goToEvent(db, cal, event.id, later(3));
		expect(goToEvent(db, bea, event.id, later(4))).toEqual({ ok: true, status: 'waiting' });
		expect(statusOf(db, event.id, bea)).toEqual({ status: 'waiting', position: 2 });
	});

	it('has no waiting list when there is no limit', () => {
		const { db, amir, bea, cal, publish } = setUp();
		const event = publish({ capacity: '' });
		for (const leaver of [amir, bea, cal]) {
			expect(goToEvent(db, leaver, event.id, NOW)).toEqual({ ok: true, status: 'going' });
		}
	});

	it('cannot be joined or cancelled once it has started, nor by staff, nor as a draft', () => {
		const { db, lead, adviser, amir, bea, publish } = setUp();
		const event = publish({ capacity: '5' });
		goToEvent(db, bea, event.id, NOW);
		const startsAt = event.startsAt.getTime();
		expect(goToEvent(db, amir, event.id, new Date(startsAt))).toEqual({
			ok: false,
			reason: 'started'
		});
		expect(goToEvent(db, amir, event.id, new Date(startsAt + DAY))).toEqual({
			ok: false,
			reason: 'started'
		});
		expect(cancelPlace(db, bea, event.id, new Date(startsAt + HOUR))).toEqual({
			ok: false,
			reason: 'started'
		});
		expect(goToEvent(db, adviser, event.id, NOW)).toEqual({
			ok: false,
			reason: 'not-a-care-leaver'
		});
		const draft = createEvent(db, lead, content(), 'save', NOW);
		expect(goToEvent(db, amir, draft.id, NOW)).toEqual({ ok: false, reason: 'not-found' });
	});

	it('lists published events until they end, soonest first, never drafts or closed ones', () => {
		const { db, lead, amir, publish } = setUp();
		const celebration = publish({ title: 'Celebration event', date: '2026-12-14' });
		const sooner = publish({ title: 'Drop-in', date: '2026-11-24', capacity: '2' });
		createEvent(db, lead, content({ title: 'A draft' }), 'save', NOW);
		createEvent(db, lead, content({ title: 'A closed one' }), 'close', NOW);
		goToEvent(db, amir, sooner.id, NOW);
		const titles = (at: number) => listUpcomingEvents(db, at).map((event) => event.title);
		expect(titles(NOW.getTime())).toEqual(['Drop-in', 'Celebration event']);
		expect(listUpcomingEvents(db, NOW.getTime())[0]).toMatchObject({ going: 1, waiting: 0 });
		// Still listed while it is on; gone once it has ended.
		expect(titles(sooner.startsAt.getTime() + HOUR)).toEqual(['Drop-in', 'Celebration event']);
		expect(titles(sooner.endsAt.getTime())).toEqual(['Celebration event']);
		expect(celebration.status).toBe('published');
	});
});

describe('a lead changing the number of places', () => {
	it('never takes a place from anyone going when places are cut', () => {
		const { db, lead, amir, bea, cal, publish } = setUp();
		const event = publish({ capacity: '3' });
		for (const leaver of [amir, bea, cal]) {
			goToEvent(db, leaver, event.id, NOW);
		}
		const result = saveEvent(db, lead, event.id, content({ capacity: '1' }), 'save', later(1));
		expect(result).toMatchObject({ ok: true, movedUp: [] });
		expect(countPlaces(db, [event.id]).get(event.id)).toEqual({ going: 3, waiting: 0 });
		// Someone cancelling does not free a place: there are still more going than places.
		expect(cancelPlace(db, amir, event.id, later(2))).toEqual({ ok: true, movedUp: [] });
	});

	it('moves the waiting list up, in order, when places are added', () => {
		const { db, lead, amir, bea, cal, publish } = setUp();
		const event = publish({ capacity: '1' });
		goToEvent(db, amir, event.id, NOW);
		goToEvent(db, bea, event.id, later(1));
		goToEvent(db, cal, event.id, later(2));
		const result = saveEvent(db, lead, event.id, content({ capacity: '2' }), 'save', later(3));
		expect(result).toMatchObject({ ok: true, movedUp: [bea.id] });
		const unlimited = saveEvent(db, lead, event.id, content({ capacity: '' }), 'save', later(4));
		expect(unlimited).toMatchObject({ ok: true, movedUp: [cal.id] });
		expect(countPlaces(db, [event.id]).get(event.id)).toEqual({ going: 3, waiting: 0 });
	});

	it('closing an event still to come names everyone going or waiting, to be told', () => {
		const { db, lead, amir, bea, cal, publish } = setUp();
		const event = publish({ capacity: '1' });
		goToEvent(db, amir, event.id, NOW);
		goToEvent(db, bea, event.id, later(1));
		goToEvent(db, cal, event.id, later(2));
		cancelPlace(db, cal, event.id, later(3));
		const closed = saveEvent(db, lead, event.id, content(), 'close', later(4));
		expect(closed).toMatchObject({ ok: true, cancelledFor: [amir.id, bea.id] });
		// Saving it again while closed tells nobody a second time; nor does closing a draft.
		expect(saveEvent(db, lead, event.id, content(), 'close', later(5))).toMatchObject({
			cancelledFor: []
		});
		const draft = createEvent(db, lead, content(), 'save', NOW);
		expect(saveEvent(db, lead, draft.id, content(), 'close', later(5))).toMatchObject({
			cancelledFor: []
		});
		// The notice says nothing about the event, in the young person's language.
		expect(EVENT_NOTICES.cancelled('en')).toBe(
			'An event you said you were going to has been cancelled. Open the app to see what else is on.'
		);
		expect(EVENT_NOTICES.cancelled('ar')).not.toBe(EVENT_NOTICES.cancelled('en'));
	});

	it('audits every save', () => {
		const { db, lead, publish } = setUp();
		const event = publish();
		saveEvent(db, lead, event.id, content(), 'close', later(1));
		const actions = db
			.select({ action: auditEvent.action })
			.from(auditEvent)
			.where(eq(auditEvent.target, `event:${event.id}`))
			.all()
			.map((row) => row.action);
		expect(actions).toEqual(['event-created', 'event-closed']);
	});
});

describe('marking who came', () => {
	it('waits for the event to start, then records who came and who did not, audited', () => {
		const { db, lead, amir, bea, cal, publish } = setUp();
		const event = publish({ capacity: '2' });
		goToEvent(db, amir, event.id, NOW);
		goToEvent(db, bea, event.id, NOW);
		goToEvent(db, cal, event.id, NOW);
		expect(markAttendance(db, lead, event.id, new Set([amir.id]), NOW)).toBe(false);
		const started = new Date(event.startsAt.getTime() + HOUR);
		expect(markAttendance(db, lead, event.id, new Set([amir.id, cal.id]), started)).toBe(true);
		const attended = Object.fromEntries(
			db
				.select({ leaverId: eventPlace.leaverId, attended: eventPlace.attended })
				.from(eventPlace)
				.all()
				.map((row) => [row.leaverId, row.attended])
		);
		// Cal was waiting, not going: a tick for someone without a place changes nothing.
		expect(attended).toEqual({ [amir.id]: true, [bea.id]: false, [cal.id]: null });
		const audit = db
			.select({ action: auditEvent.action, detail: auditEvent.detail })
			.from(auditEvent)
			.where(eq(auditEvent.action, 'event-attendance-marked'))
			.all();
		expect(audit).toEqual([
			{ action: 'event-attendance-marked', detail: { going: 2, attended: 1 } }
		]);
	});
});

describe("the lead's event form", () => {
	it('reads London times: 18:00 in summer time is 17:00 UTC, in winter 18:00 UTC', () => {
		const summer = content({ date: '2026-07-10', startTime: '18:00', endTime: '20:00' });
		const winter = content({ date: '2026-12-10', startTime: '18:00', endTime: '20:00' });
		expect(summer.startsAt.toISOString()).toBe('2026-07-10T17:00:00.000Z');
		expect(winter.startsAt.toISOString()).toBe('2026-12-10T18:00:00.000Z');
		expect(winter.endsAt.toISOString()).toBe('2026-12-10T20:00:00.000Z');
	});

	it('gives the London times back to edit', () => {
		const summer = content({ date: '2026-07-10', startTime: '18:00', endTime: '20:30' });
		expect(toEventFormValues({ ...summer, place: null, access: null })).toMatchObject({
			date: '2026-07-10',
			startTime: '18:00',
			endTime: '20:30',
			place: ''
		});
	});

	it('says every problem at once: the times and ages are checked even when another field is wrong', () => {
		const parsed = eventFormSchema.safeParse(
			eventForm({ kind: '', endTime: '16:00', minAge: '21', maxAge: '18' })
		);
		expect(parsed.error?.issues.map((issue) => issue.path[0]).sort()).toEqual([
			'endTime',
			'kind',
			'maxAge'
		]);
	});

	it.each([
		[{ title: '' }, 'title', 'Write at least 3 characters'],
		[{ kind: 'party' }, 'kind', 'Choose what kind of event it is'],
		[{ date: '10/12/2026' }, 'date', 'Enter the date, like 2026-12-19'],
		[{ startTime: '6pm' }, 'startTime', 'Enter a time like 18:00 (24-hour clock)'],
		[{ endTime: '16:00' }, 'endTime', 'The end time must be after the start time'],
		[{ capacity: '0' }, 'capacity', 'Enter at least 1 place, or leave it empty for no limit'],
		[{ capacity: 'lots' }, 'capacity', 'Enter the number of places in numbers'],
		[{ minAge: '20', maxAge: '18' }, 'maxAge', 'The youngest age must not be more than'],
		[{ statuses: [] }, 'statuses', 'Choose at least one group of care leavers'],
		[{ summary: '<script>alert(1)</script> hello' }, 'summary', 'cannot contain scripts']
	] as const)('refuses %o with a message beside %s', (overrides, field, message) => {
		const parsed = eventFormSchema.safeParse(eventForm(overrides as never));
		expect(parsed.success).toBe(false);
		const issue = parsed.error?.issues.find((item) => item.path[0] === field);
		expect(issue?.message).toContain(message);
	});
});

describe('the day-before reminder', () => {
	it('tells everyone going to an event tomorrow (London date) once, from 9 in the morning', () => {
		const { db, amir, bea, cal, publish } = setUp();
		// Tuesday 24 November, 18:00; and one on Wednesday that is not tomorrow yet.
		const tomorrow = publish({ date: '2026-11-24', startTime: '18:00', capacity: '1' });
		const dayAfter = publish({ date: '2026-11-25', startTime: '10:00' });
		goToEvent(db, amir, tomorrow.id, NOW);
		goToEvent(db, bea, tomorrow.id, NOW);
		goToEvent(db, cal, dayAfter.id, NOW);

		const told: [number, number][] = [];
		const tell = (userId: number, eventId: number) => told.push([userId, eventId]);
		// 08:30 on Monday: too early to send.
		expect(sendEventReminders(db, new Date('2026-11-23T08:30:00Z'), tell)).toBe(0);
		expect(sendEventReminders(db, new Date('2026-11-23T09:00:00Z'), tell)).toBe(1);
		// Bea is waiting, not going: no reminder. A second round sends nothing again.
		expect(told).toEqual([[amir.id, tomorrow.id]]);
		expect(sendEventReminders(db, new Date('2026-11-23T15:00:00Z'), tell)).toBe(0);
		const reminded = db
			.select({ remindedAt: eventPlace.remindedAt })
			.from(eventPlace)
			.where(eq(eventPlace.leaverId, amir.id))
			.get();
		expect(reminded?.remindedAt?.toISOString()).toBe('2026-11-23T09:00:00.000Z');

		// Bea gets Amir's place in the evening: she is reminded too (once).
		cancelPlace(db, amir, tomorrow.id, new Date('2026-11-23T19:00:00Z'));
		expect(sendEventReminders(db, new Date('2026-11-23T19:01:00Z'), tell)).toBe(1);
		expect(told.at(-1)).toEqual([bea.id, tomorrow.id]);
		// On Tuesday morning, Wednesday's event is tomorrow.
		expect(sendEventReminders(db, new Date('2026-11-24T09:30:00Z'), tell)).toBe(1);
		expect(told.at(-1)).toEqual([cal.id, dayAfter.id]);
	});

	it("keeps to London's clock: in summer 08:30 UTC is 09:30 in London, and tomorrow is London's", () => {
		const { db, amir, publish } = setUp();
		const event = publish({ date: '2027-07-03', startTime: '10:00' });
		goToEvent(db, amir, event.id, new Date('2027-06-30T12:00:00Z'));
		const told: number[] = [];
		const tell = (id: number) => told.push(id);
		// 23:30 UTC on 1 July is 00:30 on 2 July in London: the event is tomorrow, but it is night.
		expect(sendEventReminders(db, new Date('2027-07-01T23:30:00Z'), tell)).toBe(0);
		expect(sendEventReminders(db, new Date('2027-07-02T07:30:00Z'), tell)).toBe(0);
		expect(sendEventReminders(db, new Date('2027-07-02T08:30:00Z'), tell)).toBe(1);
		expect(told).toEqual([amir.id]);
	});
});

describe('notices about a place', () => {
	it("are in the young person's language and never name the event", () => {
		expect(EVENT_NOTICES.placeFree('en')).toBe(
			'You have a place now. Open the app to see which event.'
		);
		expect(EVENT_NOTICES.tomorrow('en')).toBe(
			'You have an event tomorrow. Open the app to see it.'
		);
		expect(EVENT_NOTICES.placeFree('ar')).toBe('لديك مكان الآن. افتح التطبيق لترى أي فعالية.');
		expect(EVENT_NOTICES.tomorrow('vi')).toBe('Ngày mai bạn có một sự kiện. Mở ứng dụng để xem.');
	});
});

describe('housekeeping', () => {
	it('sends the day-before reminders in its round, once', () => {
		const { db, amir, publish } = setUp();
		const event = publish({ date: '2026-11-24', startTime: '18:00' });
		goToEvent(db, amir, event.id, NOW);
		expect(runHousekeeping(db, { now: NOW }).eventReminders).toBe(1);
		expect(runHousekeeping(db, { now: later(1) }).eventReminders).toBe(0);
	});
});

describe('the calendar file', () => {
	const ORIGIN = 'https://local-offer.example.org';
	const file = (event: Partial<CalendarEvent>) =>
		eventCalendarFile(
			{
				id: 7,
				title: 'Care leavers celebration event',
				summary: 'Food, music and awards for care leavers.',
				startsAt: new Date('2026-07-10T17:00:00Z'),
				endsAt: new Date('2026-07-10T20:00:00Z'),
				place: 'Stockton Central Library, Church Road',
				updatedAt: new Date('2026-06-01T09:00:00Z'),
				...event
			},
			{ origin: ORIGIN, url: `${ORIGIN}/events/7`, online: 'Online' }
		);
	/** The content lines, unfolded (RFC 5545 §3.1). */
	const lines = (text: string) => text.replace(/\r\n[ \t]/g, '').split('\r\n');

	it('is an iCalendar file with one event, its times in UTC across the clock change', () => {
		const summer = content({ date: '2026-07-10', startTime: '18:00', endTime: '21:00' });
		const winter = content({ date: '2026-12-10', startTime: '18:00', endTime: '21:00' });
		const bst = lines(file(summer));
		const gmt = lines(file(winter));
		expect(bst[0]).toBe('BEGIN:VCALENDAR');
		expect(bst).toContain('VERSION:2.0');
		expect(bst.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
		expect(bst).toContain('END:VEVENT');
		expect(bst.at(-2)).toBe('END:VCALENDAR');
		expect(bst).toContain('DTSTART:20260710T170000Z');
		expect(bst).toContain('DTEND:20260710T200000Z');
		expect(gmt).toContain('DTSTART:20261210T180000Z');
		expect(gmt).toContain('DTEND:20261210T210000Z');
	});

	it('has a stable UID, a DTSTAMP, the title, the place, the summary with the link and the URL', () => {
		const text = lines(file({}));
		expect(text).toContain('UID:event-7@local-offer.example.org');
		expect(lines(file({ title: 'Changed' }))).toContain('UID:event-7@local-offer.example.org');
		expect(text.some((line) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(line))).toBe(true);
		expect(text).toContain('SUMMARY:Care leavers celebration event');
		expect(text).toContain('LOCATION:Stockton Central Library\\, Church Road');
		expect(text).toContain(
			'DESCRIPTION:Food\\, music and awards for care leavers.\\n\\nhttps://local-offer.example.org/events/7'
		);
		expect(text).toContain('URL:https://local-offer.example.org/events/7');
		expect(lines(file({ place: null }))).toContain('LOCATION:Online');
	});

	it('ends every line with CRLF and folds none longer than 75 octets, even in Arabic', () => {
		const text = file({
			title: 'حفل تكريم الشباب الخارجين من الرعاية في ستوكتون، مع طعام وموسيقى وجوائز للجميع',
			summary: 'Ünïcødé ☃ '.repeat(30)
		});
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const physical = text.split('\r\n');
		for (const line of physical) {
			expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
		}
		// Folding never cuts a character in two: unfolded, the words are whole again.
		expect(lines(text).join('\n')).toContain(
			'SUMMARY:حفل تكريم الشباب الخارجين من الرعاية في ستوكتون، مع طعام وموسيقى وجوائز للجميع'
		);
	});

	it('folds by bytes: a long line of three-byte letters is cut every 75 octets', () => {
		const folded = foldLines(`SUMMARY:${'☃'.repeat(60)}\r\n`);
		expect(folded.split('\r\n').map((line) => Buffer.byteLength(line))).toEqual([74, 73, 43, 0]);
	});
});

describe('demo events', () => {
	it('are three published events to come, one full with its place held by demo-leaver-2, made once', async () => {
		const db = createTestDatabase();
		await seedDemoAccounts(db);
		expect(seedDemoEvents(db, NOW)).toBe(3);
		expect(seedDemoEvents(db, later(1))).toBe(0);
		const events = listUpcomingEvents(db, NOW.getTime());
		expect(events.map((event) => [event.kind, event.capacity])).toEqual([
			['drop-in', 1],
			['group', null],
			['celebration', 40]
		]);
		const full = events[0];
		expect(full).toMatchObject({ going: 1, waiting: 0 });
		const leaver2 = getUserByUsername(db, 'demo-leaver-2')!;
		const leaver = getUserByUsername(db, 'demo-leaver')!;
		expect(getLeaverPlace(db, full.id, leaver2.id)).toEqual({ status: 'going', position: null });
		expect(getLeaverPlace(db, full.id, leaver.id)).toBeNull();
		// About 5 days, 10 days and 3 weeks from today.
		expect(
			events.map((event) => Math.round((event.startsAt.getTime() - NOW.getTime()) / DAY))
		).toEqual([5, 10, 21]);
	});
});
