import { json } from '@sveltejs/kit';
import { newRequestSchema } from '$lib/schemas/requests';
import {
	invalid,
	readJsonBody,
	refuseOtherAuthor,
	requireJsonUser,
	requireSameOrigin
} from '$lib/server/api';
import { ORIGIN } from '$lib/server/config';
import { db } from '$lib/server/db';
import { NOTIFICATION_TEXT, notify } from '$lib/server/notify';
import { getPublishedOfferBySlug } from '$lib/server/offers';
import { createSupportRequest } from '$lib/server/requests';
import type { RequestHandler } from './$types';

/**
 * A new request from the app (and its offline outbox). Idempotent on `idempotencyKey`.
 * Refused (409) when written by another account than the one signed in now.
 */
export const POST: RequestHandler = async (event) => {
	requireSameOrigin(event);
	const leaver = requireJsonUser(event, 'leaver');
	const body = await readJsonBody(event.request, 32_768);
	const otherAuthor = refuseOtherAuthor(body, leaver);
	if (otherAuthor) {
		return otherAuthor;
	}
	const parsed = newRequestSchema.safeParse(body);
	if (!parsed.success) {
		return invalid(parsed.error);
	}
	if (parsed.data.offer && !getPublishedOfferBySlug(db, parsed.data.offer)) {
		return json(
			{ message: 'Choose an offer from the list.', errors: { offer: ['Unknown offer'] } },
			{ status: 400 }
		);
	}
	const { request, created } = createSupportRequest(db, leaver, parsed.data);
	if (created && request.adviserId) {
		notify(
			db,
			{
				userId: request.adviserId,
				body: NOTIFICATION_TEXT.newRequestForAdviser,
				url: `/staff/requests/${request.id}`
			},
			ORIGIN
		);
	}
	return json({ id: request.id, created, crisis: request.crisis }, { status: created ? 201 : 200 });
};
