import { error } from '@sveltejs/kit';
import { readRangeQuery } from '$lib/server/analytics/dashboard';
import { findOfferForUptake, getOfferFeedback, getOfferTrend } from '$lib/server/analytics/queries';
import { rollUpEvents } from '$lib/server/analytics/rollup';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	const offer = findOfferForUptake(db, event.params.slug);
	if (!offer) {
		error(404, 'We could not find that part of the offer.');
	}
	const { range, message } = readRangeQuery(event.url.searchParams, new Date());
	rollUpEvents(db);
	return {
		offer,
		range,
		message,
		trend: getOfferTrend(db, offer.id, range),
		feedback: getOfferFeedback(db, offer.id, range)
	};
};
