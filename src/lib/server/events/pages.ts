import { describeEligibility } from '$lib/describe-eligibility';
import { LONDON } from '$lib/london-time';
import { languageOf } from '$lib/language-names';
import { BASE_LANGUAGE, type LanguageCode } from '$lib/languages';
import { placesLeft, type CalendarEvent, type PlaceCounts } from './reading';

/**
 * Dates in the page's language, on the UK clock, always in the Gregorian calendar: the event is
 * in the UK, and a date in another calendar (Farsi's default is the Solar Hijri one) would not
 * match letters, bus timetables or the calendar app the event is added to.
 */
function formats(language: LanguageCode) {
	const locale = language === 'en' ? 'en-GB' : `${language}-u-ca-gregory`;
	return {
		date: new Intl.DateTimeFormat(locale, {
			timeZone: LONDON,
			weekday: 'long',
			day: 'numeric',
			month: 'long',
			year: 'numeric'
		}),
		time: new Intl.DateTimeFormat(locale, { timeZone: LONDON, hour: 'numeric', minute: '2-digit' })
	};
}

/** What a young person sees of an event in a list or on its page, in the page's language. */
export function describeEvent(
	event: CalendarEvent,
	counts: PlaceCounts,
	language: LanguageCode,
	areaName: string,
	now = Date.now()
) {
	const { date, time } = formats(language);
	return {
		id: event.id,
		kind: event.kind,
		/** The lead writes events in English: marked so, inside a page in another language. */
		language: BASE_LANGUAGE,
		dir: languageOf(BASE_LANGUAGE).dir,
		title: event.title,
		summary: event.summary,
		place: event.place,
		date: date.format(event.startsAt),
		time: time.formatRange(event.startsAt, event.endsAt),
		/** For `<time datetime>`. */
		startsAt: event.startsAt.toISOString(),
		/** Null: no limit. */
		placesLeft: placesLeft(event, counts),
		/** Full, or people are already queueing: a newcomer joins the waiting list. */
		full: event.capacity !== null && (counts.going >= event.capacity || counts.waiting > 0),
		started: event.startsAt.getTime() <= now,
		ended: event.endsAt.getTime() <= now,
		whoFor: describeEligibility({ ...event, isParent: false }, areaName)
	};
}

export type EventView = ReturnType<typeof describeEvent>;
