/**
 * Small-number suppression, as in UK children's statistics: a count of distinct young people
 * from 1 to 4 is never shown, because it could point to someone; zero stays 0.
 * Applied on the server before figures leave it (page data, CSV), not just when displayed.
 */
export const SUPPRESSION_THRESHOLD = 5;
export const FEWER_THAN_5 = 'fewer-than-5';

export type PeopleCount = number | typeof FEWER_THAN_5;

export function suppressPeople(count: number): PeopleCount {
	return count >= 1 && count < SUPPRESSION_THRESHOLD ? FEWER_THAN_5 : count;
}

export function isSuppressed(count: PeopleCount): count is typeof FEWER_THAN_5 {
	return count === FEWER_THAN_5;
}

/** "fewer than 5", or the number with thousands separators. */
export function formatPeople(count: PeopleCount): string {
	return isSuppressed(count) ? 'fewer than 5' : count.toLocaleString('en-GB');
}

/** "<5" in CSV files, as CONTRACT.md says. */
export function csvPeople(count: PeopleCount): string | number {
	return isSuppressed(count) ? '<5' : count;
}

/** A stand-in for sorting that does not reveal the order of suppressed counts among themselves. */
export function sortablePeople(count: PeopleCount): number {
	return isSuppressed(count) ? 2.5 : count;
}
