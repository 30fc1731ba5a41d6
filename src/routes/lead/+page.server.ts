import { loadDashboard, readRangeQuery } from '$lib/server/analytics/dashboard';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { getMailStatus } from '$lib/server/mail';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	const { range, previous, sort, message } = readRangeQuery(event.url.searchParams, new Date());
	const mail = getMailStatus(db);
	return {
		dashboard: loadDashboard(db, range, previous, sort),
		sort,
		message,
		mailFailing: mail.failing ? mail.waiting : 0
	};
};
