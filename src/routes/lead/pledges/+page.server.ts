import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { listPledgesForStaff } from '$lib/server/pledges';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	return { pledges: listPledgesForStaff(db) };
};
