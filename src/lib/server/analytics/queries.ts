import { and, asc, count, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { sortablePeople, suppressPeople, type PeopleCount } from '$lib/suppression';
import type { Database } from '../db/connection';
import { category, generalFeedback, offer, offerFeedback, supportRequest } from '../db/schema';
import { dueAt, getResponseTargets, isOverdue } from '../requests';
import { addDays, daysInRange, londonDay, londonDayStart, weekStart } from './days';
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

type RollupRow = { day: string; scope: string; events: number };
type SketchRow = { day: string; scope: string; sketch: Buffer };
type Slice = { span: 'day' | 'week'; from: string; to: string };

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

function scopeFilter(patterns: string[]) {
	return patterns
		.map((pattern) => (pattern.includes('%') ? 'scope LIKE ?' : 'scope = ?'))
		.join(' OR ');
}

/** Events per row (a week row's day is its Monday), read from the counts index alone. */
function readCounts(db: Database, range: DateRange, scopePattern: string): RollupRow[] {
	const statement = db.$client.prepare(
		`SELECT day, scope, events FROM analytics_rollup
		 WHERE span = ? AND day BETWEEN ? AND ? AND (${scopeFilter([scopePattern])})`
	);
	return sliceRange(range).flatMap(
		(slice) => statement.all(slice.span, slice.from, slice.to, scopePattern) as RollupRow[]
	);
}

/** Events per scope over the range, added up by SQLite. */
function sumEvents(db: Database, range: DateRange, scopePattern: string): Map<string, number> {
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

function readSketches(db: Database, range: DateRange, scopes: string[]): SketchRow[] {
	const statement = db.$client.prepare(
		`SELECT day, scope, sketch FROM analytics_rollup
		 WHERE span = ? AND day BETWEEN ? AND ? AND (${scopeFilter(scopes)})`
	);
	return sliceRange(range).flatMap(
		(slice) => statement.all(slice.span, slice.from, slice.to, ...scopes) as SketchRow[]
	);
}

/** Distinct people per key (usually the scope), merging each day's sketch. */
function countPeople(rows: SketchRow[], keyOf: (row: SketchRow) => string): Map<string, number> {
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

/* ------------------------------------------------------------------------------------------ */
/* Requests: how many, about what, and how fast they were answered                            */
/* ------------------------------------------------------------------------------------------ */

export type RequestStats = {
	total: number;
	previousTotal: number;
	/** Minutes from a request to its first reply by staff; null when none was answered. */
	medianFirstResponseMinutes: number | null;
	/** 0–1: answered within the configured target. */
	withinTargetShare: number | null;
	urgentShare: number | null;
	byTopic: { topic: string; count: number }[];
	byStatus: { status: string; count: number }[];
	perAdviser: {
		adviser: string;
		answered: number;
		medianFirstResponseMinutes: number | null;
		withinTargetShare: number | null;
	}[];
	perOffer: { offerId: number; count: number }[];
};

/** Requests for support made in the range, for the dashboard: the one place their figures come from. */
export function getRequestStats(
	db: Database,
	range: DateRange,
	previous?: DateRange,
	now = Date.now()
): RequestStats | null {
	const bounds = (r: DateRange) =>
		[londonDayStart(r.from), londonDayStart(addDays(r.to, 1))] as const;
	const [from, to] = bounds(range);
	const rows = db
		.select({
			request: supportRequest,
			// Raw, qualified names: drizzle leaves columns unqualified in a one-table select, and an
			// unqualified adviser_id inside the subquery would mean user.adviser_id.
			adviser: sql<
				string | null
			>`(SELECT u.name FROM user u WHERE u.id = support_request.adviser_id)`,
			offerId: sql<
				number | null
			>`(SELECT o.id FROM offer o WHERE o.slug = support_request.offer_slug)`
		})
		.from(supportRequest)
		.where(
			and(gte(supportRequest.createdAt, new Date(from)), lt(supportRequest.createdAt, new Date(to)))
		)
		.all();
	const previousTotal = previous
		? (db
				.select({ n: count() })
				.from(supportRequest)
				.where(
					and(
						gte(supportRequest.createdAt, new Date(bounds(previous)[0])),
						lt(supportRequest.createdAt, new Date(bounds(previous)[1]))
					)
				)
				.get()?.n ?? 0)
		: 0;
	const targets = getResponseTargets(db);
	const summarise = (list: typeof rows) => {
		const minutes = list
			.filter((row) => row.request.firstResponseAt)
			.map(
				(row) => (row.request.firstResponseAt!.getTime() - row.request.createdAt.getTime()) / 60_000
			);
		// Met: answered by the due time. Missed: answered late, or still unanswered past it.
		// Not yet due and unanswered: not counted either way.
		let met = 0;
		let missed = 0;
		for (const { request } of list) {
			const due = dueAt(request, targets, now).getTime();
			if (request.firstResponseAt) {
				if (request.firstResponseAt.getTime() <= due) {
					met += 1;
				} else {
					missed += 1;
				}
			} else if (isOverdue(request, targets, now)) {
				missed += 1;
			}
		}
		return {
			answered: minutes.length,
			medianFirstResponseMinutes: median(minutes),
			withinTargetShare: met + missed ? met / (met + missed) : null
		};
	};
	const tally = (key: (row: (typeof rows)[number]) => string) => {
		const counts = new Map<string, number>();
		rows.forEach((row) => counts.set(key(row), (counts.get(key(row)) ?? 0) + 1));
		return [...counts].sort((a, b) => b[1] - a[1]);
	};
	const overall = summarise(rows);
	return {
		total: rows.length,
		previousTotal,
		medianFirstResponseMinutes: overall.medianFirstResponseMinutes,
		withinTargetShare: overall.withinTargetShare,
		urgentShare: rows.length ? rows.filter((row) => row.request.urgent).length / rows.length : null,
		byTopic: tally((row) => row.request.topic).map(([topic, n]) => ({ topic, count: n })),
		byStatus: tally((row) => row.request.status).map(([status, n]) => ({ status, count: n })),
		perAdviser: tally((row) => row.adviser ?? 'No PA').map(([adviser]) => ({
			adviser,
			...summarise(rows.filter((row) => (row.adviser ?? 'No PA') === adviser))
		})),
		perOffer: tally((row) => String(row.offerId ?? ''))
			.filter(([offerId]) => offerId !== '')
			.map(([offerId, n]) => ({ offerId: Number(offerId), count: n }))
	};
}

function median(values: number[]): number | null {
	if (values.length === 0) {
		return null;
	}
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const value = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return Math.round(value);
}

/* ------------------------------------------------------------------------------------------ */
/* The dashboard                                                                               */
/* ------------------------------------------------------------------------------------------ */

export const OFFER_SORTS = [
	'title',
	'views',
	'viewers',
	'saves',
	'used',
	'contacts',
	'requests',
	'helpful'
] as const;
export type OfferSort = (typeof OFFER_SORTS)[number];

export type OfferUptakeRow = {
	id: number;
	slug: string;
	title: string;
	category: string;
	published: boolean;
	views: number;
	uniqueViewers: PeopleCount;
	saves: number;
	/** Distinct people who said "I've used this". */
	used: PeopleCount;
	contacts: number;
	requests: number | null;
	helpfulYes: number;
	helpfulNo: number;
};

function helpfulByOffer(db: Database, range: DateRange) {
	const rows = db
		.select({
			offerId: offerFeedback.offerId,
			yes: sql<number>`sum(${offerFeedback.helpful} = 1)`,
			no: sql<number>`sum(${offerFeedback.helpful} = 0)`
		})
		.from(offerFeedback)
		.where(inRange(offerFeedback.updatedAt, range))
		.groupBy(offerFeedback.offerId)
		.all();
	return new Map(rows.map((row) => [row.offerId, { yes: row.yes ?? 0, no: row.no ?? 0 }]));
}

function inRange(
	column: typeof offerFeedback.updatedAt | typeof generalFeedback.createdAt,
	range: DateRange
) {
	return and(
		gte(column, new Date(londonDayStart(range.from))),
		lt(column, new Date(londonDayStart(addDays(range.to, 1))))
	);
}

function compareOffers(sort: OfferSort) {
	const value = (row: OfferUptakeRow): number => {
		switch (sort) {
			case 'views':
				return row.views;
			case 'viewers':
				return sortablePeople(row.uniqueViewers);
			case 'saves':
				return row.saves;
			case 'used':
				return sortablePeople(row.used);
			case 'contacts':
				return row.contacts;
			case 'requests':
				return row.requests ?? -1;
			case 'helpful':
				return row.helpfulYes + row.helpfulNo === 0
					? -1
					: row.helpfulYes / (row.helpfulYes + row.helpfulNo);
			default:
				return 0;
		}
	};
	return (a: OfferUptakeRow, b: OfferUptakeRow) =>
		sort === 'title'
			? a.title.localeCompare(b.title, 'en-GB')
			: value(b) - value(a) || a.title.localeCompare(b.title, 'en-GB');
}

/** The offers table: one row per offer, figures for the range, people suppressed. */
export function getOfferUptake(
	db: Database,
	range: DateRange,
	{ sort = 'views', requests = null }: { sort?: OfferSort; requests?: RequestStats | null } = {}
): OfferUptakeRow[] {
	const counts = sumEvents(db, range, 'offer:%');
	const people = countPeople(
		readSketches(db, range, ['offer:%:view', 'offer:%:used']),
		(row) => row.scope
	);
	const helpful = helpfulByOffer(db, range);
	const requestCounts = requests
		? new Map(requests.perOffer.map((r) => [r.offerId, r.count]))
		: null;
	const offers = db
		.select({
			id: offer.id,
			slug: offer.slug,
			title: offer.title,
			category: offer.category,
			published: offer.published
		})
		.from(offer)
		.all();
	return offers
		.map((item) => {
			const scope = (name: string) => `offer:${item.id}:${name}`;
			return {
				...item,
				views: counts.get(scope('view')) ?? 0,
				uniqueViewers: suppressPeople(people.get(scope('view')) ?? 0),
				saves: counts.get(scope('save')) ?? 0,
				used: suppressPeople(people.get(scope('used')) ?? 0),
				contacts: counts.get(scope('contact')) ?? 0,
				requests: requestCounts ? (requestCounts.get(item.id) ?? 0) : null,
				helpfulYes: helpful.get(item.id)?.yes ?? 0,
				helpfulNo: helpful.get(item.id)?.no ?? 0
			};
		})
		.sort(compareOffers(sort));
}

/** Distinct visitors and active care leavers in a range, and per week. */
export function getPeopleOverTime(db: Database, range: DateRange) {
	const rows = readSketches(db, range, ['site', 'leaver']);
	const totals = countPeople(rows, (row) => row.scope);
	const weekly = countPeople(rows, (row) => `${weekStart(row.day)}|${row.scope}`);
	return {
		visitors: totals.get('site') ?? 0,
		leavers: totals.get('leaver') ?? 0,
		weeks: weeksOf(range).map((week) => ({
			week: week.start,
			from: week.from,
			to: week.to,
			visitors: suppressPeople(weekly.get(`${week.start}|site`) ?? 0),
			leavers: suppressPeople(weekly.get(`${week.start}|leaver`) ?? 0)
		}))
	};
}

export type Comparison<T> = { current: T; previous: T };

export function getCategoryViews(db: Database, range: DateRange) {
	const counts = sumEvents(db, range, 'category:%');
	const people = countPeople(readSketches(db, range, ['category:%:view']), (row) => row.scope);
	return db
		.select({ slug: category.slug, name: category.name })
		.from(category)
		.orderBy(asc(category.position))
		.all()
		.map((item) => ({
			...item,
			views: counts.get(`category:${item.slug}:view`) ?? 0,
			uniqueViewers: suppressPeople(people.get(`category:${item.slug}:view`) ?? 0)
		}));
}

/** Searches that found nothing, most asked first: what young people want and cannot find. */
export function getUnmetSearches(db: Database, range: DateRange, limit = 25) {
	const rows = db.$client
		.prepare(
			`SELECT query, SUM(empty) AS count FROM analytics_search_daily
			 WHERE day BETWEEN ? AND ? GROUP BY query HAVING count > 0
			 ORDER BY count DESC, query LIMIT ?`
		)
		.all(range.from, range.to, limit) as { query: string; count: number }[];
	const totals = db.$client
		.prepare(
			`SELECT COALESCE(SUM(searches), 0) AS searches, COALESCE(SUM(empty), 0) AS empty
			 FROM analytics_search_daily WHERE day BETWEEN ? AND ?`
		)
		.get(range.from, range.to) as { searches: number; empty: number };
	return { ...totals, unmet: rows };
}

/**
 * Offers many people look at but few say they used: at least 10 viewers, and fewer than one in
 * ten of them said "I've used this". Worth a look: hard to get, or not what it seems?
 */
export function findLowUseOffers(rows: OfferUptakeRow[], limit = 10) {
	return rows
		.filter((row) => typeof row.uniqueViewers === 'number' && row.uniqueViewers >= 10)
		.map((row) => ({
			...row,
			useRate: sortablePeople(row.used) / (row.uniqueViewers as number)
		}))
		.filter((row) => row.useRate < 0.1)
		.sort((a, b) => a.useRate - b.useRate || b.views - a.views)
		.slice(0, limit);
}

export function listRecentOfferComments(db: Database, range: DateRange, limit = 20) {
	return db
		.select({
			at: offerFeedback.updatedAt,
			helpful: offerFeedback.helpful,
			comment: offerFeedback.comment,
			slug: offer.slug,
			title: offer.title
		})
		.from(offerFeedback)
		.innerJoin(offer, eq(offer.id, offerFeedback.offerId))
		.where(and(inRange(offerFeedback.updatedAt, range), sql`${offerFeedback.comment} IS NOT NULL`))
		.orderBy(desc(offerFeedback.updatedAt), desc(offerFeedback.id))
		.limit(limit)
		.all();
}

export function listRecentGeneralFeedback(db: Database, range: DateRange, limit = 20) {
	return db
		.select({
			at: generalFeedback.createdAt,
			name: generalFeedback.name,
			message: generalFeedback.message
		})
		.from(generalFeedback)
		.where(inRange(generalFeedback.createdAt, range))
		.orderBy(desc(generalFeedback.createdAt), desc(generalFeedback.id))
		.limit(limit)
		.all();
}

/** Everything /lead shows for a period, with the previous period of the same length. */
export function getDashboard(
	db: Database,
	range: DateRange,
	previous: DateRange,
	{ sort = 'views' }: { sort?: OfferSort } = {}
) {
	const requests = getRequestStats(db, range, previous);
	const people = getPeopleOverTime(db, range);
	const before = readSketches(db, previous, ['site', 'leaver']);
	const beforePeople = countPeople(before, (row) => row.scope);
	const views = sumEvents(db, range, 'type:offer_view').get('type:offer_view') ?? 0;
	const viewsBefore = sumEvents(db, previous, 'type:offer_view').get('type:offer_view') ?? 0;
	const offers = getOfferUptake(db, range, { sort, requests });
	return {
		range,
		previous,
		tiles: {
			visitors: {
				current: suppressPeople(people.visitors),
				previous: suppressPeople(beforePeople.get('site') ?? 0)
			},
			leavers: {
				current: suppressPeople(people.leavers),
				previous: suppressPeople(beforePeople.get('leaver') ?? 0)
			},
			offerViews: { current: views, previous: viewsBefore }
		},
		weeks: people.weeks,
		categories: getCategoryViews(db, range),
		offers,
		lowUse: findLowUseOffers(offers),
		searches: getUnmetSearches(db, range),
		requests,
		offerComments: listRecentOfferComments(db, range),
		generalFeedback: listRecentGeneralFeedback(db, range)
	};
}

export type Dashboard = ReturnType<typeof getDashboard>;

/** One offer's uptake: its weekly trend and its funnel, viewed → saved → contacted → used. */
export function getOfferTrend(db: Database, offerId: number, range: DateRange) {
	const pattern = `offer:${offerId}:%`;
	const counts = readCounts(db, range, pattern);
	const sketches = readSketches(db, range, [pattern]);
	const totals = sumEvents(db, range, pattern);
	const people = countPeople(sketches, (row) => row.scope);
	const weeklyViews = new Map<string, number>();
	for (const row of counts) {
		if (row.scope.endsWith(':view')) {
			const week = weekStart(row.day);
			weeklyViews.set(week, (weeklyViews.get(week) ?? 0) + row.events);
		}
	}
	const weeklyViewers = countPeople(
		sketches.filter((row) => row.scope.endsWith(':view')),
		(row) => weekStart(row.day)
	);
	const scope = (name: string) => `offer:${offerId}:${name}`;
	const requests = getRequestStats(db, range);
	return {
		weeks: weeksOf(range).map((week) => ({
			week: week.start,
			from: week.from,
			to: week.to,
			views: weeklyViews.get(week.start) ?? 0,
			viewers: suppressPeople(weeklyViewers.get(week.start) ?? 0)
		})),
		events: {
			views: totals.get(scope('view')) ?? 0,
			saves: totals.get(scope('save')) ?? 0,
			unsaves: totals.get(scope('unsave')) ?? 0,
			contacts: totals.get(scope('contact')) ?? 0,
			used: totals.get(scope('used')) ?? 0
		},
		funnel: {
			viewed: suppressPeople(people.get(scope('view')) ?? 0),
			saved: suppressPeople(people.get(scope('save')) ?? 0),
			contacted: suppressPeople(people.get(scope('contact')) ?? 0),
			requested: requests
				? (requests.perOffer.find((row) => row.offerId === offerId)?.count ?? 0)
				: null,
			used: suppressPeople(people.get(scope('used')) ?? 0)
		}
	};
}

/** The offer a lead asks about on /lead/uptake/SLUG, published or not. */
export function findOfferForUptake(db: Database, slug: string) {
	return db
		.select({
			id: offer.id,
			slug: offer.slug,
			title: offer.title,
			category: offer.category,
			published: offer.published
		})
		.from(offer)
		.where(eq(offer.slug, slug))
		.get();
}

/** "Was this helpful?" for one offer in a range: the totals and the latest comments. */
export function getOfferFeedback(db: Database, offerId: number, range: DateRange) {
	const totals = helpfulByOffer(db, range).get(offerId) ?? { yes: 0, no: 0 };
	const comments = db
		.select({
			at: offerFeedback.updatedAt,
			helpful: offerFeedback.helpful,
			comment: offerFeedback.comment
		})
		.from(offerFeedback)
		.where(
			and(
				eq(offerFeedback.offerId, offerId),
				inRange(offerFeedback.updatedAt, range),
				sql`${offerFeedback.comment} IS NOT NULL`
			)
		)
		.orderBy(desc(offerFeedback.updatedAt))
		.limit(20)
		.all();
	return { ...totals, comments };
}
