import { and, eq, gte, isNull, lt } from 'drizzle-orm';
import { addDays, londonDayStart, londonToday, londonWallClock } from '$lib/london-time';
import type { LanguageCode } from '$lib/languages';
import { m } from '$lib/paraglide/messages';
import { ORIGIN } from '../config';
import type { Database } from '../db/connection';
import { calendarEvent, eventPlace } from '../db/schema';
import { notify, type NoticeText } from '../notify';

/**
 * Notices about a place carry nothing about the event (a lock screen may be seen by anyone): the
 * young person opens the app to read which one. In the language on their account.
 */
export const EVENT_NOTICES = {
	placeFree: (locale: LanguageCode) => m.events_notice_place_free({}, { locale }),
	tomorrow: (locale: LanguageCode) => m.events_notice_tomorrow({}, { locale }),
	cancelled: (locale: LanguageCode) => m.events_notice_cancelled({}, { locale })
} satisfies Record<string, NoticeText>;

/** Tells each young person moved up from the waiting list: after the write, never inside it. */
export function tellMovedUp(db: Database, eventId: number, leaverIds: readonly number[]) {
	for (const userId of leaverIds) {
		notify(db, { userId, text: EVENT_NOTICES.placeFree, url: `/events/${eventId}` }, ORIGIN);
	}
}

/**
 * Tells each young person going to (or waiting for) an event that was just closed. The event's
 * page is gone, so the notice opens the list of what else is on.
 */
export function tellCancelled(db: Database, leaverIds: readonly number[]) {
	for (const userId of leaverIds) {
		notify(db, { userId, text: EVENT_NOTICES.cancelled, url: '/events' }, ORIGIN);
	}
}

// Reading --------------------------------------------------------------------------------------

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
