import { cleanupOutdatedCaches, getCacheKeyForURL, precacheAndRoute } from 'workbox-precaching';
import type { PrecacheEntry } from 'workbox-precaching';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

/**
 * The app shell: every script, stylesheet and image of this build, listed by the PWA plugin at
 * build time (it writes the list where `self.__WB_MANIFEST` stands). Served cache first.
 */
export function precacheAppShell() {
	cleanupOutdatedCaches();
	precacheAndRoute(self.__WB_MANIFEST);
}

/** Whether a file of the app (`/_app/immutable/...`) belongs to the build this worker came with. */
export function isInAppShell(path: string) {
	return getCacheKeyForURL(path) !== undefined;
}
