import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { readJsonBody, requireJsonUser, requireSameOrigin, invalid } from '$lib/server/api';
import { db } from '$lib/server/db';
import {
	deletePushSubscription,
	isAllowedPushEndpoint,
	pushSubscriptionSchema,
	readVapidPublicKey,
	savePushSubscription
} from '$lib/server/notify';
import type { RequestHandler } from './$types';

/** The public VAPID key the browser needs to subscribe. */
export const GET: RequestHandler = (event) => {
	requireJsonUser(event, 'any');
	// The keys are made when the server starts (hooks.server.ts), never by a GET.
	const publicKey = readVapidPublicKey(db);
	if (!publicKey) {
		error(503, 'Notifications are not ready yet. Please try again in a minute.');
	}
	return json({ publicKey });
};

/** Turn notifications on for this device. */
export const POST: RequestHandler = async (event) => {
	requireSameOrigin(event);
	const user = requireJsonUser(event, 'any');
	const parsed = pushSubscriptionSchema.safeParse(await readJsonBody(event.request, 4096));
	if (!parsed.success) {
		return invalid(parsed.error);
	}
	if (!isAllowedPushEndpoint(parsed.data.endpoint)) {
		error(400, 'That is not a push service address.');
	}
	savePushSubscription(db, user.id, parsed.data);
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
