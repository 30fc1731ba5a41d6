import { fail } from '@sveltejs/kit';
import { responseTargetsSchema } from '$lib/schemas/requests';
import { recordAudit } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { fieldErrors, readForm } from '$lib/server/forms';
import { getResponseTargets, saveResponseTargets } from '$lib/server/requests';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	return { targets: getResponseTargets(db) };
};

export const actions = {
	targets: async (event) => {
		const lead = requireRole(event, 'lead');
		const form = await readForm(event.request);
		const parsed = responseTargetsSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				targets: {
					values: {
						urgentHours: (form.urgentHours ?? '').slice(0, 4),
						normalWorkingDays: (form.normalWorkingDays ?? '').slice(0, 4),
						dayStart: (form.dayStart ?? '').slice(0, 5),
						dayEnd: (form.dayEnd ?? '').slice(0, 5)
					},
					errors: fieldErrors(parsed.error)
				}
			});
		}
		saveResponseTargets(db, parsed.data);
		recordAudit(db, {
			actorId: lead.id,
			action: 'settings-changed',
			target: 'response-targets',
			detail: parsed.data
		});
		return { targets: { saved: true } };
	}
} satisfies Actions;
