import { fail, redirect } from '@sveltejs/kit';
import { addDays, londonToday } from '$lib/london-time';
import { pledgeFormSchema } from '$lib/schemas/pledge-form';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { createPledge } from '$lib/server/pledges';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'supporter');
	return { today: londonToday(), until: addDays(londonToday(), 90) };
};

export const actions = {
	default: async (event) => {
		const supporter = requireRole(event, 'supporter');
		const form = await readForm(event.request);
		const values = echo(form, {
			scheme: 20,
			kind: 10,
			timeKind: 30,
			amount: 12,
			details: 2000,
			places: 4,
			until: 10
		});
		const parsed = pledgeFormSchema.safeParse(form);
		const errors = parsed.success ? {} : fieldErrors(parsed.error);
		if (parsed.success && parsed.data.until < londonToday()) {
			errors.until = 'The last date cannot be in the past';
		}
		if (parsed.success && parsed.data.until > addDays(londonToday(), 731)) {
			errors.until = 'Choose a date within two years';
		}
		if (!parsed.success || Object.keys(errors).length > 0) {
			return fail(400, { values, errors });
		}
		createPledge(db, supporter, parsed.data);
		redirect(303, '/supporter?made=1');
	}
} satisfies Actions;
