import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { idSchema } from '$lib/schemas/account';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { leadOfferFiltersSchema, listOffersForLead, moveOffer } from '$lib/server/offer-editing';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	const filters = leadOfferFiltersSchema.parse(Object.fromEntries(event.url.searchParams));
	return { filters, ...listOffersForLead(db, filters) };
};

const moveSchema = z.object({ id: idSchema, direction: z.enum(['up', 'down']) });

export const actions = {
	/** Up and down buttons: reordering that works without JavaScript. */
	move: async (event) => {
		const lead = requireRole(event, 'lead');
		const parsed = moveSchema.safeParse(await readForm(event.request));
		if (!parsed.success || !moveOffer(db, lead, parsed.data.id, parsed.data.direction)) {
			error(404, 'We could not find that offer.');
		}
		return { moved: parsed.data.id };
	}
} satisfies Actions;
