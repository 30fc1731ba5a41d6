import { version } from '$service-worker';

declare const self: ServiceWorkerGlobalScope;

const PACK_PREFIX = 'local-offer-pack-';
const VISITED_PREFIX = 'local-offer-visited-';

/**
 * Saved pages point at the scripts of one build, so the offline pack and the pages saved on a
 * visit belong to one version of the worker and go when it is replaced.
 */
export const PACK_CACHE = `${PACK_PREFIX}${version}`;
export const VISITED_CACHE = `${VISITED_PREFIX}${version}`;
/** Images, fonts and the council's theme stylesheet that are not part of the build. */
export const ASSETS_CACHE = 'local-offer-assets';

/** Public pages saved on a visit, besides the pack (search results, pages added later). */
const MAX_VISITED_PAGES = 30;

export async function deleteOldVersions() {
	const names = await caches.keys();
	await Promise.all(
		names
			.filter(
				(name) =>
					(name.startsWith(PACK_PREFIX) && name !== PACK_CACHE) ||
					(name.startsWith(VISITED_PREFIX) && name !== VISITED_CACHE)
			)
			.map((name) => caches.delete(name))
	);
}

export async function saveVisitedPage(key: string, response: Response) {
	const cache = await caches.open(VISITED_CACHE);
	await cache.put(key, response);
	const keys = await cache.keys();
	// Keys come back oldest first.
	await Promise.all(keys.slice(0, -MAX_VISITED_PAGES).map((request) => cache.delete(request)));
}

export async function clearVisitedPages() {
	await caches.delete(VISITED_CACHE);
}

/** A saved public page or data file: one saved on a visit first (never older than the pack). */
export async function findSaved(key: string): Promise<Response | undefined> {
	const visited = await caches.open(VISITED_CACHE);
	const pack = await caches.open(PACK_CACHE);
	return (await visited.match(key)) ?? (await pack.match(key));
}

export async function findInPack(key: string): Promise<Response | undefined> {
	const pack = await caches.open(PACK_CACHE);
	return pack.match(key);
}

export async function broadcast(message: unknown) {
	const clients = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
	for (const client of clients) {
		client.postMessage(message);
	}
}
