import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { pledgeShownSchema } from '$lib/schemas/pledge-form';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { saveOutcome } from '$lib/server/pledge-pages';
import {
	decidePledge,
	endPledge,
	getMatch,
	getPledge,
	getSupporter,
	listMatchesOfPledge,
	saveShown
} from '$lib/server/pledges';
import type { Actions, PageServerLoad } from './$types';

function findOr404(param: string) {
	const id = /^\d{1,9}$/.test(param) ? Number(param) : NaN;
	const item = Number.isSafeInteger(id) ? getPledge(db, id) : undefined;
	if (!item) {
		error(404, 'There is no pledge here.');
	}
	return item;
}

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	const item = findOr404(event.params.id);
	return {
		pledge: item,
		supporter: getSupporter(db, item),
		matches: listMatchesOfPledge(db, item.id),
		saved: event.url.searchParams.get('saved')
	};
};

/** What young people see, from the form: the values come back beside the fields when refused. */
async function readShown(event: RequestEvent) {
	const form = await readForm(event.request);
	const values = echo(form, { title: 90, summary: 300, shownAs: 90 });
	const parsed = pledgeShownSchema.safeParse(form);
	return parsed.success
		? { ok: true as const, shown: parsed.data }
		: { ok: false as const, failure: fail(400, { values, errors: fieldErrors(parsed.error) }) };
}

export const actions = {
	approve: async (event) => {
		const lead = requireRole(event, 'lead');
		const item = findOr404(event.params.id ?? '');
		const form = await readShown(event);
		if (!form.ok) {
			return form.failure;
		}
		if (item.status === 'waiting') {
			decidePledge(db, lead, item, { approve: true, shown: form.shown });
		} else if (item.status === 'approved') {
			saveShown(db, lead, item, form.shown);
		} else {
			return fail(400, { message: 'This pledge has ended: it cannot go on the board again.' });
		}
		redirect(303, `/lead/pledges/${item.id}?saved=approved`);
	},
	decline: async (event) => {
		const lead = requireRole(event, 'lead');
		const item = findOr404(event.params.id ?? '');
		await readForm(event.request);
		if (item.status !== 'waiting') {
			return fail(400, { message: 'Only a pledge waiting for approval can be declined.' });
		}
		decidePledge(db, lead, item, { approve: false });
		redirect(303, `/lead/pledges/${item.id}?saved=declined`);
	},
	end: async (event) => {
		const lead = requireRole(event, 'lead');
		const item = findOr404(event.params.id ?? '');
		await readForm(event.request);
		if (item.status !== 'approved' && item.status !== 'waiting') {
			return fail(400, { message: 'This pledge has already ended.' });
		}
		endPledge(db, lead, item);
		redirect(303, `/lead/pledges/${item.id}?saved=ended`);
	},
	outcome: async (event) => {
		const lead = requireRole(event, 'lead');
		const item = findOr404(event.params.id ?? '');
		const form = await readForm(event.request);
		return saveOutcome(lead, form, (matchId) => {
			const match = getMatch(db, matchId);
			return match?.pledgeId === item.id ? match : undefined;
		});
	}
} satisfies Actions;
