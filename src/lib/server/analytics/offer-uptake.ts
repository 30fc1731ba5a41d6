/** One offer's uptake page: its weekly trend, its funnel and what young people said about it. */
import { and, desc, eq, sql } from 'drizzle-orm';
import { suppressPeople } from '$lib/suppression';
import type { Database } from '../db/connection';
import { offer, offerFeedback } from '../db/schema';
import { weekStart } from '$lib/london-time';

import {
	countPeople,
	readCounts,
	readSketches,
	sumEvents,
	weeksOf,
	type DateRange
} from './rollup-reads';
import { getRequestStats } from './request-stats';
import { helpfulByOffer, inRange, UPTAKE_OFFER_COLUMNS } from './panels';

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
	return db.select(UPTAKE_OFFER_COLUMNS).from(offer).where(eq(offer.slug, slug)).get();
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
