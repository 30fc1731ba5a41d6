import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Role } from '../db/schema';
import type { User } from './session';

/**
 * Only same-site paths: never "//evil.example", "https://…" or "/\\evil" (an open redirect).
 * The answer is judged after the URL parser has normalised it: dot segments can turn a harmless
 * looking "/.//evil.example/x" into "//evil.example/x", which a browser reads as another site.
 */
export function safeRedirectPath(value: string | null | undefined, fallback = '/'): string {
	if (!value || !isSameSitePath(value)) {
		return fallback;
	}
	try {
		const url = new URL(value, 'http://local.invalid');
		const path = `${url.pathname}${url.search}`;
		return url.origin === 'http://local.invalid' && isSameSitePath(path) ? path : fallback;
	} catch {
		return fallback;
	}
}

/** A path on this site: one leading slash, not followed by another slash or a backslash. */
function isSameSitePath(path: string) {
	return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');
}

export function loginRedirect(event: Pick<RequestEvent, 'url'>): never {
	const here = `${event.url.pathname}${event.url.search}`;
	redirect(303, `/login?redirectTo=${encodeURIComponent(here)}`);
}

/** The signed-in user, or a redirect to sign in. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): User {
	const user = event.locals.user;
	if (!user) {
		loginRedirect(event);
	}
	return user;
}

/** The signed-in user if their role is one of `roles`; 403 for other roles. */
export function requireRole(event: Pick<RequestEvent, 'locals' | 'url'>, ...roles: Role[]): User {
	const user = requireUser(event);
	if (!roles.includes(user.role)) {
		error(403, 'This page is not for your account.');
	}
	return user;
}

/** Where each role lands after signing in. */
export function homeFor(role: Role) {
	const homes: Record<Role, string> = {
		leaver: '/',
		adviser: '/staff',
		lead: '/lead',
		supporter: '/supporter'
	};
	return homes[role];
}
