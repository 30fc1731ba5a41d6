import { fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { readFormData } from '$lib/server/forms';
import { importOpportunities } from '$lib/server/opportunity-import';
import type { Actions, PageServerLoad } from './$types';

/** A partner's list of a few hundred rows is far smaller than this. */
const CSV_MAX_BYTES = 1024 * 1024;

export const load: PageServerLoad = (event) => {
	requireRole(event, 'adviser', 'lead');
	return {};
};

export const actions = {
	default: async (event) => {
		const staff = requireRole(event, 'adviser', 'lead');
		const file = (await readFormData(event.request))?.get('file');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { error: 'Choose a CSV file to import.', problems: [] });
		}
		if (file.size > CSV_MAX_BYTES) {
			return fail(400, {
				error: 'That file is too big. Import at most 1 MB at a time.',
				problems: []
			});
		}
		const result = importOpportunities(db, staff, await file.text());
		if (!result.ok) {
			return fail(400, {
				error: 'Nothing was imported. Put these right in the file and import it again.',
				problems: result.problems.slice(0, 100)
			});
		}
		return { created: result.created };
	}
} satisfies Actions;
