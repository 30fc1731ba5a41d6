import type { Cookies } from '@sveltejs/kit';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, inArray, lt, ne } from 'drizzle-orm';
import type { Database, Executor } from '../db/connection';
import {
	pushSubscription,
	session as sessionTable,
	user as userTable,
	type Role,
	type SignInMethod
} from '../db/schema';

// Sessions follow Lucia's reference design (lucia-auth.com): a random token in an HttpOnly
// cookie, only SHA-256(token) in the database, so a leaked database cannot be used to sign in.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Care leavers stay signed in on their own phone: 30 days, extended while they use the app. */
export const LEAVER_SESSION_DAYS = 30;
/** Staff handle many young people's data: 12 hours at most, and 30 minutes without use. */
export const STAFF_ABSOLUTE_MS = 12 * HOUR;
export const STAFF_IDLE_MS = 30 * MINUTE;
/** Writes to extend a session are made at most this often. */
const TOUCH_INTERVAL_MS = MINUTE;

export type Session = typeof sessionTable.$inferSelect;
export type User = typeof userTable.$inferSelect;
export type SessionValidationResult =
	{ session: Session; user: User } | { session: null; user: null };

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20); // 160 bits
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

function isStaff(role: Role) {
	return role !== 'leaver';
}

function expiryFor(role: Role, createdAt: number, lastSeenAt: number): Date {
	if (!isStaff(role)) {
		return new Date(lastSeenAt + LEAVER_SESSION_DAYS * DAY);
	}
	return new Date(Math.min(createdAt + STAFF_ABSOLUTE_MS, lastSeenAt + STAFF_IDLE_MS));
}

export function createSession(
	db: Database,
	token: string,
	user: Pick<User, 'id' | 'role'>,
	options: { mfaVerified: boolean; device?: string; method?: SignInMethod; now?: number }
): Session {
	const now = options.now ?? Date.now();
	const session: Session = {
		id: sessionIdFromToken(token),
		userId: user.id,
		createdAt: new Date(now),
		lastSeenAt: new Date(now),
		expiresAt: expiryFor(user.role, now, now),
		mfaVerified: options.mfaVerified,
		device: options.device ?? 'Unknown device',
		method: options.method ?? 'password'
	};
	db.insert(sessionTable).values(session).run();
	return session;
}

export function validateSessionToken(
	db: Database,
	token: string,
	now = Date.now()
): SessionValidationResult {
	const sessionId = sessionIdFromToken(token);
	const row = db
		.select({ user: userTable, session: sessionTable })
		.from(sessionTable)
		.innerJoin(userTable, eq(sessionTable.userId, userTable.id))
		.where(eq(sessionTable.id, sessionId))
		.get();
	if (!row) {
		return { session: null, user: null };
	}
	const { session, user } = row;
	if (user.disabledAt) {
		invalidateSession(db, session.id);
		return { session: null, user: null };
	}
	if (now >= session.expiresAt.getTime()) {
		// Running out is not signing out: the device keeps its notifications (a staff session
		// lasts 12 hours; their notices are how they learn to sign in again). The subscription's
		// link to the session is cleared by the foreign key.
		db.delete(sessionTable).where(eq(sessionTable.id, session.id)).run();
		return { session: null, user: null };
	}
	if (now - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
		session.lastSeenAt = new Date(now);
		session.expiresAt = expiryFor(user.role, session.createdAt.getTime(), now);
		db.update(sessionTable)
			.set({ lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt })
			.where(eq(sessionTable.id, session.id))
			.run();
	}
	return { session, user };
}

/**
 * Signs one session out, and turns off notifications on the device that turned them on in it:
 * on a shared phone the next person must not get the last one's notices.
 */
export function invalidateSession(db: Database, sessionId: string) {
	db.transaction((tx) => {
		// First: deleting the session clears the subscription's link to it.
		tx.delete(pushSubscription).where(eq(pushSubscription.sessionId, sessionId)).run();
		tx.delete(sessionTable).where(eq(sessionTable.id, sessionId)).run();
	});
}

