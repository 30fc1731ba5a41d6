import { z } from 'zod';
import { AUDIT_ACTIONS, listAuditEvents, type AuditAction } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { listStaff } from '$lib/server/users';
import type { PageServerLoad } from './$types';

const date = z.iso.date().optional().catch(undefined);
const filtersSchema = z.object({
	who: z.coerce.number().int().positive().optional().catch(undefined),
	what: z
		.string()
		.optional()
		.catch(undefined)
		.transform((value) => (value && value in AUDIT_ACTIONS ? (value as AuditAction) : undefined)),
	from: date,
	to: date,
	page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined)
});

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	const params = event.url.searchParams;
	const filters = filtersSchema.parse({
		who: params.get('who') || undefined,
		what: params.get('what') || undefined,
		from: params.get('from') || undefined,
		to: params.get('to') || undefined,
		page: params.get('page') || undefined
	});
	const result = listAuditEvents(db, {
		actorId: filters.who,
		action: filters.what,
		from: filters.from,
		to: filters.to,
		page: filters.page
	});
	return {
		filters: {
			who: filters.who?.toString() ?? '',
			what: filters.what ?? '',
			from: filters.from ?? '',
			to: filters.to ?? ''
		},
		staff: listStaff(db).map(({ id, name }) => ({ id, name })),
		actions: Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label })),
		...result
	};
};
