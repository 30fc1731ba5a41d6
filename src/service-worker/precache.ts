import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute } from 'workbox-precaching';
import type { PrecacheEntry } from 'workbox-precaching';
import type { Router } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

/** The worker's own precache (not workbox's default one), so its route joins the worker's router. */
const precacheController = new PrecacheController();

/**
 * The app shell: every script, stylesheet and image of this build, listed by the PWA plugin at
 * build time (it writes the list where `self.__WB_MANIFEST` stands). Served cache first, by the
 * first route of `router`.
 */
export function precacheAppShell(router: Router) {
	cleanupOutdatedCaches();
	precacheController.precache(self.__WB_MANIFEST);
	router.registerRoute(new PrecacheRoute(precacheController));
}

/** Whether a file of the app (`/_app/immutable/...`) belongs to the build this worker came with. */
export function isInAppShell(path: string) {
	return precacheController.getCacheKeyForURL(path) !== undefined;
}
