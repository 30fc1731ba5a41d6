import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { idSchema } from '$lib/schemas/account';
import { helpfulSchema, replySchema } from '$lib/schemas/requests';
import { requireRole } from '$lib/server/auth/guards';
import { ORIGIN } from '$lib/server/config';
import { db } from '$lib/server/db';
import { fieldErrors, readForm } from '$lib/server/forms';
import { generateIdempotencyKey } from '$lib/server/ids';
import { NOTIFICATION_TEXT, notify } from '$lib/server/notify';
import { getPublishedOfferBySlug } from '$lib/server/offers';
import { toLeaverRequestSummary } from '$lib/server/request-views';
import {
	getLeaverRequest,
	listMessagesForLeaver,
	markReadByLeaver,
	markSorted,
	recordHelpful,
	replyAsLeaver
} from '$lib/server/requests';
import type { Actions, PageServerLoad } from './$types';

/** The young person's own request, or 404 (also when it is someone else's). */
function findRequest(event: Pick<RequestEvent, 'params' | 'locals' | 'url'>) {
	const leaver = requireRole(event, 'leaver');
	const id = idSchema.safeParse(event.params.id);
	const request = id.success ? getLeaverRequest(db, leaver, id.data) : undefined;
	if (!request) {
		error(404, 'We could not find that request.');
	}
	return { leaver, request };
}

export const load: PageServerLoad = (event) => {
	const { request } = findRequest(event);
	markReadByLeaver(db, request);
	const offer = request.offerSlug ? getPublishedOfferBySlug(db, request.offerSlug) : undefined;
	return {
		request: {
			...toLeaverRequestSummary(db, request),
			crisis: request.crisis,
			helpful: request.helpful,
			offerTitle: offer?.title ?? null
		},
		messages: listMessagesForLeaver(db, request.id).map((message) => ({
			id: message.id,
			body: message.body,
			createdAt: message.createdAt,
			fromMe: message.authorRole === 'leaver',
			authorName: message.authorName
		})),
		idempotencyKey: generateIdempotencyKey(),
		sent: event.url.searchParams.has('sent'),
		showCrisisHelp: event.url.searchParams.has('crisis')
	};
};

export const actions = {
	reply: async (event) => {
		const { leaver, request } = findRequest(event);
		const form = await readForm(event.request);
		const parsed = replySchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				reply: { message: (form.message ?? '').slice(0, 6000), errors: fieldErrors(parsed.error) }
			});
		}
		const { created, crisis } = replyAsLeaver(db, leaver, request, parsed.data);
		if (created && request.adviserId) {
			notify(
				db,
				{
					userId: request.adviserId,
					body: NOTIFICATION_TEXT.leaverReplied,
					url: `/staff/requests/${request.id}`
				},
				ORIGIN
			);
		}
		redirect(303, `/requests/${request.id}${crisis ? '?crisis=1' : ''}`);
	},
	sorted: async (event) => {
		const { request } = findRequest(event);
		markSorted(db, request);
		redirect(303, `/requests/${request.id}#helpful`);
	},
	helpful: async (event) => {
		const { request } = findRequest(event);
		if (request.status !== 'resolved') {
			return fail(400, { helpful: { errors: { helpful: 'You can tell us once it is sorted.' } } });
		}
		const parsed = helpfulSchema.safeParse(await readForm(event.request));
		if (!parsed.success) {
			return fail(400, { helpful: { errors: fieldErrors(parsed.error) } });
		}
		recordHelpful(db, request, parsed.data);
		return { helpful: { thanks: true } };
	}
} satisfies Actions;
