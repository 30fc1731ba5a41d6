import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/paths';
import { m } from '$lib/paraglide/messages';
import { helpfulSchema, replySchema } from '$lib/schemas/requests';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { generateIdempotencyKey } from '$lib/server/ids';
import { getPublishedOfferBySlug } from '$lib/server/offers';
import {
	describeCover,
	findRequestOr404,
	readReplyForm,
	readSeenForm,
	toLeaverRequestSummary
} from '$lib/server/request-views';
import {
	getLeaverRequest,
	isUnreadByLeaver,
	listMessagesForLeaver,
	markReadByLeaver,
	markSorted,
	recordHelpful,
	sendReplyAsLeaver
} from '$lib/server/requests';
import type { Actions, PageServerLoad } from './$types';

/** The young person's own request, or 404 (also when it is someone else's). */
function findRequest(event: Pick<RequestEvent, 'params' | 'locals' | 'url'>) {
	const leaver = requireRole(event, 'leaver');
	const request = findRequestOr404(event.params.id, (id) => getLeaverRequest(db, leaver, id));
	return { leaver, request };
}

// Reads only: SvelteKit also runs this when a link here is hovered. Marking the replies read is
// the `seen` action's, posted by the page once it is actually shown (or by replying).
export const load: PageServerLoad = (event) => {
	const { request } = findRequest(event);
	const messages = listMessagesForLeaver(db, request.id);
	const offer = request.offerSlug ? getPublishedOfferBySlug(db, request.offerSlug) : undefined;
	return {
		cover: describeCover(db, request),
		request: {
			...toLeaverRequestSummary(db, request),
			crisis: request.crisis,
			helpful: request.helpful,
			offerTitle: offer?.title ?? null
		},
		messages: messages.map((message) => ({
			id: message.id,
			body: message.body,
			createdAt: message.createdAt,
			fromMe: message.authorRole === 'leaver',
			authorName: message.authorName
		})),
		/** The newest message on the page: the read mark stops there (a later reply stays unread). */
		seenUpTo: messages.at(-1)?.createdAt.getTime() ?? 0,
		unread: isUnreadByLeaver(db, request),
		idempotencyKey: generateIdempotencyKey(),
		sent: event.url.searchParams.has('sent'),
		showCrisisHelp: event.url.searchParams.has('crisis')
	};
};

export const actions = {
	/** The page is in front of them (posted once per view by the page; without JavaScript, a button). */
	seen: async (event) => {
		const { request } = findRequest(event);
		const seen = await readSeenForm(event.request);
		if (!seen.ok) {
			return seen.failure;
		}
		markReadByLeaver(db, request, seen.seenUpTo);
		redirect(303, localizePath(`/requests/${request.id}`));
	},
	reply: async (event) => {
		const { leaver, request } = findRequest(event);
		const posted = await readReplyForm(event.request, replySchema);
		if (!posted.ok) {
			return posted.failure;
		}
		const { crisis } = sendReplyAsLeaver(db, leaver, request, posted.reply);
		redirect(303, localizePath(`/requests/${request.id}${crisis ? '?crisis=1' : ''}`));
	},
	sorted: async (event) => {
		const { request } = findRequest(event);
		markSorted(db, request);
		redirect(303, localizePath(`/requests/${request.id}#helpful`));
	},
	helpful: async (event) => {
		const { request } = findRequest(event);
		if (request.status !== 'resolved') {
			return fail(400, {
				helpful: { errors: { helpful: m.leaver_request_tell_once_sorted() } }
			});
		}
		const form = await readForm(event.request);
		const parsed = helpfulSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				helpful: {
					values: echo(form, { helpful: 10, comment: 1000 }),
					errors: fieldErrors(parsed.error)
				}
			});
		}
		recordHelpful(db, request, parsed.data);
		return { helpful: { thanks: true } };
	}
} satisfies Actions;
