import { fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { getTranslationOverview } from '$lib/server/translation-editing';
import { importXliff, XLIFF_MAX_BYTES } from '$lib/server/xliff';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	return getTranslationOverview(db);
};

/** The uploaded file, or null when there is none (or the form could not be read). */
async function readUploadedFile(request: Request) {
	try {
		const file = (await request.formData()).get('file');
		return file instanceof File && file.size > 0 ? file : null;
	} catch {
		return null;
	}
}

export const actions = {
	import: async (event) => {
		const lead = requireRole(event, 'lead');
		const file = await readUploadedFile(event.request);
		if (!file) {
			return fail(400, { problems: ['Choose an XLIFF file (.xlf) to import.'] });
		}
		if (file.size > XLIFF_MAX_BYTES) {
			return fail(400, { problems: ['That file is too big to be a translation of the offer.'] });
		}
		const result = importXliff(db, lead.id, await file.text());
		if (!result.ok) {
			return fail(400, { problems: result.problems });
		}
		return { imported: result };
	}
} satisfies Actions;
