/**
 * "Coming up" on a care leaver's home page: what changes at their next birthday (from the
 * offer's own age rules, never ages written here), what they can get now they are older, their
 * pathway plan review, and the closing dates and events they said they were interested in.
 */
import { and, asc, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import type { LanguageCode } from '$lib/languages';
import { addDays, londonDayStart, londonToday, parseDay, toDayString } from '$lib/london-time';
import type { User } from './auth/session';
import type { Database } from './db/connection';
import { calendarEvent, eventPlace, opportunity, supportRequest } from './db/schema';
import { listPublishedOffers } from './offers';
import { translateOffers } from './translations';

/** How far ahead a birthday shows (about three months), and how long "now you can" stays. */
export const BIRTHDAY_AHEAD_DAYS = 92;
export const NOW_YOU_CAN_DAYS = 30;
/** The pathway plan review shows from two weeks before; closing dates and events from two weeks. */
export const REVIEW_AHEAD_DAYS = 14;
export const DATES_AHEAD_DAYS = 14;

export type OfferLink = { slug: string; title: string; language: LanguageCode };

export type ComingUpItem =
	| {
			kind: 'birthday';
			on: string;
			age: number;
			/** Stop on the birthday (their age range ends the year before). */
			ending: OfferLink[];
			/** After the birthday, the last year they can get these. */
			lastYear: OfferLink[];
			/** Can get from the birthday. */
			starting: OfferLink[];
	  }
	| { kind: 'now-you-can'; on: string; age: number; offers: OfferLink[] }
	| { kind: 'pathway-review'; on: string }
	| { kind: 'opportunity-closes'; on: string; id: number; title: string }
	| { kind: 'event'; on: string; id: number; title: string };

/**
 * A birthday in a given year as a London day: someone born on 29 February has it on 1 March in
 * other years (as their age is counted, `ageOn`).
 */
export function birthdayIn(dateOfBirth: string, year: number) {
	const born = parseDay(dateOfBirth);
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	if (born.month === 2 && born.day === 29 && !leap) {
		return toDayString({ year, month: 3, day: 1 });
	}
	return toDayString({ year, month: born.month, day: born.day });
}

/** The next birthday on or after today, and the age it brings; the last one before today. */
export function birthdays(dateOfBirth: string, today: string) {
	const born = parseDay(dateOfBirth);
	const year = parseDay(today).year;
	const thisYear = birthdayIn(dateOfBirth, year);
	const next = thisYear >= today ? thisYear : birthdayIn(dateOfBirth, year + 1);
	const last = thisYear < today ? thisYear : birthdayIn(dateOfBirth, year - 1);
	return {
		next: { on: next, age: parseDay(next).year - born.year },
		last: { on: last, age: parseDay(last).year - born.year }
	};
}

/** The published offers with their age ranges, in the page's language: listed once a page. */
function offersByAge(db: Database, language: LanguageCode) {
	const offers = listPublishedOffers(db);
	const translated = translateOffers(db, offers, language);
	return offers.map((item, index) => ({
		minAge: item.minAge,
		maxAge: item.maxAge,
		link: {
			slug: translated[index].slug,
			title: translated[index].title,
			language: translated[index].language
		}
	}));
}

type OfferWithAges = ReturnType<typeof offersByAge>[number];

function linksWhere(offers: OfferWithAges[], keep: (minAge: number, maxAge: number) => boolean) {
	return offers.filter((item) => keep(item.minAge, item.maxAge)).map((item) => item.link);
}

/** What changes with age: the birthday to come, or the one just gone. */
function ageItems(db: Database, dateOfBirth: string, today: string, language: LanguageCode) {
	const items: ComingUpItem[] = [];
	const { next, last } = birthdays(dateOfBirth, today);
	const offers = offersByAge(db, language);
	if (next.on <= addDays(today, BIRTHDAY_AHEAD_DAYS) && next.on > today) {
		const age = next.age;
		const birthday: ComingUpItem = {
			kind: 'birthday',
			on: next.on,
			age,
			ending: linksWhere(offers, (min, max) => max === age - 1 && min <= age - 1),
			lastYear: linksWhere(offers, (min, max) => max === age && min < age),
			starting: linksWhere(offers, (min) => min === age)
		};
		if (birthday.ending.length + birthday.lastYear.length + birthday.starting.length > 0) {
			items.push(birthday);
		}
	}
	const birthdayToday = next.on === today;
	const recent = birthdayToday ? next : last;
	if (recent.on >= addDays(today, -NOW_YOU_CAN_DAYS)) {
		const starting = linksWhere(offers, (min) => min === recent.age);
		if (starting.length > 0) {
			items.push({ kind: 'now-you-can', on: recent.on, age: recent.age, offers: starting });
		}
	}
	return items;
}

/** Closing dates of opportunities they asked about, and events they are going to or waiting for. */
function dateItems(db: Database, leaver: User, today: string, now: number) {
	const until = addDays(today, DATES_AHEAD_DAYS);
	const closing = db
		.selectDistinct({ id: opportunity.id, title: opportunity.title, on: opportunity.closesOn })
		.from(supportRequest)
		.innerJoin(opportunity, eq(opportunity.id, supportRequest.opportunityId))
		.where(
			and(
				eq(supportRequest.leaverId, leaver.id),
				ne(supportRequest.status, 'resolved'),
				eq(opportunity.status, 'published'),
				gte(opportunity.closesOn, today),
				lte(opportunity.closesOn, until)
			)
		)
		.all()
		.map((row) => ({ kind: 'opportunity-closes' as const, ...row }));
	const events = db
		.select({ id: calendarEvent.id, title: calendarEvent.title, startsAt: calendarEvent.startsAt })
		.from(eventPlace)
		.innerJoin(calendarEvent, eq(calendarEvent.id, eventPlace.eventId))
		.where(
			and(
				eq(eventPlace.leaverId, leaver.id),
				inArray(eventPlace.status, ['going', 'waiting']),
				eq(calendarEvent.status, 'published'),
				gte(calendarEvent.startsAt, new Date(now)),
				lte(calendarEvent.startsAt, new Date(londonDayStart(addDays(until, 1))))
			)
		)
		.orderBy(asc(calendarEvent.startsAt))
		.all()
		.map((row) => ({
			kind: 'event' as const,
			id: row.id,
			title: row.title,
			on: londonToday(row.startsAt)
		}));
	return [...closing, ...events];
}

/** Everything coming up for a care leaver, soonest first. */
export function listComingUp(
	db: Database,
	leaver: User,
	language: LanguageCode,
	now = Date.now()
): ComingUpItem[] {
	const today = londonToday(now);
	const items: ComingUpItem[] = [];
	if (leaver.dateOfBirth) {
		items.push(...ageItems(db, leaver.dateOfBirth, today, language));
	}
	const review = leaver.pathwayReviewOn;
	if (review && review >= today && review <= addDays(today, REVIEW_AHEAD_DAYS)) {
		items.push({ kind: 'pathway-review', on: review });
	}
	items.push(...dateItems(db, leaver, today, now));
	return items.sort((a, b) => a.on.localeCompare(b.on));
}

/** "Coming up" for the home page, each date written in the page's language. */
export function comingUpView(
	db: Database,
	leaver: User,
	language: LanguageCode,
	formatDay: (day: string) => string,
	now = Date.now()
) {
	return listComingUp(db, leaver, language, now).map(({ on, ...item }) => ({
		...item,
		date: formatDay(on)
	}));
}
