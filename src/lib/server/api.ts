import { error, json, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { ORIGIN } from './config';
import { isCrossSiteRequest } from './cross-site';

/**
 * JSON endpoints that change data check `Origin` and `Sec-Fetch-Site` themselves: SvelteKit's
 * own cross-site check covers form posts, not JSON.
 */
export function requireSameOrigin(event: RequestEvent) {
	if (isCrossSiteRequest(event.request.headers, [ORIGIN, event.url.origin])) {
		error(403, 'Cross-site requests are not allowed.');
	}
}

/** A JSON body of at most `maxBytes`, or a clear 4xx (never a 500). */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > maxBytes) {
		error(413, 'That is too big to send.');
	}
	if (!(request.headers.get('content-type') ?? '').includes('application/json')) {
		error(415, 'Send JSON.');
	}
	const text = await request.text();
	if (new TextEncoder().encode(text).length > maxBytes) {
		error(413, 'That is too big to send.');
	}
	try {
		return JSON.parse(text);
	} catch {
		error(400, 'That is not valid JSON.');
	}
}

/** 400 with the reasons, field by field. */
export function invalid(zodError: z.ZodError) {
	return json(
		{ message: 'Some of that is not right.', errors: z.flattenError(zodError).fieldErrors },
		{ status: 400 }
	);
}

/** JSON endpoints answer 401 rather than redirecting to the sign-in page. */
export function requireJsonUser(event: RequestEvent, role: 'leaver' | 'adviser' | 'lead' | 'any') {
	const user = event.locals.user;
	if (!user) {
		error(401, 'Please sign in.');
	}
	if (role !== 'any' && user.role !== role) {
		error(403, 'This is not for your account.');
	}
	return user;
}

/**
 * Words written on a phone carry the account that wrote them (`author`: the offline outbox and
 * the app's forms send it). A phone is often shared: if that person's session ended elsewhere
 * and someone else signed in on the phone, the words must not be stored as the new person's,
 * sent to the new person's PA. So a request or reply whose `author` is not the account signed
 * in is refused with 409 before anything is read or stored, and the phone then deletes it
 * unread (src/lib/client/outbox.ts). A body without `author` (scripts, older versions of the
 * app) is the signed-in account's own, as before.
 */
export function refuseOtherAuthor(body: unknown, user: { id: number }): Response | undefined {
	if (typeof body !== 'object' || body === null || !('author' in body)) {
		return undefined;
	}
	if (body.author === user.id) {
		return undefined;
	}
	return json(
		{
			message: 'This was written by someone else who used this phone, so it was not sent.',
			reason: 'other-author'
		},
		{ status: 409 }
	);
}
