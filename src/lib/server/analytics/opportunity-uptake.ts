import { and, gte, isNotNull, lt } from 'drizzle-orm';
import { addDays, londonDayStart, londonToday } from '$lib/london-time';
import { OPPORTUNITY_KINDS, type OpportunityKind } from '$lib/schemas/opportunity';
import { suppressPeople, type PeopleCount } from '$lib/suppression';
import type { Database } from '../db/connection';
import { opportunity, supportRequest } from '../db/schema';
import { countPeople, readSketches, sumEvents, type DateRange } from './rollup-reads';

export type OpportunityUptakeRow = {
	id: number;
	title: string;
	kind: OpportunityKind;
	/** Its page read, in any language. */
	views: number;
	uniqueViewers: PeopleCount;
	/** Young people who said "I'm interested" in the period. */
	interested: PeopleCount;
};

/** The scope's opportunity id ("opportunity:12:view" → 12). */
const idOfScope = (scope: string) => Number(scope.split(':')[1]);

/**
 * How the board was used in the period: each opportunity's views and viewers (its page, any
 * language) and the young people who said "I'm interested", and the same by kind with how many
 * are open today. Counts of people are suppressed below 5, before they leave the server.
 */
export function getOpportunityUptake(db: Database, range: DateRange, now = Date.now()) {
	const items = db
		.select({
			id: opportunity.id,
			title: opportunity.title,
			kind: opportunity.kind,
			status: opportunity.status,
			closesOn: opportunity.closesOn
		})
		.from(opportunity)
		.all();
	const kindOf = new Map(items.map((item) => [item.id, item.kind]));
	const views = sumEvents(db, range, 'opportunity:%:view');
	const sketches = readSketches(db, range, ['opportunity:%:view']);
	const viewers = countPeople(sketches, (row) => row.scope);
	const viewersByKind = countPeople(sketches, (row) => kindOf.get(idOfScope(row.scope)) ?? '');

	const asked = db
		.select({ opportunityId: supportRequest.opportunityId, leaverId: supportRequest.leaverId })
		.from(supportRequest)
		.where(
			and(
				isNotNull(supportRequest.opportunityId),
				gte(supportRequest.createdAt, new Date(londonDayStart(range.from))),
				lt(supportRequest.createdAt, new Date(londonDayStart(addDays(range.to, 1))))
			)
		)
		.all();
	const interestedIn = (match: (id: number) => boolean) =>
		new Set(asked.filter((row) => match(row.opportunityId!)).map((row) => row.leaverId)).size;

	const rows: OpportunityUptakeRow[] = items
		.map((item) => ({
			id: item.id,
			title: item.title,
			kind: item.kind,
			views: views.get(`opportunity:${item.id}:view`) ?? 0,
			uniqueViewers: suppressPeople(viewers.get(`opportunity:${item.id}:view`) ?? 0),
			interested: suppressPeople(interestedIn((id) => id === item.id))
		}))
		.filter((row) => row.views > 0 || row.interested !== 0)
		.sort((a, b) => b.views - a.views || a.title.localeCompare(b.title));

	const today = londonToday(now);
	const kinds = OPPORTUNITY_KINDS.map((kind) => ({
		kind,
		open: items.filter(
			(item) => item.kind === kind && item.status === 'published' && item.closesOn >= today
		).length,
		views: rows.filter((row) => row.kind === kind).reduce((sum, row) => sum + row.views, 0),
		uniqueViewers: suppressPeople(viewersByKind.get(kind) ?? 0),
		interested: suppressPeople(interestedIn((id) => kindOf.get(id) === kind))
	}));
	return { kinds, rows };
}

export type OpportunityUptake = ReturnType<typeof getOpportunityUptake>;
