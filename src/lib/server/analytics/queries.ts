import { suppressPeople } from '$lib/suppression';
import type { Database } from '../db/connection';

import { countPeople, readSketches, sumEvents, type DateRange } from './rollup-reads';
import { getRequestStats } from './request-stats';
import { getKeepingInTouch } from './keeping-in-touch';
import { getOpportunityUptake } from './opportunity-uptake';
import { getPledgeUptake } from './pledge-uptake';
import {
	findLowUseOffers,
	getCategoryViews,
	getLanguageViews,
	getOfferUptake,
	getPeopleOverTime,
	getUnmetSearches,
	listRecentGeneralFeedback,
	listRecentOfferComments,
	type OfferSort
} from './panels';

// What the dashboard reads, by panel: rollup-reads.ts (periods, counts, people), request-stats.ts,
// panels.ts (offers, topics, searches, feedback), keeping-in-touch.ts and offer-uptake.ts (one
// offer's page).
export * from './rollup-reads';
export * from './request-stats';
export * from './panels';
export * from './offer-uptake';

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
		languages: getLanguageViews(db, range),
		opportunities: getOpportunityUptake(db, range),
		pledges: getPledgeUptake(db, range),
		keepingInTouch: getKeepingInTouch(db, range),
		offers,
		lowUse: findLowUseOffers(offers),
		searches: getUnmetSearches(db, range),
		requests,
		offerComments: listRecentOfferComments(db, range),
		generalFeedback: listRecentGeneralFeedback(db, range)
	};
}

export type Dashboard = ReturnType<typeof getDashboard>;
