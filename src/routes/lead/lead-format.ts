import { formatPeople, isSuppressed, type PeopleCount } from '$lib/suppression';

export { formatDay, formatShortDay } from '$lib/london-time';

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
