import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt } from 'drizzle-orm';
import { addDays, londonDayStart, londonToday, londonWallClock } from '$lib/london-time';
import type { LanguageCode } from '$lib/languages';
import { m } from '$lib/paraglide/messages';
import type { EventContent } from '$lib/schemas/event-form';
import type { BoardStatus, PlaceStatus } from './db/schema';
import { recordAudit } from './audit';
import type { User } from './auth/session';
import { ORIGIN } from './config';
import type { Database, Executor } from './db/connection';
import { calendarEvent, eventPlace, user } from './db/schema';
import { notify, type NoticeText } from './notify';

export type CalendarEvent = typeof calendarEvent.$inferSelect;
export type EventPlace = typeof eventPlace.$inferSelect;
export type PlaceCounts = { going: number; waiting: number };

/**
 * Notices about a place carry nothing about the event (a lock screen may be seen by anyone): the
 * young person opens the app to read which one. In the language on their account.
 */
export const EVENT_NOTICES = {
	placeFree: (locale: LanguageCode) => m.events_notice_place_free({}, { locale }),
	tomorrow: (locale: LanguageCode) => m.events_notice_tomorrow({}, { locale })
} satisfies Record<string, NoticeText>;

/** Tells each young person moved up from the waiting list: after the write, never inside it. */
export function tellMovedUp(db: Database, eventId: number, leaverIds: readonly number[]) {
	for (const userId of leaverIds) {
		notify(db, { userId, text: EVENT_NOTICES.placeFree, url: `/events/${eventId}` }, ORIGIN);
	}
}

// Reading --------------------------------------------------------------------------------------

/** Going and waiting counts for each event (events nobody signed up for are left out). */
export function countPlaces(db: Executor, eventIds: readonly number[]): Map<number, PlaceCounts> {
	const counts = new Map<number, PlaceCounts>();
	if (eventIds.length === 0) {
		return counts;
	}
	const rows = db
		.select({ eventId: eventPlace.eventId, status: eventPlace.status, n: count() })
		.from(eventPlace)
		.where(inArray(eventPlace.eventId, [...eventIds]))
		.groupBy(eventPlace.eventId, eventPlace.status)
		.all();
	for (const row of rows) {
		const entry = counts.get(row.eventId) ?? { going: 0, waiting: 0 };
		if (row.status === 'going' || row.status === 'waiting') {
			entry[row.status] = row.n;
		}
		counts.set(row.eventId, entry);
	}
	return counts;
}

const countsOf = (counts: Map<number, PlaceCounts>, id: number) =>
	counts.get(id) ?? { going: 0, waiting: 0 };

/** Places left; null when there is no limit. Never below 0 (a lead may lower the capacity). */
export function placesLeft(event: Pick<CalendarEvent, 'capacity'>, counts: PlaceCounts) {
	return event.capacity === null ? null : Math.max(0, event.capacity - counts.going);
}

/**
 * Published events that have not ended, soonest first, with their counts. An event leaves the
 * list by itself when it ends: nobody has to unpublish it.
 */
export function listUpcomingEvents(db: Database, now = Date.now()) {
	const events = db
		.select()
		.from(calendarEvent)
		.where(and(eq(calendarEvent.status, 'published'), gt(calendarEvent.endsAt, new Date(now))))
		.orderBy(asc(calendarEvent.startsAt), asc(calendarEvent.id))
		.all();
	const counts = countPlaces(
		db,
		events.map((event) => event.id)
	);
	return events.map((event) => ({ ...event, ...countsOf(counts, event.id) }));
}

/** A published event (also once it has ended, so links kept in calendars still work). */
export function getPublishedEvent(db: Executor, id: number): CalendarEvent | undefined {
	return db
		.select()
		.from(calendarEvent)
		.where(and(eq(calendarEvent.id, id), eq(calendarEvent.status, 'published')))
		.get();
}

/** Any event, in any state: for staff. */
export function getEventById(db: Executor, id: number): CalendarEvent | undefined {
	return db.select().from(calendarEvent).where(eq(calendarEvent.id, id)).get();
}

/** Every event for the lead: those still to come soonest first, then past ones latest first. */
export function listEventsForLead(db: Database, now = Date.now()) {
	const events = db
		.select()
		.from(calendarEvent)
		.orderBy(desc(calendarEvent.startsAt), desc(calendarEvent.id))
		.all();
	const counts = countPlaces(
		db,
		events.map((event) => event.id)
	);
	const rows = events.map((event) => ({
		...event,
		...countsOf(counts, event.id),
		ended: event.endsAt.getTime() <= now
	}));
	return {
		upcoming: rows.filter((row) => !row.ended).reverse(),
		past: rows.filter((row) => row.ended)
	};
}

