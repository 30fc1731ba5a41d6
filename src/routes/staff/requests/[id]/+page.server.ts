import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { ageOn } from '$lib/eligibility';
import { handOverSchema, staffReplySchema, statusChangeSchema } from '$lib/schemas/requests';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { generateIdempotencyKey } from '$lib/server/ids';
import { getPublishedOfferBySlug } from '$lib/server/offers';
import { boardState, getOpportunity } from '$lib/server/opportunities';
import { pledgeOfRequest, saveMatch, saveOutcome } from '$lib/server/pledge-pages';
import { getMatchForRequest } from '$lib/server/pledges';
import { findRequestOr404, readReplyForm, readSeenForm } from '$lib/server/request-views';
import {
	addInternalNote,
	changeRequestStatus,
	dueAt,
	getRequestForStaff,
	getResponseTargets,
	handOverAndTell,
	isOverdue,
	isUnreadForStaff,
	listHandOverTargets,
	listMessagesForStaff,
	listSavedReplies,
	recordRequestSeenByStaff,
	sendReplyAsStaff
} from '$lib/server/requests';
import { getUserById } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

/** The request if this member of staff may see it; 404 otherwise (also when it exists). */
function findRequest(event: Pick<RequestEvent, 'params' | 'locals' | 'url'>) {
	const staff = requireRole(event, 'adviser', 'lead');
	const request = findRequestOr404(event.params.id, (id) => getRequestForStaff(db, staff, id));
	return { staff, request };
}

// Reads only: SvelteKit also runs this when a link here is hovered. Being read and "opened" in
// the audit trail are the `seen` action's, posted by the page once it is actually shown.
export const load: PageServerLoad = (event) => {
	const { staff, request } = findRequest(event);
	const messages = listMessagesForStaff(db, request.id);
	const leaver = getUserById(db, request.leaverId)!;
	const adviser = request.adviserId ? getUserById(db, request.adviserId) : undefined;
	const targets = getResponseTargets(db);
	const offer = request.offerSlug ? getPublishedOfferBySlug(db, request.offerSlug) : undefined;
	const opportunity = request.opportunityId ? getOpportunity(db, request.opportunityId) : undefined;
	return {
		request: {
			id: request.id,
			topic: request.topic,
			status: request.status,
			urgent: request.urgent,
			crisis: request.crisis,
			createdAt: request.createdAt,
			firstResponseAt: request.firstResponseAt,
			due: dueAt(request, targets),
			overdue: isOverdue(request, targets),
			contactBy: request.contactBy,
			contactDetail: request.contactDetail,
			contactWhen: request.contactWhen,
			helpful: request.helpful,
			helpfulComment: request.helpfulComment,
			offerTitle: offer?.title ?? null,
			opportunity: opportunity
				? {
						id: opportunity.id,
						title: opportunity.title,
						organisation: opportunity.organisation,
						closesOn: opportunity.closesOn,
						state: boardState(opportunity)
					}
				: null,
			adviserName: adviser?.name ?? null
		},
		leaver: {
			id: leaver.id,
			name: leaver.name,
			age: leaver.dateOfBirth ? ageOn(leaver.dateOfBirth, new Date()) : null
		},
		pledge: pledgeOfRequest(request),
		messages,
		/** The newest message on the page: the read mark stops there (a later one stays unread). */
		seenUpTo: messages.at(-1)?.createdAt.getTime() ?? 0,
		unread: isUnreadForStaff(db, staff, request),
		savedReplies: listSavedReplies(db),
		handOverTargets: listHandOverTargets(db, request),
		idempotencyKey: generateIdempotencyKey()
	};
};

export const actions = {
	/** The page is in front of them (posted once per view by the page; without JavaScript, a button). */
	seen: async (event) => {
		const { staff, request } = findRequest(event);
		const seen = await readSeenForm(event.request);
		if (!seen.ok) {
			return seen.failure;
		}
		recordRequestSeenByStaff(db, staff, request, seen.seenUpTo);
		redirect(303, `/staff/requests/${request.id}`);
	},
	reply: async (event) => {
		const { staff, request } = findRequest(event);
		const posted = await readReplyForm(event.request, staffReplySchema);
		if (!posted.ok) {
			return posted.failure;
		}
		sendReplyAsStaff(db, staff, request, posted.reply);
		redirect(303, `/staff/requests/${request.id}`);
	},
	note: async (event) => {
		const { staff, request } = findRequest(event);
		const form = await readForm(event.request);
		const parsed = staffReplySchema.safeParse({ message: form.note });
		if (!parsed.success) {
			return fail(400, {
				note: {
					message: echo(form, { note: 6000 }).note,
					errors: { note: fieldErrors(parsed.error).message }
				}
			});
		}
		addInternalNote(db, staff, request, parsed.data.message);
		redirect(303, `/staff/requests/${request.id}`);
	},
	status: async (event) => {
		const { staff, request } = findRequest(event);
		const parsed = statusChangeSchema.safeParse(await readForm(event.request));
		if (!parsed.success) {
			return fail(400, { status: { message: 'Choose a status from the list.' } });
		}
		const result = changeRequestStatus(db, staff, request, parsed.data.status);
		if (!result.ok) {
			return fail(400, { status: { message: result.message } });
		}
		redirect(303, `/staff/requests/${request.id}`);
	},
	handOver: async (event) => {
		const { staff, request } = findRequest(event);
		const parsed = handOverSchema.safeParse(await readForm(event.request));
		if (!parsed.success) {
			return fail(400, { handOver: { errors: fieldErrors(parsed.error) } });
		}
		const result = handOverAndTell(db, staff, request, parsed.data);
		if (!result.ok) {
			return fail(400, { handOver: { errors: { adviserId: result.message } } });
		}
		// After a hand-over the PA may no longer see it: back to the inbox either way.
		redirect(303, `/staff?handedOver=${encodeURIComponent(result.adviserName)}`);
	},
	/** Match the young person with the Helping Hands pledge they asked for. */
	match: async (event) => {
		const { staff, request } = findRequest(event);
		return saveMatch(staff, request, await readForm(event.request));
	},
	/** How the match went (this request's match only). */
	pledgeOutcome: async (event) => {
		const { staff, request } = findRequest(event);
		const form = await readForm(event.request);
		return saveOutcome(staff, form, (matchId) => {
			const match = getMatchForRequest(db, request.id);
			return match?.id === matchId ? match : undefined;
		});
	}
} satisfies Actions;
