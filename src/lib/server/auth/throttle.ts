import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, asc, count, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Database } from '../db/connection';
import { throttleFailure } from '../db/schema';

/** At most 10 failures per 5 minutes for one username and for one client address. */
export const MAX_FAILURES = 10;
export const WINDOW_MS = 5 * 60_000;

/** Client addresses are kept hashed, and only for the throttle window. */
export function addressKey(address: string) {
	return `addr:${encodeHexLowerCase(sha256(new TextEncoder().encode(address))).slice(0, 32)}`;
}

export function usernameKey(username: string) {
	return `user:${username.trim().toLowerCase().slice(0, 64)}`;
}

/**
 * How long (ms) until another try is allowed, or 0. The same for known and unknown
 * usernames, so the answer never tells whether an account exists.
 */
export function getThrottleWait(db: Database, keys: string[], now = Date.now()): number {
	let wait = 0;
	for (const key of keys) {
		const recent = db
			.select({ at: throttleFailure.at })
			.from(throttleFailure)
			.where(and(eq(throttleFailure.key, key), gte(throttleFailure.at, new Date(now - WINDOW_MS))))
			.orderBy(asc(throttleFailure.at))
			.all();
		if (recent.length >= MAX_FAILURES) {
			// Allowed again when enough of the failures in the window have aged out of it.
			const oldestThatMustExpire = recent[recent.length - MAX_FAILURES].at.getTime();
			wait = Math.max(wait, oldestThatMustExpire + WINDOW_MS - now);
		}
	}
	return wait;
}

export function recordThrottleFailure(db: Database, keys: string[], now = Date.now()) {
	db.insert(throttleFailure)
		.values(keys.map((key) => ({ key, at: new Date(now) })))
		.run();
}

/** A success clears the username's failures (not the address's: one address, many names). */
export function clearThrottleFailures(db: Database, keys: string[]) {
	if (keys.length > 0) {
		db.delete(throttleFailure).where(inArray(throttleFailure.key, keys)).run();
	}
}

export function deleteOldThrottleFailures(db: Database, now = Date.now()) {
	return db
		.delete(throttleFailure)
		.where(lt(throttleFailure.at, new Date(now - WINDOW_MS)))
		.run().changes;
}

export function countThrottleFailures(db: Database, key: string) {
	return (
		db.select({ n: count() }).from(throttleFailure).where(eq(throttleFailure.key, key)).get()?.n ??
		0
	);
}

export function waitMessage(waitMs: number) {
	const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
	return `Too many tries — wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`;
}
