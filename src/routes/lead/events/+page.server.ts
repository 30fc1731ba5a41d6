import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { listEventsForLead } from '$lib/server/events';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	return listEventsForLead(db);
};
