import type { RequestEvent } from '@sveltejs/kit';
import { recordAudit } from '../audit';
import { SECURE_COOKIES } from '../config';
import type { Database } from '../db/connection';
import type { SignInMethod } from '../db/schema';
import { LANGUAGE_COOKIE, rememberLanguage } from '../i18n';
import { isLanguageCode } from '$lib/languages';
import {
	createSession,
	describeDevice,
	generateSessionToken,
	invalidateSession,
	listUserSessions,
	sessionListKey,
	setSessionTokenCookie,
	type User
} from './session';

/** Starts a new session (a new token at every sign-in) and sets the cookie. */
export function startSession(
	db: Database,
	event: Pick<RequestEvent, 'request' | 'cookies'>,
	user: User,
	mfaVerified: boolean,
	method: SignInMethod = 'password'
) {
	const token = generateSessionToken();
	const session = createSession(db, token, user, {
		mfaVerified,
		method,
		device: describeDevice(event.request.headers.get('user-agent'))
	});
	setSessionTokenCookie(event.cookies, token, session.expiresAt, SECURE_COOKIES);
	// A care leaver's language follows them: a phone with no language chosen opens in theirs.
	if (
		user.role === 'leaver' &&
		isLanguageCode(user.language) &&
		!isLanguageCode(event.cookies.get(LANGUAGE_COOKIE))
	) {
		rememberLanguage(event.cookies, user.language, SECURE_COOKIES);
	}
	return session;
}

/** Signs one session out (this device's notifications stop with it), audited. */
export function signOut(db: Database, session: { id: string; userId: number }) {
	invalidateSession(db, session.id);
	recordAudit(db, { actorId: session.userId, action: 'sign-out' });
}

/**
 * Signs out one of the person's own devices from the list on /account: `key` is looked up in
 * their own sessions only, so nobody can end another person's. Null when it is already gone.
 */
export function signOutDevice(db: Database, account: User, key: string | undefined) {
	const target = listUserSessions(db, account.id).find((row) => sessionListKey(row.id) === key);
	if (!target) {
		return null;
	}
	invalidateSession(db, target.id);
	recordAudit(db, {
		actorId: account.id,
		action: 'sign-out',
		subjectUserId: account.id,
		detail: { device: target.device }
	});
	return target;
}