/** Oldest in the queue first. */
const QUEUE_ORDER = [asc(eventPlace.queuedAt), asc(eventPlace.id)] as const;

/**
 * A young person's place at an event: going, or waiting with their place in the queue (1 is
 * next). Null when they have none (or cancelled it).
 */
export function getLeaverPlace(db: Executor, eventId: number, leaverId: number) {
	const place = db
		.select()
		.from(eventPlace)
		.where(and(eq(eventPlace.eventId, eventId), eq(eventPlace.leaverId, leaverId)))
		.get();
	if (!place || place.status === 'cancelled') {
		return null;
	}
	if (place.status === 'going') {
		return { status: 'going' as const, position: null };
	}
	const queue = db
		.select({ leaverId: eventPlace.leaverId })
		.from(eventPlace)
		.where(and(eq(eventPlace.eventId, eventId), eq(eventPlace.status, 'waiting')))
		.orderBy(...QUEUE_ORDER)
		.all();
	return {
		status: 'waiting' as const,
		position: queue.findIndex((row) => row.leaverId === leaverId) + 1
	};
}

/** Who is going and who is waiting (queue order), by first name: for staff only. */
export function listPeopleAtEvent(db: Database, eventId: number) {
	const rows = db
		.select({
			leaverId: eventPlace.leaverId,
			name: user.name,
			status: eventPlace.status,
			attended: eventPlace.attended,
			queuedAt: eventPlace.queuedAt
		})
		.from(eventPlace)
		.innerJoin(user, eq(user.id, eventPlace.leaverId))
		.where(and(eq(eventPlace.eventId, eventId), inArray(eventPlace.status, ['going', 'waiting'])))
		.orderBy(...QUEUE_ORDER)
		.all();
	return {
		going: rows.filter((row) => row.status === 'going'),
		waiting: rows.filter((row) => row.status === 'waiting')
	};
}

// Places ---------------------------------------------------------------------------------------

/**
 * Moves people from the waiting list into free places, oldest in the queue first, and returns
 * who moved. Nobody going is ever moved down: with fewer places than people going (a lead
 * lowered the capacity), the waiting list just waits.
 */
function fillFreePlaces(tx: Executor, event: CalendarEvent, now: Date): number[] {
	if (event.status !== 'published' || event.startsAt <= now) {
		return [];
	}
	const { going } = countsOf(countPlaces(tx, [event.id]), event.id);
	const free = event.capacity === null ? Infinity : event.capacity - going;
	if (free <= 0) {
		return [];
	}
	const next = tx
		.select({ id: eventPlace.id, leaverId: eventPlace.leaverId })
		.from(eventPlace)
		.where(and(eq(eventPlace.eventId, event.id), eq(eventPlace.status, 'waiting')))
		.orderBy(...QUEUE_ORDER)
		.limit(free === Infinity ? -1 : free)
		.all();
	for (const row of next) {
		tx.update(eventPlace)
			.set({ status: 'going', updatedAt: now })
			.where(eq(eventPlace.id, row.id))
			.run();
	}
	return next.map((row) => row.leaverId);
}

export type GoResult =
	| { ok: true; status: 'going' | 'waiting' }
	| { ok: false; reason: 'not-found' | 'not-a-care-leaver' | 'started' };

/**
 * "I'm going": a place if there is room, else the end of the waiting list. Saying it again
 * changes nothing (a second tap, a form sent twice). Only care leavers, only before it starts.
 */
