import { fail } from '@sveltejs/kit';
import { noticeChoicesFormSchema, noticeKindsFor } from '$lib/schemas/notices';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { emailIsSetUp, getNoticeChoices, saveNoticeChoices } from '$lib/server/mail';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const staff = requireRole(event, 'adviser', 'lead');
	return {
		kinds: noticeKindsFor(staff.role),
		choices: getNoticeChoices(db, staff.id),
		hasEmail: staff.email !== null,
		emailIsSetUp: emailIsSetUp()
	};
};

export const actions = {
	default: async (event) => {
		const staff = requireRole(event, 'adviser', 'lead');
		const parsed = noticeChoicesFormSchema.safeParse(await readForm(event.request));
		if (!parsed.success) {
			return fail(400, { saved: false });
		}
		saveNoticeChoices(db, staff.id, parsed.data);
		return { saved: true };
	}
} satisfies Actions;
