import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { readJsonBody, requireJsonUser, requireSameOrigin, invalid } from '$lib/server/api';
import { db } from '$lib/server/db';
import { pushSubscriptionSchema } from '$lib/schemas/push';
import {
	deletePushSubscription,
	hasPushSubscription,
	readVapidPublicKey,
	savePushSubscription
} from '$lib/server/push-subscriptions';
import { isAllowedPushEndpoint } from '$lib/server/push-hosts';
import type { RequestHandler } from './$types';

/**
 * The public VAPID key the browser needs to subscribe; with `?endpoint=`, also whether this
 * device's subscription is on this account (on a shared phone it may be the last person's).
 */
export const GET: RequestHandler = (event) => {
	const user = requireJsonUser(event, 'any');
	// The keys are made when the server starts (hooks.server.ts), never by a GET.
	const publicKey = readVapidPublicKey(db);
	if (!publicKey) {
		error(503, 'Notifications are not ready yet. Please try again in a minute.');
	}
	const endpoint = event.url.searchParams.get('endpoint');
	return json({
		publicKey,
		subscribed: endpoint ? hasPushSubscription(db, user.id, endpoint) : false
	});
};

/** Turn notifications on for this device (until this session signs out). */
export const POST: RequestHandler = async (event) => {
	requireSameOrigin(event);
	const user = requireJsonUser(event, 'any');
	const session = event.locals.session;
	if (!session) {
		error(401, 'Please sign in.');
	}
	const parsed = pushSubscriptionSchema.safeParse(await readJsonBody(event.request, 4096));
	if (!parsed.success) {
		return invalid(parsed.error);
	}
	if (!isAllowedPushEndpoint(parsed.data.endpoint)) {
		return json(
			{
				message:
					'That is not the address of a push service we know. Notifications work in Chrome, Edge, Firefox and Safari.'
			},
			{ status: 400 }
		);
	}
	savePushSubscription(db, { userId: user.id, sessionId: session.id }, parsed.data);
	return json({ ok: true }, { status: 201 });
};

/** Turn notifications off for this device. */
export const DELETE: RequestHandler = async (event) => {
	requireSameOrigin(event);
	const user = requireJsonUser(event, 'any');
	const parsed = z
		.object({ endpoint: z.string().max(1000) })
		.safeParse(await readJsonBody(event.request, 2048));
	if (!parsed.success) {
		return invalid(parsed.error);
	}
	deletePushSubscription(db, user.id, parsed.data.endpoint);
	return json({ ok: true });
};
