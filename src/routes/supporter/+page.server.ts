import { error, fail, redirect } from '@sveltejs/kit';
import { idSchema } from '$lib/schemas/account';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { saveOutcome } from '$lib/server/pledge-pages';
import {
	endPledge,
	getMatchOfSupporter,
	getPledge,
	listMatchesForSupporter,
	listPledgesOf
} from '$lib/server/pledges';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const supporter = requireRole(event, 'supporter');
	return {
		pledges: listPledgesOf(db, supporter.id),
		matches: listMatchesForSupporter(db, supporter.id),
		made: event.url.searchParams.get('made') === '1'
	};
};

export const actions = {
	/** The supporter ends one of their own pledges early; matches already made stand. */
	end: async (event) => {
		const supporter = requireRole(event, 'supporter');
		const form = await readForm(event.request);
		const id = idSchema.safeParse(form.pledge);
		const item = id.success ? getPledge(db, id.data) : undefined;
		if (!item || item.supporterId !== supporter.id) {
			error(404, 'There is no pledge of yours here.');
		}
		if (item.status === 'declined' || item.status === 'ended') {
			return fail(400, { message: 'This pledge has already ended.' });
		}
		endPledge(db, supporter, item);
		redirect(303, '/supporter?ended=1');
	},
	/** How a match of one of their pledges went. */
	outcome: async (event) => {
		const supporter = requireRole(event, 'supporter');
		const form = await readForm(event.request);
		return saveOutcome(supporter, form, (matchId) =>
			getMatchOfSupporter(db, supporter.id, matchId)
		);
	}
} satisfies Actions;
