import { fail } from '@sveltejs/kit';
import { generalFeedbackSchema } from '$lib/schemas/analytics';
import { db } from '$lib/server/db';
import { recordGeneralFeedback } from '$lib/server/feedback';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { errorsIn } from '$lib/server/account-messages';
import type { Actions } from './$types';

export const actions = {
	default: async ({ request }) => {
		const form = await readForm(request);
		const values = echo(form, { name: 200, message: 5000 });
		const parsed = generalFeedbackSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { values, errors: errorsIn(fieldErrors(parsed.error)), sent: false });
		}
		recordGeneralFeedback(db, parsed.data);
		return { values: { name: '', message: '' }, errors: {}, sent: true };
	}
} satisfies Actions;
