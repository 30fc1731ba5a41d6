import { londonToday } from '$lib/london-time';
import { emptyOfferForm } from '$lib/schemas/offer-form';
import { requireRole } from '$lib/server/auth/guards';
import { handleEditorAction } from '../editor.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	return { values: emptyOfferForm(londonToday()) };
};

export const actions = {
	save: async (event) => handleEditorAction(event, 'save', null),
	publish: async (event) => handleEditorAction(event, 'publish', null),
	preview: async (event) => handleEditorAction(event, 'preview', null)
} satisfies Actions;
