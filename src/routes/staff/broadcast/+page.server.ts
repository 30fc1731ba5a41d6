import { error, fail, redirect } from '@sveltejs/kit';
import { idSchema } from '$lib/schemas/account';
import { NEWS_BODY_MAX, newsEditSchema, newsFormSchema } from '$lib/schemas/news-form';
import { requireRole } from '$lib/server/auth/guards';
import type { User } from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { AGE_BANDS } from '$lib/server/in-touch';
import {
	audiencesFor,
	countReach,
	editNews,
	getEditableNews,
	isAudienceRefused,
	listNewsBy,
	NEWS_PER_DAY,
	newsLeftToday,
	postNews,
	withdrawNews
} from '$lib/server/news';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find that message.';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'adviser', 'lead');
	const now = new Date();
	const editId = idSchema.safeParse(event.url.searchParams.get('edit'));
	const editing = editId.success ? getEditableNews(db, user, editId.data, now) : undefined;
	return {
		audiences: audiencesFor(user.role),
		ageBands: AGE_BANDS,
		bodyMax: NEWS_BODY_MAX,
		reach: countReach(db, user, now),
		leftToday: newsLeftToday(db, user, now),
		perDay: user.role === 'lead' ? NEWS_PER_DAY.lead : NEWS_PER_DAY.adviser,
		news: listNewsBy(db, user, now),
		editing: editing ? { id: editing.id, body: editing.body } : null,
		done: event.url.searchParams.get('done'),
		reached: Number(event.url.searchParams.get('reached')) || 0
	};
};

/**
 * A PA writes to their own young people only. The form never offers them more, so another
 * audience is a crafted request: refused outright, before anything else is looked at.
 */
function refuseOtherAudiences(user: User, form: Record<string, string>) {
	if (isAudienceRefused(user.role, form.audience)) {
		error(403, 'You cannot send news to that group of young people.');
	}
}

/** What was typed, to show back in the form. */
const typed = (form: Record<string, string>) =>
	echo(form, { body: NEWS_BODY_MAX + 100, audience: 20, ageBand: 10 });

export const actions = {
	/** Without JavaScript: the same preview the page shows as you type, made here. */
	preview: async (event) => {
		const user = requireRole(event, 'adviser', 'lead');
		const form = await readForm(event.request);
		refuseOtherAudiences(user, form);
		const parsed = newsFormSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { post: { values: typed(form), errors: fieldErrors(parsed.error) } });
		}
		return { post: { values: typed(form), errors: {}, preview: parsed.data } };
	},
	post: async (event) => {
		const user = requireRole(event, 'adviser', 'lead');
		const form = await readForm(event.request);
		refuseOtherAudiences(user, form);
		const parsed = newsFormSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { post: { values: typed(form), errors: fieldErrors(parsed.error) } });
		}
		const result = postNews(db, user, parsed.data);
		if (!result.ok && result.reason === 'limit') {
			const perDay = user.role === 'lead' ? NEWS_PER_DAY.lead : NEWS_PER_DAY.adviser;
			return fail(429, {
				post: {
					values: typed(form),
					errors: {},
					message: `You have sent ${perDay} messages today, the most for one day. You can send this tomorrow.`
				}
			});
		}
		if (!result.ok) {
			error(403, 'You cannot send news to that group of young people.');
		}
		redirect(303, `/staff/broadcast?done=sent&reached=${result.reached}`);
	},
	edit: async (event) => {
		const user = requireRole(event, 'adviser', 'lead');
		const form = await readForm(event.request);
		const id = idSchema.safeParse(form.id);
		if (!id.success) {
			error(404, NOT_FOUND);
		}
		const parsed = newsEditSchema.safeParse(form);
		const values = echo(form, { body: NEWS_BODY_MAX + 100 });
		if (!parsed.success) {
			return fail(400, { edit: { id: id.data, values, errors: fieldErrors(parsed.error) } });
		}
		const result = editNews(db, user, id.data, parsed.data.body);
		if (!result.ok && result.reason === 'not-found') {
			error(404, NOT_FOUND);
		}
		if (!result.ok && result.reason === 'not-author') {
			error(403, 'Only the person who wrote a message can change it.');
		}
		if (!result.ok) {
			return fail(400, {
				edit: {
					id: id.data,
					values,
					errors: {
						body: 'This can no longer be changed: a message can be changed for an hour after it is sent. Withdraw it and send a new one.'
					}
				}
			});
		}
		redirect(303, '/staff/broadcast?done=changed');
	},
	withdraw: async (event) => {
		const user = requireRole(event, 'adviser', 'lead');
		const id = idSchema.safeParse((await readForm(event.request)).id);
		if (!id.success || !withdrawNews(db, user, id.data).ok) {
			error(404, NOT_FOUND);
		}
		redirect(303, '/staff/broadcast?done=withdrawn');
	}
} satisfies Actions;
