import { createStore, del, get, set } from 'idb-keyval';
import type { Router } from 'workbox-routing';
import { clearOutbox } from '$lib/client/outbox';
import {
	answerWhileSignOutOwed,
	isSignOutDone,
	isSignOutForm,
	OFFLINE_PAGE,
	SIGNED_OUT_PAGE
} from './policy';
import { findSavedPage, offlinePage } from './routing';

declare const self: ServiceWorkerGlobalScope;

/**
 * Signing out with no signal. A phone is often shared: when someone presses Sign out, the next
 * person must find nobody signed in, at once, signal or not.
 *
 * The Sign out button posts a form to /logout. This worker sees that post first. With signal it
 * passes it to the server, which ends the session, deletes the cookie and answers as always.
 * When the server cannot be reached (no signal, or it is failing), the worker:
 * 1. remembers that a sign-out is owed (IndexedDB, so it outlives this worker and a restart of
 *    the phone) and deletes the offline outbox, as signing out always does;
 * 2. answers with the offline page, which says "You're signed out on this phone" and shows the
 *    saved offer and urgent help, with nobody signed in.
 * The session cookie is HttpOnly: nothing on the phone can delete it, and on the server it still
 * opens the account. So, while a sign-out is owed:
 * 3. before any request of the app goes to the network, the worker posts /logout itself, with the
 *    cookie (the server ends that session and deletes the cookie, as for any sign-out); only
 *    then does the request go. It also tries when the signal comes back with nothing asked
 *    (Background Sync, and the message each page sends when it comes online);
 * 4. until the server has done it, nothing goes to the server with the cookie
 *    (`answerWhileSignOutOwed`): no signed-in page can be shown, nothing can be sent as that
 *    person. Signing in needs the server, so it waits for step 3 too.
 * Not covered: a phone the worker does not control yet (its very first visit, or a browser without
 * service workers) shows the browser's own "no internet" page, as before.
 */

const store = () => createStore('local-offer-sign-out', 'owed');
const OWED = 'owed';

export const SIGN_OUT_SYNC_TAG = 'local-offer-sign-out';

/** Whether a sign-out is owed: read from IndexedDB once per worker start, then kept here. */
let owed: boolean | undefined;

async function isSignOutOwed() {
	if (owed === undefined) {
		try {
			owed = (await get<boolean>(OWED, store())) === true;
		} catch {
			// IndexedDB failed to open: nothing can have been remembered in it. Try again next time.
			return false;
		}
	}
	return owed;
}

async function rememberSignOut() {
	owed = true;
	await set(OWED, true, store());
	try {
		const registration = self.registration as ServiceWorkerRegistration & {
			sync?: { register(tag: string): Promise<void> };
		};
		await registration.sync?.register(SIGN_OUT_SYNC_TAG);
	} catch {
		// No Background Sync: the next request of the app, or the page coming online, sends it.
	}
}

async function forgetSignOut() {
	owed = false;
	await del(OWED, store());
}

let finishing: Promise<boolean> | null = null;

/**
 * Sends the sign-out owed, if one is. True when none is owed (any more): requests may go to the
 * server as usual. One at a time: every request that arrives meanwhile waits for the same one.
 */
export function finishOwedSignOut(): Promise<boolean> {
	finishing ??= (async () => {
		if (!(await isSignOutOwed())) {
			return true;
		}
		let response: Response;
		try {
			// What the Sign out form sends, so the server treats it as the same sign-out (its
			// cross-site check sees this site's Origin: the worker's own request carries it).
			response = await fetch('/logout', {
				method: 'POST',
				body: new URLSearchParams(),
				headers: { accept: 'text/html' },
				credentials: 'same-origin',
				redirect: 'manual',
				cache: 'no-store'
			});
		} catch {
			return false;
		}
		if (!isSignOutDone(response)) {
			return false;
		}
		await forgetSignOut();
		return true;
	})().finally(() => {
		finishing = null;
	});
	return finishing;
}

/** The Sign out form: the server's answer with signal, the signed-out page without. */
async function signOut(request: Request): Promise<Response> {
	try {
		const response = await fetch(request);
		if (response.status < 500) {
			// Signed out on the server (or refused there as a bad form, which the browser shows).
			if (isSignOutDone(response)) {
				await forgetSignOut();
			}
			return response;
		}
	} catch {
		// No signal: sign out on the phone now, on the server later.
	}
	await rememberSignOut();
	await clearOutbox().catch(() => undefined);
	return Response.redirect(new URL(SIGNED_OUT_PAGE, self.location.origin).href, 303);
}

async function answerWhileOwed(router: Router, event: FetchEvent) {
	const { request } = event;
	const url = new URL(request.url);
	switch (answerWhileSignOutOwed(request, url)) {
		case 'saved-page':
			return url.pathname === OFFLINE_PAGE
				? offlinePage()
				: ((await findSavedPage(url)) ?? offlinePage());
		case 'signed-out-page':
			return Response.redirect(new URL(SIGNED_OUT_PAGE, self.location.origin).href, 303);
		case 'app-file':
			return (
				router.handleRequest({ event, request: new Request(request, { credentials: 'omit' }) }) ??
				fetch(request, { credentials: 'omit' })
			);
		case 'network-error':
			return Response.error();
	}
}

/**
 * Every request of the app comes here first. The Sign out form is answered as above; while a
 * sign-out is owed, it is sent before anything else; then the router answers (the precache,
 * the offline pack, the saved pages: src/service-worker/routing.ts), or the network if no route
 * matches. Undefined: the browser goes to the network itself.
 */
export function answerFetch(router: Router, event: FetchEvent): Promise<Response> | undefined {
	const { request } = event;
	if (new URL(request.url).origin !== self.location.origin) {
		return router.handleRequest({ event, request });
	}
	if (isSignOutForm(request, self.location.origin)) {
		return signOut(request);
	}
	if (owed === false) {
		return router.handleRequest({ event, request });
	}
	// Not known yet (the worker has just started), or owed.
	return (async () => {
		if (!(await finishOwedSignOut())) {
			return answerWhileOwed(router, event);
		}
		return router.handleRequest({ event, request }) ?? fetch(request);
	})();
}
