import {
	ADDRESS_EVENT_LIMITS,
	createRateLimiter,
	handleEventsRequest,
	leaverIdOf
} from '$lib/server/analytics/ingest';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

const limiter = createRateLimiter();
const addressLimiter = createRateLimiter(ADDRESS_EVENT_LIMITS);

export const POST: RequestHandler = ({ request, locals, url, getClientAddress }) =>
	handleEventsRequest(db, request, {
		now: Date.now(),
		siteOrigin: url.origin,
		userId: leaverIdOf(locals.user),
		limiter,
		address: getClientAddress(),
		addressLimiter
	});
