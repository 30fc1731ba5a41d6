import { and, asc, count, desc, eq, gt, inArray } from 'drizzle-orm';
import type { Database, Executor } from '../db/connection';
import { calendarEvent, eventPlace, user } from '../db/schema';

export type CalendarEvent = typeof calendarEvent.$inferSelect;
export type EventPlace = typeof eventPlace.$inferSelect;
export type PlaceCounts = { going: number; waiting: number };

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

export const countsOf = (counts: Map<number, PlaceCounts>, id: number) =>
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
export const QUEUE_ORDER = [asc(eventPlace.queuedAt), asc(eventPlace.id)] as const;

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
