import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { idSchema } from '$lib/schemas/account';
import { youSaidWeDidSchema } from '$lib/schemas/you-said-we-did';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { listOffersForLead } from '$lib/server/offer-editing';
import {
	deleteYouSaidWeDid,
	listYouSaidWeDid,
	saveYouSaidWeDid
} from '$lib/server/you-said-we-did';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	const offers = listOffersForLead(db, { category: '', status: 'all', sort: 'title' }).rows;
	return {
		entries: listYouSaidWeDid(db, { publishedOnly: false }),
		offers: offers.map((item) => ({
			slug: item.slug,
			title: item.title,
			published: item.published
		}))
	};
};

function typed(form: Record<string, string>) {
	return {
		...echo(form, { youSaid: 600, weDid: 1000, offer: 80 }),
		published: form.published === 'on'
	};
}

/** Creates (no id) or updates an entry; each form keeps its words when refused. */
async function save(event: RequestEvent, withId: boolean) {
	const lead = requireRole(event, 'lead');
	const form = await readForm(event.request);
	const id = withId ? idSchema.safeParse(form.id) : null;
	if (id && !id.success) {
		error(404, 'We could not find that entry.');
	}
	const key = id ? String(id.data) : 'new';
	const parsed = youSaidWeDidSchema.safeParse(form);
	if (!parsed.success) {
		return fail(400, { key, values: typed(form), errors: fieldErrors(parsed.error) });
	}
	const result = saveYouSaidWeDid(db, lead.id, parsed.data, id ? id.data : null);
	if (!result.ok && result.field === 'id') {
		error(404, 'We could not find that entry.');
	}
	if (!result.ok) {
		return fail(400, { key, values: typed(form), errors: { offer: result.message } });
	}
	return { key, saved: true };
}

export const actions = {
	create: async (event) => save(event, false),
	update: async (event) => save(event, true),
	delete: async (event) => {
		const lead = requireRole(event, 'lead');
		const id = idSchema.safeParse((await readForm(event.request)).id);
		if (!id.success || !deleteYouSaidWeDid(db, lead.id, id.data)) {
			error(404, 'We could not find that entry.');
		}
		return { key: 'deleted', saved: true };
	}
} satisfies Actions;
