import { fail, type RequestEvent } from '@sveltejs/kit';
import { opportunityFormSchema, readOpportunityForm } from '$lib/schemas/opportunity-form';
import { fieldErrors, readFormData } from '$lib/server/forms';

/**
 * The editor's form, checked: the typed values always (to show back), and the opportunity when
 * every field is right; otherwise the 400 answer to return, with messages beside the fields.
 */
export async function readOpportunityEditor(event: RequestEvent) {
	const data = await readFormData(event.request);
	const values = readOpportunityForm(data ?? new FormData());
	const parsed = opportunityFormSchema.safeParse(values);
	if (!data || !parsed.success) {
		const errors = parsed.success
			? { title: 'The form could not be read. Please try again.' }
			: fieldErrors(parsed.error);
		return { ok: false as const, failure: fail(400, { values, errors }) };
	}
	return { ok: true as const, input: parsed.data };
}
