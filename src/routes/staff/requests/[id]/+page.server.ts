import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { ageOn } from '$lib/eligibility';
import { idSchema } from '$lib/schemas/account';
import { handOverSchema, staffReplySchema, statusChangeSchema } from '$lib/schemas/requests';
import { requireRole } from '$lib/server/auth/guards';
import { ORIGIN } from '$lib/server/config';
import { db } from '$lib/server/db';
import { fieldErrors, readForm } from '$lib/server/forms';
import { generateIdempotencyKey } from '$lib/server/ids';
import { NOTIFICATION_TEXT, notify } from '$lib/server/notify';
import { getPublishedOfferBySlug } from '$lib/server/offers';
import {
	addInternalNote,
	changeRequestStatus,
	dueAt,
	getRequestForStaff,
	getResponseTargets,
	handOverRequest,
	isOverdue,
	listHandOverTargets,
	listMessagesForStaff,
	listSavedReplies,
	openRequestAsStaff,
	replyAsStaff
} from '$lib/server/requests';
import { getUserById } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

/** The request if this member of staff may see it; 404 otherwise (also when it exists). */
function findRequest(event: Pick<RequestEvent, 'params' | 'locals' | 'url'>) {
	const staff = requireRole(event, 'adviser', 'lead');
	const id = idSchema.safeParse(event.params.id);
	const request = id.success ? getRequestForStaff(db, staff, id.data) : undefined;
	if (!request) {
		error(404, 'We could not find that request.');
	}
	return { staff, request };
}

export const load: PageServerLoad = (event) => {
	const { staff, request } = findRequest(event);
	openRequestAsStaff(db, staff, request);
	const leaver = getUserById(db, request.leaverId)!;
	const adviser = request.adviserId ? getUserById(db, request.adviserId) : undefined;
	const targets = getResponseTargets(db);
	const offer = request.offerSlug ? getPublishedOfferBySlug(db, request.offerSlug) : undefined;
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
			adviserName: adviser?.name ?? null
		},
		leaver: {
			id: leaver.id,
			name: leaver.name,
			age: leaver.dateOfBirth ? ageOn(leaver.dateOfBirth, new Date()) : null
		},
		messages: listMessagesForStaff(db, request.id),
		savedReplies: listSavedReplies(db),
		handOverTargets: listHandOverTargets(db, request),
		idempotencyKey: generateIdempotencyKey()
	};
};

export const actions = {
	reply: async (event) => {
		const { staff, request } = findRequest(event);
		const form = await readForm(event.request);
		const parsed = staffReplySchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				reply: { message: (form.message ?? '').slice(0, 6000), errors: fieldErrors(parsed.error) }
			});
		}
		const { created } = replyAsStaff(db, staff, request, parsed.data);
		if (created) {
			notify(
				db,
				{
					userId: request.leaverId,
					body: NOTIFICATION_TEXT.replyToLeaver,
					url: `/requests/${request.id}`,
					email: request.contactBy === 'email' ? request.contactDetail : null
				},
				ORIGIN
			);
		}
		redirect(303, `/staff/requests/${request.id}`);
	},
	note: async (event) => {
		const { staff, request } = findRequest(event);
		const form = await readForm(event.request);
		const parsed = staffReplySchema.safeParse({ message: form.note });
		if (!parsed.success) {
			return fail(400, {
				note: {
					message: (form.note ?? '').slice(0, 6000),
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
		const result = handOverRequest(db, staff, request, parsed.data);
		if (!result.ok) {
			return fail(400, { handOver: { errors: { adviserId: result.message } } });
		}
		notify(
			db,
			{
				userId: parsed.data.adviserId,
				body: NOTIFICATION_TEXT.newRequestForAdviser,
				url: `/staff/requests/${request.id}`
			},
			ORIGIN
		);
		// After a hand-over the PA may no longer see it: back to the inbox either way.
		redirect(303, `/staff?handedOver=${encodeURIComponent(result.adviserName)}`);
	}
} satisfies Actions;
