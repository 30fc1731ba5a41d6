import { redirect } from '@sveltejs/kit';
import { addDays, londonToday } from '$lib/london-time';
import { emptyOpportunityForm } from '$lib/schemas/opportunity-form';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { createOpportunity } from '$lib/server/opportunity-editing';
import { readOpportunityEditor } from '../editor.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'adviser', 'lead');
	return { values: emptyOpportunityForm(addDays(londonToday(), 28)) };
};

export const actions = {
	save: async (event) => {
		const staff = requireRole(event, 'adviser', 'lead');
		const form = await readOpportunityEditor(event);
		if (!form.ok) {
			return form.failure;
		}
		const made = createOpportunity(db, staff, form.input);
		redirect(303, `/lead/opportunities/${made.id}?saved=created`);
	}
} satisfies Actions;
