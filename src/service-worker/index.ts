/// <reference types="@sveltejs/kit" />
import { clientsClaim } from 'workbox-core';
import type { MessageToWorker } from '$lib/offline-pack';
import { deleteOldVersions } from './caches';
import { handleNotifications } from './notifications';
import { flushOutbox, OUTBOX_SYNC_TAG } from '$lib/client/outbox';
import { announceOfflinePack, readOfflinePackStatus, refreshOfflinePack } from './offline-pack';
import { precacheAppShell } from './precache';
import { routeRequests } from './routing';

declare const self: ServiceWorkerGlobalScope;

precacheAppShell();
routeRequests();
handleNotifications();
// The first worker takes charge of the open page at once, so moving between pages works offline
// straight after the first visit. A newer worker waits until the person presses Refresh.
clientsClaim();

self.addEventListener('install', (event) => {
	// Saved with this version so its pages load this version's scripts. If the network fails now,
	// the next visit tries again: a failure here must never stop the app installing or updating.
	event.waitUntil(refreshOfflinePack('install').catch(() => undefined));
});

// Background Sync: requests and replies written offline go as soon as there is signal,
// even if the app was closed. Where the browser has no Background Sync, the page sends them.
self.addEventListener('sync', (event) => {
	const sync = event as ExtendableEvent & { tag?: string };
	if (sync.tag === OUTBOX_SYNC_TAG) {
		sync.waitUntil(flushOutbox());
	}
});

self.addEventListener('activate', (event) => {
	event.waitUntil(deleteOldVersions().then(() => announceOfflinePack()));
});

self.addEventListener('message', (event) => {
	const message = event.data as MessageToWorker;
	if (message?.type === 'SKIP_WAITING') {
		// Only ever sent when the person presses Refresh in the "new version" prompt.
		event.waitUntil(self.skipWaiting());
	} else if (message?.type === 'REFRESH_OFFLINE_PACK') {
		event.waitUntil(
			refreshOfflinePack('visit')
				.catch(() => readOfflinePackStatus())
				.then((status) => announceOfflinePack(status))
		);
	} else if (message?.type === 'GET_OFFLINE_PACK_STATUS') {
		event.waitUntil(announceOfflinePack());
	}
});