/** Signs out everywhere, and turns off notifications on every device of the account. */
export function invalidateUserSessions(db: Database, userId: number) {
	db.transaction((tx) => endUserSessions(tx, userId));
}

/**
 * Ends an account's sessions (all, or all but `keepSessionId`) inside the caller's transaction,
 * with the notifications of the devices signed out: a new password, a new role, a reset or a
 * turned-off account must not leave a thief's or a stranger's phone getting the notices. Without
 * `keepSessionId` every device of the account stops, including ones whose sign-in ran out.
 */
export function endUserSessions(tx: Executor, userId: number, keepSessionId?: string) {
	if (keepSessionId === undefined) {
		tx.delete(pushSubscription).where(eq(pushSubscription.userId, userId)).run();
		tx.delete(sessionTable).where(eq(sessionTable.userId, userId)).run();
		return;
	}
	const others = and(eq(sessionTable.userId, userId), ne(sessionTable.id, keepSessionId));
	const ending = tx.select({ id: sessionTable.id }).from(sessionTable).where(others).all();
	if (ending.length > 0) {
		tx.delete(pushSubscription)
			.where(
				inArray(
					pushSubscription.sessionId,
					ending.map((row) => row.id)
				)
			)
			.run();
	}
	tx.delete(sessionTable).where(others).run();
}

export function markSessionMfaVerified(db: Database, sessionId: string) {
	db.update(sessionTable).set({ mfaVerified: true }).where(eq(sessionTable.id, sessionId)).run();
}

export function listUserSessions(db: Database, userId: number) {
	return db
		.select()
		.from(sessionTable)
		.where(eq(sessionTable.userId, userId))
		.orderBy(sessionTable.lastSeenAt)
		.all()
		.reverse();
}

/** A name for a session in the "your devices" list that reveals nothing usable about it. */
export function sessionListKey(sessionId: string) {
	return sessionIdFromToken(`list:${sessionId}`).slice(0, 16);
}

export function deleteExpiredSessions(db: Database, now = Date.now()) {
	return db
		.delete(sessionTable)
		.where(lt(sessionTable.expiresAt, new Date(now)))
		.run().changes;
}

/** `__Host-` and Secure when the public origin is https (the prefix requires both). */
export function sessionCookieName(secure: boolean) {
	return secure ? '__Host-session' : 'session';
}

export function setSessionTokenCookie(
	cookies: Cookies,
	token: string,
	expiresAt: Date,
	secure: boolean
) {
	cookies.set(sessionCookieName(secure), token, {
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: expiresAt,
		path: '/'
	});
}

export function deleteSessionTokenCookie(cookies: Cookies, secure: boolean) {
	cookies.set(sessionCookieName(secure), '', {
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: 0,
		path: '/'
	});
}

/** A short, non-identifying label for the sessions list ("Firefox on Android"). */
export function describeDevice(userAgent: string | null): string {
	if (!userAgent) {
		return 'Unknown device';
	}
	const browser = /Edg\//.test(userAgent)
		? 'Edge'
		: /SamsungBrowser/.test(userAgent)
			? 'Samsung Internet'
			: /Firefox\//.test(userAgent)
				? 'Firefox'
				: /Chrome\/|Chromium\//.test(userAgent)
					? 'Chrome'
					: /Safari\//.test(userAgent)
						? 'Safari'
						: 'A browser';
	const system = /Android/.test(userAgent)
		? 'Android'
		: /iPhone|iPad|iPod/.test(userAgent)
			? 'iPhone or iPad'
			: /Windows/.test(userAgent)
				? 'Windows'
				: /Mac OS X/.test(userAgent)
					? 'Mac'
					: /Linux/.test(userAgent)
						? 'Linux'
						: 'another system';
	return `${browser} on ${system}`;
}
