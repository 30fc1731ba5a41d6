import type { RequestEvent } from '@sveltejs/kit';
import { SECURE_COOKIES } from '../config';
import type { Database } from '../db/connection';
import {
	createSession,
	describeDevice,
	generateSessionToken,
	setSessionTokenCookie,
	type User
} from './session';

/** Starts a new session (a new token at every sign-in) and sets the cookie. */
export function startSession(db: Database, event: RequestEvent, user: User, mfaVerified: boolean) {
	const token = generateSessionToken();
	const session = createSession(db, token, user, {
		mfaVerified,
		device: describeDevice(event.request.headers.get('user-agent'))
	});
	setSessionTokenCookie(event.cookies, token, session.expiresAt, SECURE_COOKIES);
	return session;
}
