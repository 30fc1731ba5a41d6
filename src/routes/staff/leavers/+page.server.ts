import { error, fail } from '@sveltejs/kit';
import { idSchema } from '$lib/schemas/account';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { withContact } from '$lib/server/in-touch';
import { getLeaverForStaff, listAdvisers, listCaseload, transferLeaver } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'adviser', 'lead');
	const { weeks, rows } = withContact(db, listCaseload(db, user));
	return { caseload: rows, weeks, advisers: listAdvisers(db) };
};

export const actions = {
	transfer: async (event) => {
		const user = requireRole(event, 'adviser', 'lead');
		const form = await readForm(event.request);
		const leaverId = idSchema.safeParse(form.leaverId);
		const adviserId = idSchema.safeParse(form.adviserId);
		if (!leaverId.success) {
			error(404, 'We could not find that young person.');
		}
		const leaver = getLeaverForStaff(db, user, leaverId.data);
		if (!leaver) {
			error(404, 'We could not find that young person.');
		}
		if (!adviserId.success) {
			return fail(400, { transfer: { leaverId: leaver.id, message: 'Choose a PA from the list' } });
		}
		const result = transferLeaver(db, user, leaver, adviserId.data);
		if (!result.ok) {
			return fail(400, { transfer: { leaverId: leaver.id, message: result.message } });
		}
		return { transfer: { leaverId: leaver.id, message: `${leaver.name} has a new PA.` } };
	}
} satisfies Actions;
