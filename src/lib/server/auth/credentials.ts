/** Signing in with a password, joining with an invite code, and changing the password. */
import { eq } from 'drizzle-orm';
import type { Database } from '../db/connection';
import { user } from '../db/schema';
import { recordAudit } from '../audit';
import { consumeInvite, findInvite } from './invite';
import {
	checkPasswordStrength,
	hashPassword,
	verifyAgainstDummyHash,
	verifyPasswordHash
} from './password';
import {
	addressKey,
	clearThrottleFailures,
	getThrottleWait,
	recordThrottleFailure,
	throttleKey,
	usernameKey,
	waitMessage,
	waitYourTurn
} from './throttle';
import { endUserSessions, type User } from './session';

import { getUserById, getUserByUsername, isStaffRole } from '../users';
import { staffPasswordsAllowed } from '../config';

export type SignInResult =
	| { ok: true; user: User }
	| { ok: false; reason: 'throttled'; waitMs: number }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'use-council-sign-in' };

/**
 * Checks a username and password. Throttled per username (10 failures in 5 minutes); a client
 * address with many failures is slowed down, never blocked, since many people can share one
 * (a proxy, a college). Unknown usernames, disabled accounts and wrong passwords give the same
 * answer in about the same time, so the form never tells whether an account exists.
 */
export async function signIn(
	db: Database,
	input: { username: string; password: string; address: string; staffPasswords?: boolean },
	now = Date.now(),
	slowDown: (key: string) => Promise<void> = waitYourTurn
): Promise<SignInResult> {
	const nameKey = usernameKey(input.username);
	const placeKey = addressKey(input.address);
	const waitMs = getThrottleWait(db, [nameKey], now);
	if (waitMs > 0) {
		return { ok: false, reason: 'throttled', waitMs };
	}
	if (getThrottleWait(db, [placeKey], now) > 0) {
		await slowDown(placeKey);
	}
	const found = getUserByUsername(db, input.username);
	const valid =
		found?.passwordHash && !found.disabledAt
			? await verifyPasswordHash(found.passwordHash, input.password)
			: await verifyAgainstDummyHash(input.password);
	if (!found || !valid) {
		recordThrottleFailure(db, [nameKey, placeKey], now);
		// What was typed as an unknown username is not kept: it is sometimes a password.
		recordAudit(db, {
			actorId: found?.id ?? null,
			action: 'sign-in-failed',
			detail: found ? null : { reason: 'unknown username' }
		});
		return { ok: false, reason: 'invalid' };
	}
	clearThrottleFailures(db, [nameKey]);
	// Told only after the right password, so the answer reveals nothing to someone guessing.
	if (isStaffRole(found.role) && !(input.staffPasswords ?? staffPasswordsAllowed())) {
		recordAudit(db, {
			actorId: found.id,
			action: 'sign-in-refused',
			detail: { method: 'password', reason: 'staff sign in with the council account' }
		});
		return { ok: false, reason: 'use-council-sign-in' };
	}
	recordAudit(db, { actorId: found.id, action: 'sign-in', detail: { method: 'password' } });
	return { ok: true, user: found };
}

export type JoinResult =
	| { ok: true; user: User }
	| { ok: false; field: 'code' | 'username' | 'password'; message: string };

export const INVITE_PROBLEMS = {
	unknown: 'We do not recognise that code. Check it with your PA, or ask them for a new one.',
	expired: 'That code has run out. Ask your PA for a new one.',
	used: 'That code has already been used. If that was not you, tell your PA.',
	councilSignIn:
		'Staff do not need a code. Go to the sign-in page and use the button for your work account.'
} as const;

/** Uses an invite code: the person chooses their username and password. All or nothing. */
export async function joinWithInvite(
	db: Database,
	input: { code: string; username: string; password: string; staffPasswords?: boolean },
	now = Date.now()
): Promise<JoinResult> {
	const lookup = findInvite(db, input.code, now);
	if (!lookup.ok) {
		return { ok: false, field: 'code', message: INVITE_PROBLEMS[lookup.reason] };
	}
	const invited = getUserById(db, lookup.userId);
	if (!invited || invited.disabledAt) {
		return { ok: false, field: 'code', message: INVITE_PROBLEMS.unknown };
	}
	// A code made before staff passwords were switched off must not give staff a password now.
	if (isStaffRole(invited.role) && !(input.staffPasswords ?? staffPasswordsAllowed())) {
		return { ok: false, field: 'code', message: INVITE_PROBLEMS.councilSignIn };
	}
	// A username chosen for them in advance (the first lead's) cannot be changed here.
	const username = invited.username ?? input.username;
	const taken = getUserByUsername(db, username);
	if (taken && taken.id !== invited.id) {
		return {
			ok: false,
			field: 'username',
			message: 'Someone already has that username. Try another.'
		};
	}
	const problem = checkPasswordStrength(input.password, username);
	if (problem) {
		return { ok: false, field: 'password', message: problem };
	}
	const passwordHash = await hashPassword(input.password);
	const joined = db.transaction((tx) => {
		if (!consumeInvite(tx, lookup.inviteId, now)) {
			return null;
		}
		tx.update(user)
			.set({ username, passwordHash, passwordChangedAt: new Date(now), updatedAt: new Date(now) })
			.where(eq(user.id, invited.id))
			.run();
		// A new code for someone who had joined is a password reset: end their old sessions.
		endUserSessions(tx, invited.id);
		recordAudit(tx, { actorId: invited.id, action: 'invite-used', subjectUserId: invited.id });
		return tx.select().from(user).where(eq(user.id, invited.id)).get() ?? null;
	});
	if (!joined) {
		return { ok: false, field: 'code', message: INVITE_PROBLEMS.used };
	}
	return { ok: true, user: joined };
}

export type ChangePasswordResult =
	{ ok: true } | { ok: false; field: 'currentPassword' | 'newPassword'; message: string };

/**
 * Needs the current password; ends every other session of the account. Wrong current passwords
 * are throttled per account with a growing wait (someone holding a signed-in phone must not be
 * able to guess their way to the password) and audited.
 */
export async function changePassword(
	db: Database,
	account: User,
	input: { currentPassword: string; newPassword: string; keepSessionId: string },
	now = Date.now()
): Promise<ChangePasswordResult> {
	const key = throttleKey('currentPassword', String(account.id));
	const waitMs = getThrottleWait(db, [key], now);
	if (waitMs > 0) {
		return { ok: false, field: 'currentPassword', message: waitMessage(waitMs) };
	}
	const valid =
		account.passwordHash && (await verifyPasswordHash(account.passwordHash, input.currentPassword));
	if (!valid) {
		recordThrottleFailure(db, [key], now);
		recordAudit(db, {
			actorId: account.id,
			action: 'password-change-failed',
			subjectUserId: account.id
		});
		return { ok: false, field: 'currentPassword', message: 'That is not your current password.' };
	}
	const problem = checkPasswordStrength(input.newPassword, account.username ?? undefined);
	if (problem) {
		return { ok: false, field: 'newPassword', message: problem };
	}
	const passwordHash = await hashPassword(input.newPassword);
	db.transaction((tx) => {
		tx.update(user)
			.set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
			.where(eq(user.id, account.id))
			.run();
		endUserSessions(tx, account.id, input.keepSessionId);
		recordAudit(tx, { actorId: account.id, action: 'password-changed', subjectUserId: account.id });
	});
	clearThrottleFailures(db, [key]);
	return { ok: true };
}
