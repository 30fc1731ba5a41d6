import { error, fail } from '@sveltejs/kit';
import { idSchema } from '$lib/schemas/account';
import { savedReplySchema } from '$lib/schemas/requests';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import {
	createSavedReply,
	deleteSavedReply,
	listSavedReplies,
	updateSavedReply
} from '$lib/server/requests';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	return { savedReplies: listSavedReplies(db) };
};

export const actions = {
	create: async (event) => {
		requireRole(event, 'lead');
		const form = await readForm(event.request);
		const parsed = savedReplySchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				create: {
					values: echo(form, { title: 80, body: 6000 }),
					errors: fieldErrors(parsed.error)
				}
			});
		}
		createSavedReply(db, parsed.data);
		return { message: 'Saved reply added.' };
	},
	update: async (event) => {
		requireRole(event, 'lead');
		const form = await readForm(event.request);
		const id = idSchema.safeParse(form.id);
		const parsed = savedReplySchema.safeParse(form);
		if (!id.success) {
			error(404, 'We could not find that saved reply.');
		}
		if (!parsed.success) {
			return fail(400, { message: `Not saved: ${Object.values(fieldErrors(parsed.error))[0]}` });
		}
		if (updateSavedReply(db, id.data, parsed.data) === 0) {
			error(404, 'We could not find that saved reply.');
		}
		return { message: 'Saved reply updated.' };
	},
	delete: async (event) => {
		requireRole(event, 'lead');
		const id = idSchema.safeParse((await readForm(event.request)).id);
		if (!id.success || deleteSavedReply(db, id.data) === 0) {
			error(404, 'We could not find that saved reply.');
		}
		return { message: 'Saved reply removed.' };
	}
} satisfies Actions;
