import { fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { getMailStatus, retryMailNow, saveTeamInbox, teamInboxSchema } from '$lib/server/mail';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	return { mail: getMailStatus(db) };
};

export const actions = {
	inbox: async (event) => {
		const lead = requireRole(event, 'lead');
		const form = await readForm(event.request);
		const values = echo(form, { teamInbox: 300 });
		const parsed = teamInboxSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { inbox: { values, errors: fieldErrors(parsed.error) } });
		}
		saveTeamInbox(db, lead, parsed.data.teamInbox);
		return { inbox: { values: parsed.data, errors: {}, saved: true } };
	},
	retry: async (event) => {
		requireRole(event, 'lead');
		return { retry: { emails: retryMailNow(db) } };
	}
} satisfies Actions;
