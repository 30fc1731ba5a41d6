import { emptyEventForm } from '$lib/schemas/event-form';
import { requireRole } from '$lib/server/auth/guards';
import { handleEventEditorAction } from '../editor.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	return { values: emptyEventForm() };
};

export const actions = {
	save: async (event) => handleEventEditorAction(event, 'save', null),
	publish: async (event) => handleEventEditorAction(event, 'publish', null)
} satisfies Actions;
