import { and, desc, eq, notInArray } from 'drizzle-orm';
import webpush from 'web-push';
import { z } from 'zod';
import type { pushSubscriptionSchema } from '$lib/schemas/push';
import type { Database } from './db/connection';
import { pushSubscription, setting } from './db/schema';

/**
 * Which devices get notifications: the server's VAPID keys and each device's push subscription
 * (sending them is notify.ts).
 */

const VAPID_KEY = 'vapid';
const vapidSchema = z.object({ publicKey: z.string(), privateKey: z.string() });

/** VAPID keys, made the first time they are needed and kept in the database. */
export function getVapidKeys(db: Database) {
	const row = db.select().from(setting).where(eq(setting.key, VAPID_KEY)).get();
	const parsed = vapidSchema.safeParse(row?.value);
	if (parsed.success) {
		return parsed.data;
	}
	const keys = webpush.generateVAPIDKeys();
	db.insert(setting).values({ key: VAPID_KEY, value: keys }).onConflictDoNothing().run();
	// Read back: if two processes raced, both use the one that was stored.
	return vapidSchema.parse(
		db.select().from(setting).where(eq(setting.key, VAPID_KEY)).get()?.value
	);
}

/**
 * The public VAPID key if the keys have been made (the server makes them when it starts), for
 * GET /api/push: a GET only reads.
 */
export function readVapidPublicKey(db: Database): string | undefined {
	const row = db.select().from(setting).where(eq(setting.key, VAPID_KEY)).get();
	const parsed = vapidSchema.safeParse(row?.value);
	return parsed.success ? parsed.data.publicKey : undefined;
}

/** How many devices one account may have notifications on; a new one past this replaces the oldest. */
export const MAX_PUSH_SUBSCRIPTIONS = 5;

/**
 * Turns notifications on for a device, linked to the session that asked, so signing out of it
 * turns them off again. The endpoint is unique: a phone re-registered by someone else moves to
 * their account (a shared phone gets only the signed-in person's notices).
 * The caller checks the endpoint with isAllowedPushEndpoint first.
 */
export function savePushSubscription(
	db: Database,
	owner: { userId: number; sessionId: string },
	subscription: z.infer<typeof pushSubscriptionSchema>,
	now = new Date()
) {
	const values = {
		userId: owner.userId,
		sessionId: owner.sessionId,
		p256dh: subscription.keys.p256dh,
		auth: subscription.keys.auth,
		createdAt: now
	};
	db.transaction((tx) => {
		tx.insert(pushSubscription)
			.values({ ...values, endpoint: subscription.endpoint })
			.onConflictDoUpdate({ target: pushSubscription.endpoint, set: values })
			.run();
		const keep = tx
			.select({ id: pushSubscription.id })
			.from(pushSubscription)
			.where(eq(pushSubscription.userId, owner.userId))
			.orderBy(desc(pushSubscription.createdAt), desc(pushSubscription.id))
			.limit(MAX_PUSH_SUBSCRIPTIONS);
		tx.delete(pushSubscription)
			.where(and(eq(pushSubscription.userId, owner.userId), notInArray(pushSubscription.id, keep)))
			.run();
	});
}

/** Whether this device's subscription is on this account (a shared phone's may be someone else's). */
export function hasPushSubscription(db: Database, userId: number, endpoint: string) {
	return Boolean(
		db
			.select({ id: pushSubscription.id })
			.from(pushSubscription)
			.where(and(eq(pushSubscription.endpoint, endpoint), eq(pushSubscription.userId, userId)))
			.get()
	);
}

/** Removes one of the user's own subscriptions (never someone else's). */
export function deletePushSubscription(db: Database, userId: number, endpoint: string) {
	return db
		.delete(pushSubscription)
		.where(and(eq(pushSubscription.endpoint, endpoint), eq(pushSubscription.userId, userId)))
		.run().changes;
}
