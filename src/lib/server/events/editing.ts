import { and, eq, inArray } from 'drizzle-orm';
import type { EventContent } from '$lib/schemas/event-form';
import type { BoardStatus } from '../db/schema';
import { recordAudit } from '../audit';
import type { User } from '../auth/session';
import type { Database } from '../db/connection';
import { calendarEvent, eventPlace } from '../db/schema';
import { fillFreePlaces } from './places';
import { getEventById, type CalendarEvent } from './reading';

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
): { ok: true; event: CalendarEvent; movedUp: number[]; cancelledFor: number[] } | { ok: false } {
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
			// Closing an event still to come: everyone going or waiting is told (after the write).
			const cancelledFor =
				current.status === 'published' && status === 'closed' && current.startsAt > now
					? tx
							.select({ leaverId: eventPlace.leaverId })
							.from(eventPlace)
							.where(
								and(eq(eventPlace.eventId, id), inArray(eventPlace.status, ['going', 'waiting']))
							)
							.all()
							.map((row) => row.leaverId)
					: [];
			return {
				ok: true as const,
				event,
				movedUp: fillFreePlaces(tx, event, now),
				cancelledFor
			};
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
