import { fail } from '@sveltejs/kit';
import { awaySchema } from '$lib/schemas/away';
import { requireRole } from '$lib/server/auth/guards';
import { endAway, isAway, listCoverOptions, setAway } from '$lib/server/away';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { errorsIn } from '$lib/server/account-messages';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const pa = requireRole(event, 'adviser');
	const cover = pa.coverAdviserId;
	return {
		away: isAway(pa) ? { until: pa.awayUntil!, coverId: cover } : null,
		coverOptions: listCoverOptions(db, pa)
	};
};

export const actions = {
	save: async (event) => {
		const pa = requireRole(event, 'adviser');
		const form = await readForm(event.request);
		const values = echo(form, { until: 10, cover: 12 });
		const parsed = awaySchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { values, errors: errorsIn(fieldErrors(parsed.error)) });
		}
		const result = setAway(db, pa, parsed.data);
		if (!result.ok) {
			return fail(400, { values, errors: errorsIn(result.errors) });
		}
		return { message: m.account_away_saved() };
	},
	end: async (event) => {
		const pa = requireRole(event, 'adviser');
		endAway(db, pa);
		return { message: m.account_away_welcome_back() };
	}
} satisfies Actions;
