import { createEvent } from 'ics';
import type { CalendarEvent } from './reading';

/**
 * An event as an iCalendar file (RFC 5545) for "Add to calendar". Times are written in UTC
 * (…Z), so every calendar app puts the event at the right London time on either side of the
 * clock change without needing a time zone definition. The UID stays the same for an event, so
 * adding it again updates the entry instead of making a second one. `words` are in the page's
 * language: "Online" for an event with no place, and the page's address.
 */
export function eventCalendarFile(
	event: Pick<
		CalendarEvent,
		'id' | 'title' | 'summary' | 'startsAt' | 'endsAt' | 'place' | 'updatedAt'
	>,
	{ origin, url, online }: { origin: string; url: string; online: string }
): string {
	const { error, value } = createEvent({
		productId: 'local-offer/events',
		method: 'PUBLISH',
		uid: `event-${event.id}@${new URL(origin).host}`,
		// DTSTAMP is when the file was made (now); LAST-MODIFIED when the event last changed.
		lastModified: event.updatedAt.getTime(),
		start: event.startsAt.getTime(),
		startInputType: 'utc',
		startOutputType: 'utc',
		end: event.endsAt.getTime(),
		endInputType: 'utc',
		endOutputType: 'utc',
		title: event.title,
		description: `${event.summary}\n\n${url}`,
		location: event.place ?? online,
		url,
		status: 'CONFIRMED'
	});
	if (error || !value) {
		// Every field comes from a saved, validated event: this cannot happen.
		throw new Error(`Could not make the calendar file for event ${event.id}`, { cause: error });
	}
	return foldLines(value);
}

const MAX_OCTETS = 75;

/**
 * Lines longer than 75 octets folded as RFC 5545 §3.1 asks. The library folds at 75 characters,
 * which is too long for any line with letters outside ASCII (Arabic, Tigrinya, "é"): its folds are
 * undone and made again by bytes, never inside a character.
 */
export function foldLines(text: string): string {
	const encoder = new TextEncoder();
	return text
		.replace(/\r\n[ \t]/g, '')
		.split('\r\n')
		.map((line) => {
			const parts: string[] = [];
			let part = '';
			let size = 0;
			for (const character of line) {
				const bytes = encoder.encode(character).length;
				// Every line after the first starts with the space that marks it as folded.
				if (size + bytes > (parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1)) {
					parts.push(part);
					part = '';
					size = 0;
				}
				part += character;
				size += bytes;
			}
			parts.push(part);
			return parts.join('\r\n ');
		})
		.join('\r\n');
}
