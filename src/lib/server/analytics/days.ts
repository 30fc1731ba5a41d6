/**
 * Days are London calendar days ("YYYY-MM-DD"): a service lead's "Monday" is a Monday in the UK,
 * whatever the server's time zone. Times are stored as UTC milliseconds.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const londonDateFormat = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

// London's offset is always a whole number of hours, so every instant in one UTC hour falls on
// the same London day: caching by hour makes this cheap enough for millions of events.
const dayByHour = new Map<number, string>();

/** The London day of an instant (UTC ms). */
export function londonDay(ms: number): string {
	const hour = Math.floor(ms / HOUR);
	let day = dayByHour.get(hour);
	if (day === undefined) {
		day = londonDateFormat.format(hour * HOUR);
		if (dayByHour.size > 100_000) {
			dayByHour.clear();
		}
		dayByHour.set(hour, day);
	}
	return day;
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

/** The Monday on or before `day`. */
export function weekStart(day: string): string {
	const weekday = new Date(utcMidnight(day)).getUTCDay();
	return addDays(day, -((weekday + 6) % 7));
}

/** The first instant (UTC ms) of a London day. */
export function londonDayStart(day: string): number {
	const midnight = utcMidnight(day);
	// In summer time (BST) London's midnight is 23:00 UTC the day before.
	return londonDay(midnight - HOUR) === day ? midnight - HOUR : midnight;
}
