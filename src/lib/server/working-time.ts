import {
	addDays,
	londonDay,
	londonTimeToUtc,
	parseDay,
	toDayString,
	type CalendarDate
} from '$lib/london-time';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './bank-holidays';

/**
 * Working time for response targets: Monday to Friday, inside the working day, in UK time
 * (Europe/London, so the clock changes in March and October are handled), not on bank
 * holidays. All instants are UTC milliseconds.
 */

export type WorkingCalendar = {
	/** Minutes after local midnight. */
	dayStartMinutes: number;
	dayEndMinutes: number;
	holidays: ReadonlySet<string>;
};

export const DEFAULT_CALENDAR: WorkingCalendar = {
	dayStartMinutes: 9 * 60,
	dayEndMinutes: 17 * 60,
	holidays: new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS)
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MAX_DAYS = 3 * 366; // a bound on every loop below

export function isWorkingDay(date: CalendarDate, calendar = DEFAULT_CALENDAR) {
	const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
	return weekday !== 0 && weekday !== 6 && !calendar.holidays.has(toDayString(date));
}

/** The working window [open, close) of each day from the UK date of `from`, in order. */
function* workingWindows(from: number, calendar: WorkingCalendar) {
	let day = londonDay(from);
	for (let i = 0; i < MAX_DAYS; i++) {
		const date = parseDay(day);
		if (isWorkingDay(date, calendar)) {
			yield {
				open: londonTimeToUtc(date, calendar.dayStartMinutes),
				close: londonTimeToUtc(date, calendar.dayEndMinutes)
			};
		}
		day = addDays(day, 1);
	}
}

/** The instant when `amount` ms of working time have passed since `start`. */
export function addWorkingTime(start: number, amount: number, calendar = DEFAULT_CALENDAR): number {
	let remaining = Math.max(0, amount);
	for (const { open, close } of workingWindows(start, calendar)) {
		const from = Math.max(start, open);
		if (from >= close) {
			continue;
		}
		if (remaining <= close - from) {
			return from + remaining;
		}
		remaining -= close - from;
	}
	throw new Error('Working time is beyond the calendar bound');
}

/** Working time between two instants (0 if `end` is not after `start`). */
export function workingTimeBetween(
	start: number,
	end: number,
	calendar = DEFAULT_CALENDAR
): number {
	let total = 0;
	for (const { open, close } of workingWindows(start, calendar)) {
		if (open >= end) {
			break;
		}
		const from = Math.max(start, open);
		const to = Math.min(end, close);
		if (to > from) {
			total += to - from;
		}
	}
	return total;
}

/** Whether `at` is inside working hours; if not, when they next begin. */
export function nextWorkingTime(at: number, calendar = DEFAULT_CALENDAR) {
	for (const { open, close } of workingWindows(at, calendar)) {
		if (at < close) {
			return { open: at >= open, opensAt: Math.max(at, open) };
		}
	}
	throw new Error('No working time within the calendar bound');
}

export const WORKING_DAY_MS = (calendar = DEFAULT_CALENDAR) =>
	(calendar.dayEndMinutes - calendar.dayStartMinutes) * MINUTE;

export { HOUR };
