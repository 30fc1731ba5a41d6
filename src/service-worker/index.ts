/// <reference types="@sveltejs/kit" />
import { clientsClaim } from 'workbox-core';
import { Router } from 'workbox-routing';
import type { MessageToWorker } from '$lib/offline-pack';
import { deleteOldVersions } from './caches';
import { handleNotifications } from './notifications';
import { flushOutbox, OUTBOX_SYNC_TAG } from '$lib/client/outbox';
import { announceOfflinePack, readOfflinePackStatus, refreshOfflinePack } from './offline-pack';
import { languageOfPath } from './policy';
import { precacheAppShell } from './precache';
import { routeRequests } from './routing';
import { answerFetch, finishOwedSignOut, SIGN_OUT_SYNC_TAG } from './sign-out';

declare const self: ServiceWorkerGlobalScope;

// One router and one fetch listener: a sign-out owed by this phone is sent before any request
// (src/service-worker/sign-out.ts), so nothing may reach the network around it.
const router = new Router();
precacheAppShell(router);
routeRequests(router);
self.addEventListener('fetch', (event) => {
	const response = answerFetch(router, event);
	if (response) {
		event.respondWith(response);
	}
});
handleNotifications();
// The first worker takes charge of the open page at once, so moving between pages works offline
// straight after the first visit. A newer worker waits until the person presses Refresh.
clientsClaim();

/** The language of the open page that installed the worker, for the pack's first save. */
async function installingLanguage() {
	const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
	const open = windows.map((client) => new URL(client.url).pathname);
	return open.length > 0 ? languageOfPath(open[0]) : undefined;
}

self.addEventListener('install', (event) => {
	// Saved with this version so its pages load this version's scripts, in the language of the
	// page open (else the pack's). If the network fails now, the next visit tries again: a failure
	// here must never stop the app installing or updating.
	event.waitUntil(
		installingLanguage()
			.then((language) => refreshOfflinePack('install', language))
			.catch(() => undefined)
	);
});

/** Rejects while a sign-out is owed and not sent, so Background Sync tries again later. */
async function finishSignOutFirst() {
	if (!(await finishOwedSignOut())) {
		throw new Error('A sign-out is owed and the server cannot be reached yet');
	}
}

// Background Sync: requests and replies written offline go as soon as there is signal, even if
// the app was closed, and so does a sign-out made with no signal (always first). Where the browser
// has no Background Sync, the page sends them. The worker cannot know who is signed in now: the
// server refuses an item written by another account, and it is deleted (src/lib/client/outbox.ts).
self.addEventListener('sync', (event) => {
	const sync = event as ExtendableEvent & { tag?: string };
	if (sync.tag === OUTBOX_SYNC_TAG) {
		sync.waitUntil(finishSignOutFirst().then(() => flushOutbox()));
	} else if (sync.tag === SIGN_OUT_SYNC_TAG) {
		sync.waitUntil(finishSignOutFirst());
	}
});

self.addEventListener('activate', (event) => {
	event.waitUntil(deleteOldVersions().then(() => announceOfflinePack()));
});

self.addEventListener('message', (event) => {
	const message = event.data as MessageToWorker;
	// Every page says hello when it starts and when its connection comes back (it asks about the
	// offline pack): the moment to send a sign-out owed, even if nothing else is asked yet.
	event.waitUntil(finishOwedSignOut());
	if (message?.type === 'SKIP_WAITING') {
		// Only ever sent when the person presses Refresh in the "new version" prompt.
		event.waitUntil(self.skipWaiting());
	} else if (message?.type === 'REFRESH_OFFLINE_PACK') {
		event.waitUntil(
			refreshOfflinePack('visit', message.language)
				.catch(() => readOfflinePackStatus())
				.then((status) => announceOfflinePack(status))
		);
	} else if (message?.type === 'GET_OFFLINE_PACK_STATUS') {
		event.waitUntil(announceOfflinePack());
	}
});
