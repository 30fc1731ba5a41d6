import { dateRangeSchema } from '$lib/schemas/analytics';
import type { Database } from '../db/connection';
import {
	getDashboard,
	OFFER_SORTS,
	resolveDateRange,
	type DateRange,
	type OfferSort
} from './queries';
import { rollUpEvents } from './rollup';

/**
 * ?from=&to= (and ?sort=) as asked, or the defaults with a sentence saying why: a mistyped date
 * should never cost the lead their page.
 */
export function readRangeQuery(params: URLSearchParams, now: Date) {
	const parsed = dateRangeSchema.safeParse({
		from: params.get('from') || undefined,
		to: params.get('to') || undefined
	});
	const sortParam = params.get('sort');
	const sort = OFFER_SORTS.find((item) => item === sortParam) ?? 'views';
	if (!parsed.success) {
		return {
			...resolveDateRange({}, now),
			sort,
			message: `${parsed.error.issues[0].message}. Showing the last 90 days instead.`
		};
	}
	return { ...resolveDateRange(parsed.data, now), sort, message: null };
}

/**
 * The dashboard for a period. Rolls up anything new first (usually nothing: the scheduler does
 * it every minute), so what was sent a moment ago is already counted.
 */
export function loadDashboard(
	db: Database,
	range: DateRange,
	previous: DateRange,
	sort: OfferSort
) {
	rollUpEvents(db);
	return getDashboard(db, range, previous, { sort });
}
