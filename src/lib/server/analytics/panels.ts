import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { sortablePeople, suppressPeople, type PeopleCount } from '$lib/suppression';
import { LANGUAGES } from '$lib/language-names';
import type { Database } from '../db/connection';
import { category, generalFeedback, offer, offerFeedback } from '../db/schema';
import { addDays, londonDayStart, weekStart } from '$lib/london-time';

import { countPeople, readSketches, sumEvents, weeksOf, type DateRange } from './rollup-reads';
import type { RequestStats } from './request-stats';

/* ------------------------------------------------------------------------------------------ */
/* The dashboard's panels: offers, topics, searches, people over time and feedback            */
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

export function helpfulByOffer(db: Database, range: DateRange) {
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

export function inRange(
	column: typeof offerFeedback.updatedAt | typeof generalFeedback.createdAt,
	range: DateRange
) {
	return and(
		gte(column, new Date(londonDayStart(range.from))),
		lt(column, new Date(londonDayStart(addDays(range.to, 1))))
	);
}

export function compareOffers(sort: OfferSort) {
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

/** What the uptake pages show of an offer, published or not. */
export const UPTAKE_OFFER_COLUMNS = {
	id: offer.id,
	slug: offer.slug,
	title: offer.title,
	category: offer.category,
	published: offer.published
};

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
	const offers = db.select(UPTAKE_OFFER_COLUMNS).from(offer).all();
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

/**
 * Pages read in each language the app speaks (page and offer views), and by how many people. Both
 * are suppressed below 5: a language few young people read could point to one of them.
 */
export function getLanguageViews(db: Database, range: DateRange) {
	const counts = sumEvents(db, range, 'language:%');
	const people = countPeople(readSketches(db, range, ['language:%:view']), (row) => row.scope);
	return LANGUAGES.map((language) => ({
		code: language.code,
		name: language.englishName,
		views: suppressPeople(counts.get(`language:${language.code}:view`) ?? 0),
		uniqueViewers: suppressPeople(people.get(`language:${language.code}:view`) ?? 0)
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