export function goToEvent(db: Database, leaver: User, eventId: number, now = new Date()): GoResult {
	if (leaver.role !== 'leaver') {
		return { ok: false, reason: 'not-a-care-leaver' };
	}
	return db.transaction(
		(tx): GoResult => {
			const event = getPublishedEvent(tx, eventId);
			if (!event) {
				return { ok: false, reason: 'not-found' };
			}
			if (event.startsAt <= now) {
				return { ok: false, reason: 'started' };
			}
			const current = tx
				.select()
				.from(eventPlace)
				.where(and(eq(eventPlace.eventId, eventId), eq(eventPlace.leaverId, leaver.id)))
				.get();
			if (current && current.status !== 'cancelled') {
				return { ok: true, status: current.status };
			}
			const { going, waiting } = countsOf(countPlaces(tx, [eventId]), eventId);
			// Someone already waiting keeps their turn: a newcomer never jumps the queue.
			const room = event.capacity === null || (going < event.capacity && waiting === 0);
			const status: PlaceStatus = room ? 'going' : 'waiting';
			if (current) {
				tx.update(eventPlace)
					.set({ status, queuedAt: now, attended: null, remindedAt: null, updatedAt: now })
					.where(eq(eventPlace.id, current.id))
					.run();
			} else {
				tx.insert(eventPlace)
					.values({
						eventId,
						leaverId: leaver.id,
						status,
						queuedAt: now,
						createdAt: now,
						updatedAt: now
					})
					.run();
			}
			return { ok: true, status: status as 'going' | 'waiting' };
		},
		{ behavior: 'immediate' }
	);
}

export type CancelResult =
	{ ok: true; movedUp: number[] } | { ok: false; reason: 'not-found' | 'started' };

/**
 * "Cancel my place" (or leave the waiting list). A place that frees up goes to the first person
 * waiting, in the same transaction, so two cancellations at once cannot give one place twice.
 */
export function cancelPlace(
	db: Database,
	leaver: User,
	eventId: number,
	now = new Date()
): CancelResult {
	return db.transaction(
		(tx): CancelResult => {
			const event = getPublishedEvent(tx, eventId);
			if (!event) {
				return { ok: false, reason: 'not-found' };
			}
			if (event.startsAt <= now) {
				return { ok: false, reason: 'started' };
			}
			tx.update(eventPlace)
				.set({ status: 'cancelled', updatedAt: now })
				.where(
					and(
						eq(eventPlace.eventId, eventId),
						eq(eventPlace.leaverId, leaver.id),
						inArray(eventPlace.status, ['going', 'waiting'])
					)
				)
				.run();
			return { ok: true, movedUp: fillFreePlaces(tx, event, now) };
		},
		{ behavior: 'immediate' }
	);
}

// Editing (leads) ------------------------------------------------------------------------------

export type EventIntent = 'save' | 'publish' | 'close';

function statusFor(intent: EventIntent, current: BoardStatus | null): BoardStatus {
	return intent === 'publish' ? 'published' : intent === 'close' ? 'closed' : (current ?? 'draft');
}

const AUDIT_FOR = {
	save: 'event-saved',
	publish: 'event-published',
	close: 'event-closed'
} as const;

function eventColumns(content: EventContent) {
	return {
		kind: content.kind,
		title: content.title,
		summary: content.summary,
		body: content.body,
		startsAt: content.startsAt,
		endsAt: content.endsAt,
		place: content.place,
		access: content.access,
		capacity: content.capacity,
		minAge: content.minAge,
		maxAge: content.maxAge,
		statuses: content.statuses,
		livesInArea: content.livesInArea,
		inEducation: content.inEducation
	};
}

/** A new event: a draft, or published at once. Audited. */
export function createEvent(
	db: Database,
	lead: User,
	content: EventContent,
	intent: EventIntent,
	now = new Date()
): CalendarEvent {
	return db.transaction(
		(tx) => {
			const status = statusFor(intent, null);
			const created = tx
				.insert(calendarEvent)
				.values({
					...eventColumns(content),
					status,
					publishedAt: status === 'published' ? now : null,
					createdById: lead.id,
					createdAt: now,
					updatedAt: now
				})
				.returning()
				.get();
			recordAudit(tx, {
				actorId: lead.id,
				action: 'event-created',
				target: `event:${created.id}`,
				detail: { title: created.title, status },
				at: now
			});
			return created;
		},
		{ behavior: 'immediate' }
	);
}

/**
 * Saves an event's new details and state. More places (or no limit) move people up from the
 * waiting list at once; fewer never take a place from anyone going. Returns who moved up.
 */
export function saveEvent(
	db: Database,
	lead: User,
	id: number,
	content: EventContent,
	intent: EventIntent,
	now = new Date()
): { ok: true; event: CalendarEvent; movedUp: number[] } | { ok: false } {
	return db.transaction(
		(tx) => {
			const current = getEventById(tx, id);
			if (!current) {
				return { ok: false as const };
			}
			const status = statusFor(intent, current.status);
			const event = tx
				.update(calendarEvent)
				.set({
					...eventColumns(content),
					status,
					publishedAt: current.publishedAt ?? (status === 'published' ? now : null),
					updatedAt: now
				})
				.where(eq(calendarEvent.id, id))
				.returning()
				.get();
			recordAudit(tx, {
				actorId: lead.id,
				action: AUDIT_FOR[intent],
				target: `event:${id}`,
				detail: { title: event.title, status, capacity: event.capacity },
				at: now
			});
			return { ok: true as const, event, movedUp: fillFreePlaces(tx, event, now) };
		},
		{ behavior: 'immediate' }
	);
}

