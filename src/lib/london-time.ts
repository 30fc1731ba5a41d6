/**
 * The one clock for people: "today", where a day starts, weeks and every date shown are UK time
 * (Europe/London), whatever the time zone of the server or the phone. Instants are UTC (a `Date`
 * or milliseconds); a day is "YYYY-MM-DD". Only Intl, so the same rules run on the server and in
 * the browser (the eligibility checker works offline).
 *
 * UTC is not good enough for a person's "today": from 00:00 to 01:00 in British Summer Time the
 * UTC date is still yesterday.
 */
export const LONDON = 'Europe/London';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type CalendarDate = { year: number; month: number; day: number };
export type WallClock = CalendarDate & { hour: number; minute: number; second: number };

const londonParts = /* @__PURE__ */ new Intl.DateTimeFormat('en-GB', {
	timeZone: LONDON,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

/** The UK wall-clock time at an instant. */
export function londonWallClock(at: number | Date): WallClock {
	const parts: Record<string, number> = {};
	for (const part of londonParts.formatToParts(at)) {
		if (part.type !== 'literal') {
			parts[part.type] = Number(part.value);
		}
	}
	return {
		year: parts.year,
		month: parts.month,
		day: parts.day,
		hour: parts.hour,
		minute: parts.minute,
		second: parts.second
	};
}

export function toDayString(date: CalendarDate): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${String(date.year).padStart(4, '0')}-${pad(date.month)}-${pad(date.day)}`;
}

/** "2026-07-15" as numbers (no checking: the caller knows it is a day). */
export function parseDay(day: string): CalendarDate {
	const [year, month, date] = day.split('-').map(Number);
	return { year, month, day: date };
}

// London's offset is always a whole number of hours, so every instant in one UTC hour falls on
// the same London day: caching by hour makes this cheap enough for millions of usage events.
const dayByHour = /* @__PURE__ */ new Map<number, string>();

/** The London day of an instant. */
export function londonDay(at: number | Date): string {
	const hour = Math.floor(Number(at) / HOUR);
	let day = dayByHour.get(hour);
	if (day === undefined) {
		day = toDayString(londonWallClock(hour * HOUR));
		if (dayByHour.size > 100_000) {
			dayByHour.clear();
		}
		dayByHour.set(hour, day);
	}
	return day;
}

/** Today's date for people in the UK. */
export function londonToday(now: number | Date = Date.now()): string {
	return londonDay(now);
}

function utcMidnight(day: string): number {
	return Date.parse(`${day}T00:00:00Z`);
}

/** The day `count` days after `day` (before, when negative). */
export function addDays(day: string, count: number): string {
	return new Date(utcMidnight(day) + count * DAY).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, counting both. */
export function daysInRange(from: string, to: string): number {
	return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY) + 1;
}

/** 0 for Sunday to 6 for Saturday, as `Date.getDay`. */
function dayOfWeek(day: string): number {
	return new Date(utcMidnight(day)).getUTCDay();
}

/** The Monday on or before `day`: weeks run Monday to Sunday. */
export function weekStart(day: string): string {
	return addDays(day, -((dayOfWeek(day) + 6) % 7));
}

/** The first instant (UTC ms) of a London day; the day ends where the next one starts. */
export function londonDayStart(day: string): number {
	const midnight = utcMidnight(day);
	// In summer time (BST) London's midnight is 23:00 UTC the day before.
	return londonDay(midnight - HOUR) === day ? midnight - HOUR : midnight;
}

/** UK offset from UTC at an instant (0 in winter, one hour in summer). */
function londonOffset(at: number) {
	const p = londonWallClock(at);
	return (
		Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000
	);
}

/** The instant of a UK wall-clock time, `minutes` after midnight on a date. */
export function londonTimeToUtc(date: CalendarDate, minutes: number): number {
	const guess = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
	const first = guess - londonOffset(guess);
	return guess - londonOffset(first);
}

// Display ---------------------------------------------------------------------------------------

const dateTimeFormat = /* @__PURE__ */ new Intl.DateTimeFormat('en-GB', {
	dateStyle: 'medium',
	timeStyle: 'short',
	timeZone: LONDON
});
const dateFormat = /* @__PURE__ */ new Intl.DateTimeFormat('en-GB', {
	dateStyle: 'long',
	timeZone: LONDON
});
// A day is already London's: shown at its UTC noon, it cannot move to another date.
const dayFormat = /* @__PURE__ */ new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	timeZone: 'UTC'
});
const shortDayFormat = /* @__PURE__ */ new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	timeZone: 'UTC'
});

/** "15 Jul 2026, 00:30" in UK time. */
export function formatDateTime(value: Date | string | number) {
	return dateTimeFormat.format(new Date(value));
}

/** "15 July 2026" in UK time. */
export function formatDate(value: Date | string | number) {
	return dateFormat.format(new Date(value));
}

/** "3 Nov 2026" for the day "2026-11-03". */
export function formatDay(day: string) {
	return dayFormat.format(new Date(`${day}T12:00:00Z`));
}

/** "3 Nov" for the day "2026-11-03". */
export function formatShortDay(day: string) {
	return shortDayFormat.format(new Date(`${day}T12:00:00Z`));
}
