import { z } from 'zod';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { countOutOfTouch, getInTouchWeeks } from '$lib/server/in-touch';
import { getResponseTargets, listInbox } from '$lib/server/requests';
import { listCaseload } from '$lib/server/users';
import type { PageServerLoad } from './$types';

const filtersSchema = z.object({
	status: z.enum(['new', 'in-progress', 'waiting', 'resolved']).optional().catch(undefined),
	urgent: z.literal('1').optional().catch(undefined),
	overdue: z.literal('1').optional().catch(undefined),
	scope: z.enum(['mine', 'team']).optional().catch(undefined)
});

export const load: PageServerLoad = (event) => {
	const viewer = requireRole(event, 'adviser', 'lead');
	const params = event.url.searchParams;
	const filters = filtersSchema.parse({
		status: params.get('status') || undefined,
		urgent: params.get('urgent') || undefined,
		overdue: params.get('overdue') || undefined,
		scope: params.get('scope') || undefined
	});
	const now = Date.now();
	const rows = listInbox(
		db,
		viewer,
		{
			status: filters.status,
			urgent: filters.urgent === '1',
			overdue: filters.overdue === '1',
			scope: filters.scope ?? (viewer.role === 'lead' ? 'team' : 'mine')
		},
		now
	);
	return {
		filters: {
			status: filters.status ?? '',
			urgent: filters.urgent === '1',
			overdue: filters.overdue === '1',
			scope: filters.scope ?? (viewer.role === 'lead' ? 'team' : 'mine')
		},
		targets: getResponseTargets(db),
		outOfTouch: {
			count: countOutOfTouch(db, listCaseload(db, viewer, now), now),
			weeks: getInTouchWeeks(db)
		},
		now,
		requests: rows.map((row) => ({
			id: row.request.id,
			leaverName: row.leaverName,
			adviserName: row.adviserName,
			topic: row.request.topic,
			status: row.request.status,
			urgent: row.request.urgent,
			crisis: row.request.crisis,
			createdAt: row.request.createdAt,
			due: row.request.firstResponseAt ? null : row.due,
			overdue: row.overdue,
			unread: row.unread,
			opportunity:
				row.opportunityTitle && row.opportunityClosesOn
					? { title: row.opportunityTitle, closesOn: row.opportunityClosesOn }
					: null
		}))
	};
};
