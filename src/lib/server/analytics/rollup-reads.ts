/** Reading the daily and weekly rollups for a period: counts of events, and people from their sketches. */
import type { Database } from '../db/connection';
import { addDays, daysInRange, londonDay, weekStart } from '$lib/london-time';
import { cardinality, createSketch, mergeEncoded, type Sketch } from './sketch';

/** London days, both included. */
export type DateRange = { from: string; to: string };

export const DEFAULT_RANGE_DAYS = 90;
/** Longer ranges are allowed, but not unbounded: a few years of days. */
export const MAX_RANGE_DAYS = 3 * 366;

/**
 * The range asked for (?from=&to=), defaulting to the last 90 days up to today, and the period
 * of the same length just before it (for comparisons).
 */
export function resolveDateRange(
	input: { from?: string; to?: string },
	now: Date
): { range: DateRange; previous: DateRange } {
	const today = londonDay(now.getTime());
	const to = input.to ?? (input.from && input.from > today ? input.from : today);
	let from = input.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
	if (daysInRange(from, to) > MAX_RANGE_DAYS) {
		from = addDays(to, -(MAX_RANGE_DAYS - 1));
	}
	const length = daysInRange(from, to);
	return {
		range: { from, to },
		previous: { from: addDays(from, -length), to: addDays(from, -1) }
	};
}

export type RollupRow = { day: string; scope: string; events: number };
export type SketchRow = { day: string; scope: string; sketch: Buffer };
export type Slice = { span: 'day' | 'week'; from: string; to: string };

/**
 * A range as the whole Monday-to-Sunday weeks inside it (read from week rows) and the days left
 * at either end (day rows): 90 days are read as about 12 week rows and a few day rows.
 */
export function sliceRange(range: DateRange): Slice[] {
	const firstWeek =
		weekStart(range.from) === range.from ? range.from : addDays(weekStart(range.from), 7);
	const lastWeek = addDays(weekStart(addDays(range.to, 1)), -7);
	if (firstWeek > lastWeek) {
		return [{ span: 'day', from: range.from, to: range.to }];
	}
	const slices: Slice[] = [{ span: 'week', from: firstWeek, to: lastWeek }];
	if (range.from < firstWeek) {
		slices.push({ span: 'day', from: range.from, to: addDays(firstWeek, -1) });
	}
	const afterWeeks = addDays(lastWeek, 7);
	if (afterWeeks <= range.to) {
		slices.push({ span: 'day', from: afterWeeks, to: range.to });
	}
	return slices;
}

export function scopeFilter(patterns: string[]) {
	return patterns
		.map((pattern) => (pattern.includes('%') ? 'scope LIKE ?' : 'scope = ?'))
		.join(' OR ');
}

/** Events per row (a week row's day is its Monday), read from the counts index alone. */
export function readCounts(db: Database, range: DateRange, scopePattern: string): RollupRow[] {
	const statement = db.$client.prepare(
		`SELECT day, scope, events FROM analytics_rollup
		 WHERE span = ? AND day BETWEEN ? AND ? AND (${scopeFilter([scopePattern])})`
	);
	return sliceRange(range).flatMap(
		(slice) => statement.all(slice.span, slice.from, slice.to, scopePattern) as RollupRow[]
	);
}

/** Events per scope over the range, added up by SQLite. */
export function sumEvents(
	db: Database,
	range: DateRange,
	scopePattern: string
): Map<string, number> {
	const statement = db.$client.prepare(
		`SELECT scope, SUM(events) AS events FROM analytics_rollup
		 WHERE span = ? AND day BETWEEN ? AND ? AND (${scopeFilter([scopePattern])}) GROUP BY scope`
	);
	const sums = new Map<string, number>();
	for (const slice of sliceRange(range)) {
		const rows = statement.all(slice.span, slice.from, slice.to, scopePattern) as {
			scope: string;
			events: number;
		}[];
		for (const row of rows) {
			sums.set(row.scope, (sums.get(row.scope) ?? 0) + row.events);
		}
	}
	return sums;
}

export function readSketches(db: Database, range: DateRange, scopes: string[]): SketchRow[] {
	const statement = db.$client.prepare(
		`SELECT day, scope, sketch FROM analytics_rollup
		 WHERE span = ? AND day BETWEEN ? AND ? AND (${scopeFilter(scopes)})`
	);
	return sliceRange(range).flatMap(
		(slice) => statement.all(slice.span, slice.from, slice.to, ...scopes) as SketchRow[]
	);
}

/** Distinct people per key (usually the scope), merging each day's sketch. */
export function countPeople(
	rows: SketchRow[],
	keyOf: (row: SketchRow) => string
): Map<string, number> {
	const sketches = new Map<string, Sketch>();
	for (const row of rows) {
		const key = keyOf(row);
		sketches.set(key, mergeEncoded(sketches.get(key) ?? createSketch(), row.sketch));
	}
	return new Map([...sketches].map(([key, sketch]) => [key, cardinality(sketch)]));
}

/** Every week (Monday to Sunday) that touches the range, clipped to it. */
export function weeksOf(range: DateRange): { start: string; from: string; to: string }[] {
	const weeks = [];
	for (let start = weekStart(range.from); start <= range.to; start = addDays(start, 7)) {
		const end = addDays(start, 6);
		weeks.push({
			start,
			from: start < range.from ? range.from : start,
			to: end > range.to ? range.to : end
		});
	}
	return weeks;
}
