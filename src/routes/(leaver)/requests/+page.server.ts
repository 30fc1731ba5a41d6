import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { toLeaverRequestSummary } from '$lib/server/request-views';
import { listLeaverRequests } from '$lib/server/requests';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const leaver = requireRole(event, 'leaver');
	return {
		requests: listLeaverRequests(db, leaver).map((request) => toLeaverRequestSummary(db, request))
	};
};
