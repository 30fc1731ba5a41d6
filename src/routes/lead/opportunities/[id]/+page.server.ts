import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { ORIGIN } from '$lib/server/config';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { boardState, getOpportunity } from '$lib/server/opportunities';
import {
	copyOpportunity,
	formValuesOf,
	setOpportunityStatus,
	updateOpportunity
} from '$lib/server/opportunity-editing';
import { opportunityQrCode } from '$lib/server/opportunity-views';
import { readOpportunityEditor } from '../editor.server';
import type { Actions, PageServerLoad } from './$types';

function findOr404(param: string) {
	const id = /^\d{1,9}$/.test(param) ? Number(param) : NaN;
	const item = Number.isSafeInteger(id) ? getOpportunity(db, id) : undefined;
	if (!item) {
		error(404, 'There is no opportunity here.');
	}
	return item;
}

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'adviser', 'lead');
	const item = findOr404(event.params.id);
	const shortLink = `${ORIGIN}/o/${item.id}`;
	return {
		id: item.id,
		title: item.title,
		state: boardState(item),
		closesOn: item.closesOn,
		values: formValuesOf(item),
		shortLink,
		qrSvg: await opportunityQrCode(shortLink),
		saved: event.url.searchParams.get('saved')
	};
};

/** Publish, close early or back to draft: a button each, no other fields. */
async function changeStatus(event: RequestEvent, status: 'published' | 'closed' | 'draft') {
	const staff = requireRole(event, 'adviser', 'lead');
	const item = findOr404(event.params.id ?? '');
	await readForm(event.request);
	setOpportunityStatus(db, staff, item.id, status);
	redirect(303, `/lead/opportunities/${item.id}?saved=${status}`);
}

export const actions = {
	save: async (event) => {
		const staff = requireRole(event, 'adviser', 'lead');
		const item = findOr404(event.params.id);
		const form = await readOpportunityEditor(event);
		if (!form.ok) {
			return form.failure;
		}
		updateOpportunity(db, staff, item.id, form.input);
		redirect(303, `/lead/opportunities/${item.id}?saved=saved`);
	},
	publish: async (event) => changeStatus(event, 'published'),
	close: async (event) => changeStatus(event, 'closed'),
	draft: async (event) => changeStatus(event, 'draft'),
	copy: async (event) => {
		const staff = requireRole(event, 'adviser', 'lead');
		const item = findOr404(event.params.id);
		await readForm(event.request);
		const made = copyOpportunity(db, staff, item.id);
		redirect(303, `/lead/opportunities/${made?.id ?? item.id}?saved=copied`);
	}
} satisfies Actions;