/**
 * Who came, marked by staff once the event has started: ticked people attended, the others
 * going did not. Returns false when the event has not started yet (or does not exist).
 */
export function markAttendance(
	db: Database,
	lead: User,
	eventId: number,
	attendedIds: ReadonlySet<number>,
	now = new Date()
): boolean {
	return db.transaction(
		(tx) => {
			const event = getEventById(tx, eventId);
			if (!event || event.startsAt > now) {
				return false;
			}
			const going = tx
				.select({ id: eventPlace.id, leaverId: eventPlace.leaverId })
				.from(eventPlace)
				.where(and(eq(eventPlace.eventId, eventId), eq(eventPlace.status, 'going')))
				.all();
			for (const place of going) {
				tx.update(eventPlace)
					.set({ attended: attendedIds.has(place.leaverId), updatedAt: now })
					.where(eq(eventPlace.id, place.id))
					.run();
			}
			recordAudit(tx, {
				actorId: lead.id,
				action: 'event-attendance-marked',
				target: `event:${eventId}`,
				detail: {
					going: going.length,
					attended: going.filter((place) => attendedIds.has(place.leaverId)).length
				},
				at: now
			});
			return true;
		},
		{ behavior: 'immediate' }
	);
}

// Reminders ------------------------------------------------------------------------------------

/** Reminders wait for the morning (UK time): nobody is woken at midnight by one. */
export const REMINDER_FROM_HOUR = 9;

/**
 * The day-before reminder: everyone going to a published event that starts tomorrow (a London
 * date) is told once, from REMINDER_FROM_HOUR. remindedAt is written before the notices go, so a
 * round that fails halfway never sends a second one. Returns how many were reminded.
 */
export function sendEventReminders(
	db: Database,
	now: Date,
	tell: (userId: number, eventId: number) => void = (userId, eventId) =>
		notify(db, { userId, text: EVENT_NOTICES.tomorrow, url: `/events/${eventId}` }, ORIGIN)
): number {
	if (londonWallClock(now).hour < REMINDER_FROM_HOUR) {
		return 0;
	}
	const tomorrow = addDays(londonToday(now), 1);
	const from = new Date(londonDayStart(tomorrow));
	const to = new Date(londonDayStart(addDays(tomorrow, 1)));
	const due = db.transaction(
		(tx) => {
			const places = tx
				.select({ id: eventPlace.id, leaverId: eventPlace.leaverId, eventId: eventPlace.eventId })
				.from(eventPlace)
				.innerJoin(calendarEvent, eq(calendarEvent.id, eventPlace.eventId))
				.where(
					and(
						eq(eventPlace.status, 'going'),
						isNull(eventPlace.remindedAt),
						eq(calendarEvent.status, 'published'),
						gte(calendarEvent.startsAt, from),
						lt(calendarEvent.startsAt, to)
					)
				)
				.all();
			for (const place of places) {
				tx.update(eventPlace).set({ remindedAt: now }).where(eq(eventPlace.id, place.id)).run();
			}
			return places;
		},
		{ behavior: 'immediate' }
	);
	for (const place of due) {
		tell(place.leaverId, place.eventId);
	}
	return due.length;
}

// Download my data -----------------------------------------------------------------------------

/** A young person's places, for "Download my data". */
export function listPlacesOfLeaver(db: Database, leaverId: number) {
	return db
		.select({
			title: calendarEvent.title,
			startsAt: calendarEvent.startsAt,
			status: eventPlace.status,
			attended: eventPlace.attended,
			queuedAt: eventPlace.queuedAt,
			remindedAt: eventPlace.remindedAt,
			updatedAt: eventPlace.updatedAt
		})
		.from(eventPlace)
		.innerJoin(calendarEvent, eq(calendarEvent.id, eventPlace.eventId))
		.where(eq(eventPlace.leaverId, leaverId))
		.orderBy(asc(calendarEvent.startsAt), asc(eventPlace.id))
		.all();
}
