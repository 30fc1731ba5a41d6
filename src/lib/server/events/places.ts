import { and, eq, inArray } from 'drizzle-orm';
import type { PlaceStatus } from '../db/schema';
import type { User } from '../auth/session';
import type { Database, Executor } from '../db/connection';
import { eventPlace } from '../db/schema';
import {
	countPlaces,
	countsOf,
	getPublishedEvent,
	QUEUE_ORDER,
	type CalendarEvent
} from './reading';

/**
 * Moves people from the waiting list into free places, oldest in the queue first, and returns
 * who moved. Nobody going is ever moved down: with fewer places than people going (a lead
 * lowered the capacity), the waiting list just waits.
 */
export function fillFreePlaces(tx: Executor, event: CalendarEvent, now: Date): number[] {
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
