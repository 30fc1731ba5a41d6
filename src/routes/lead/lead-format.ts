import { formatPeople, isSuppressed, type PeopleCount } from '$lib/suppression';

const dayFormat = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	timeZone: 'UTC'
});
const shortDayFormat = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	timeZone: 'UTC'
});

/** "3 Nov 2026" for a London day "2026-11-03". */
export function formatDay(day: string) {
	return dayFormat.format(new Date(`${day}T12:00:00Z`));
}

export function formatShortDay(day: string) {
	return shortDayFormat.format(new Date(`${day}T12:00:00Z`));
}

/** "up 12 % on the previous period"; nothing when a figure is suppressed or there is no base. */
export function describeChange(current: PeopleCount, previous: PeopleCount): string {
	if (isSuppressed(current) || isSuppressed(previous)) {
		return 'no comparison for small numbers';
	}
	if (previous === 0) {
		return current === 0 ? 'none in the previous period either' : 'none in the previous period';
	}
	const change = Math.round(((current - previous) / previous) * 100);
	if (change === 0) {
		return `the same as the previous period (${formatPeople(previous)})`;
	}
	return `${change > 0 ? 'up' : 'down'} ${Math.abs(change)}% on the previous period (${formatPeople(previous)})`;
}

export function formatMinutes(minutes: number) {
	if (minutes < 60) {
		return `${Math.round(minutes)} min`;
	}
	const hours = Math.floor(minutes / 60);
	const rest = Math.round(minutes % 60);
	return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

export function formatShare(share: number) {
	return `${Math.round(share * 100)}%`;
}

/** A period as a query string, for links that keep it: "from=2026-09-01&to=2026-09-30". */
export function periodQuery(range: { from: string; to: string }) {
	return `from=${range.from}&to=${range.to}`;
}

/** The CSV download of one dashboard panel for a period (from `periodQuery`). */
export function exportHref(name: string, period: string) {
	return `/lead/export/${name}.csv?${period}`;
}
