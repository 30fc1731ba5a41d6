import { fail } from '@sveltejs/kit';
import { ageOn } from '$lib/eligibility';
import { newLeaverSchema } from '$lib/schemas/account';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { createLeaver, listAdvisers } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'adviser', 'lead');
	return { advisers: listAdvisers(db), defaultAdviserId: user.role === 'adviser' ? user.id : null };
};

export const actions = {
	default: async (event) => {
		const user = requireRole(event, 'adviser', 'lead');
		const form = await readForm(event.request);
		const values = {
			...echo(form, { name: 60, dateOfBirth: 10, adviserId: 12 }),
			livesInArea: form.livesInArea === 'yes',
			inEducation: form.inEducation === 'yes'
		};
		const parsed = newLeaverSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { values, errors: fieldErrors(parsed.error) });
		}
		const age = ageOn(parsed.data.dateOfBirth, new Date());
		if (age === null || age < 15 || age > 25) {
			return fail(400, {
				values,
				errors: { dateOfBirth: 'Check the date of birth: care leavers are aged 16 to 25' }
			});
		}
		const result = createLeaver(db, user, parsed.data);
		if (!result.ok) {
			return fail(400, { values, errors: { [result.field]: result.message } });
		}
		return {
			created: {
				id: result.leaver.id,
				name: result.leaver.name,
				code: result.code,
				expiresAt: result.expiresAt
			}
		};
	}
} satisfies Actions;
