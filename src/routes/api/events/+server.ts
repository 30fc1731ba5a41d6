import { handleEventsRequest, leaverIdOf, createRateLimiter } from '$lib/server/analytics/ingest';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

const limiter = createRateLimiter();

export const POST: RequestHandler = ({ request, locals, url }) =>
	handleEventsRequest(db, request, {
		now: Date.now(),
		siteOrigin: url.origin,
		userId: leaverIdOf(locals.user),
		limiter
	});
