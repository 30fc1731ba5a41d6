import {
	ADDRESS_EVENT_LIMITS,
	createRateLimiter,
	handleEventsRequest,
	leaverIdOf
} from '$lib/server/analytics/ingest';
import { clientAddressOf } from '$lib/server/client-address';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

const limiter = createRateLimiter();
const addressLimiter = createRateLimiter(ADDRESS_EVENT_LIMITS);

export const POST: RequestHandler = (event) =>
	handleEventsRequest(db, event.request, {
		now: Date.now(),
		siteOrigin: event.url.origin,
		userId: leaverIdOf(event.locals.user),
		limiter,
		address: clientAddressOf(event),
		addressLimiter
	});
