import { ExpirationPlugin } from 'workbox-expiration';
import { Route, type Router } from 'workbox-routing';
import type {
	RouteHandler,
	RouteHandlerCallbackOptions,
	RouteMatchCallback
} from 'workbox-core/types';
import { CacheFirst } from 'workbox-strategies';
import { ASSETS_CACHE, findInPack, findSaved, saveVisitedPage } from './caches';
import { readOfflinePackStatus } from './offline-pack';
import { withoutLanguagePrefix } from '$lib/languages';
import {
	NETWORK_TIMEOUT_MS,
	OFFLINE_PAGE,
	inLanguage,
	isCacheableResponse,
	UNRESOLVED_ROUTE_MODULE,
	isDataRequest,
	isPersonalPath,
	isRouteRequest,
	isPublicRequest,
	pageForDataUrl
} from './policy';

declare const self: ServiceWorkerGlobalScope;

/**
 * Requests the worker answers, added to `router` (the precache route, added first, answers the
 * app's own files; src/service-worker/index.ts asks the router, after any pending sign-out):
 * - page loads: network first with a short wait, then the saved copy, then the offline page;
 * - SvelteKit's `__data.json` when moving between pages: the network; when it fails or is slow and
 *   the page is saved, a network error, on which SvelteKit loads the page in full and the rule
 *   above answers from the saved copy (the server marks its data `no-store`, so it is not saved);
 * - SvelteKit's `__route.js` (which page a link opens): the network; without an answer in time,
 *   "no route", on which SvelteKit loads the page in full and the first rule answers. Never
 *   cached: after an update, an old answer would name files that no longer exist;
 * - `/api/offers` (the checker's rules run on it in the browser): network first, then the pack;
 * - a language's words (`/i18n/LANG.js`): the pack's copy, else like a script;
 * - other images, fonts, scripts and stylesheets: cache first.
 * Personal pages are never saved, and anything not listed here goes to the network untouched.
 */
export function routeRequests(router: Router) {
	const registerRoute = (match: RouteMatchCallback, handler: RouteHandler) =>
		router.registerRoute(new Route(match, handler));
	registerRoute(({ request }) => request.mode === 'navigate', handleNavigation);
	registerRoute(
		({ request, url }) => isDataRequest(url) && isPublicRequest(request, url, self.location.origin),
		handleData
	);
	registerRoute(
		({ request, url }) =>
			request.method === 'GET' && url.origin === self.location.origin && isRouteRequest(url),
		({ request, event }) =>
			respondFromNetworkFirst(event, request, async () => unresolvedRoute()).then(
				(response) => response ?? unresolvedRoute()
			)
	);
	registerRoute(
		({ request, url }) =>
			url.pathname === '/api/offers' && isPublicRequest(request, url, self.location.origin),
		({ request, event, url }) =>
			respondFromNetworkFirst(event, request, () =>
				findInPack(`${url.pathname}${url.search}`)
			).then((response) => response ?? Response.error())
	);
	const assets = new CacheFirst({
		cacheName: ASSETS_CACHE,
		plugins: [
			{
				cacheWillUpdate: async ({ response }) => (isCacheableResponse(response) ? response : null)
			},
			new ExpirationPlugin({ maxEntries: 60, maxAgeSeconds: 30 * 24 * 60 * 60 })
		]
	});
	// A language's words: the pack's copy (saved with it), else as any other script.
	registerRoute(
		({ request, url }) =>
			url.pathname.startsWith('/i18n/') && isPublicRequest(request, url, self.location.origin),
		async (options) =>
			(await findInPack(`${options.url.pathname}${options.url.search}`)) ?? assets.handle(options)
	);
	registerRoute(
		({ request, url }) =>
			['style', 'script', 'image', 'font'].includes(request.destination) &&
			isPublicRequest(request, url, self.location.origin),
		assets
	);
}

function unresolvedRoute() {
	return new Response(UNRESOLVED_ROUTE_MODULE, {
		headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }
	});
}

/** The offline page, in the pack's language (the one saved). */
export async function offlinePage() {
	const { language } = await readOfflinePackStatus();
	return (await findInPack(inLanguage(language, OFFLINE_PAGE))) ?? Response.error();
}

async function handleNavigation({ request, url, event }: RouteHandlerCallbackOptions) {
	if (url.origin !== self.location.origin) {
		return fetch(request);
	}
	if (isPersonalPath(url.pathname)) {
		// Never saved on the phone: straight to the network, or the offline page without one.
		try {
			return await fetch(request);
		} catch {
			return offlinePage();
		}
	}
	const key = `${url.pathname}${url.search}`;
	const response = await respondFromNetworkFirst(event, request, () => findSavedPage(url), {
		save: (fresh) => saveVisitedPage(key, fresh)
	});
	return response ?? offlinePage();
}

async function handleData({ request, url, event }: RouteHandlerCallbackOptions) {
	const page = pageForDataUrl(url);
	const response = await respondFromNetworkFirst(event, request, async () =>
		(await findSavedPage(page)) ? Response.error() : undefined
	);
	return response ?? Response.error();
}

export async function findSavedPage(url: URL) {
	const exact = await findSaved(`${url.pathname}${url.search}`);
	if (exact) {
		return exact;
	}
	const { queryFreePages, language } = await readOfflinePackStatus();
	// An English address (a home screen icon, a link in a text) opens the saved page in the
	// language the young person chose, as the server would.
	const pathname =
		withoutLanguagePrefix(url.pathname) === url.pathname
			? inLanguage(language, url.pathname)
			: url.pathname;
	if (pathname !== url.pathname) {
		const chosen = await findSaved(`${pathname}${url.search}`);
		if (chosen) {
			return chosen;
		}
	}
	return url.search && queryFreePages.includes(pathname) ? findSaved(pathname) : undefined;
}

const TIMED_OUT = Symbol('timed out');

/**
 * Network first: the fresh answer if it comes within NETWORK_TIMEOUT_MS, else the saved copy
 * (the fresh answer is still saved when it arrives), else whatever the network gives in the end.
 * A server error is answered from the saved copy too. Undefined when there is nothing to show.
 */
async function respondFromNetworkFirst(
	event: ExtendableEvent,
	request: Request,
	fromCache: () => Promise<Response | undefined>,
	options: { save?: (response: Response) => Promise<void> } = {}
): Promise<Response | undefined> {
	const network = fetch(request).then((response) => {
		if (options.save && isCacheableResponse(response)) {
			event.waitUntil(options.save(response.clone()).catch(() => undefined));
		}
		return response;
	});
	event.waitUntil(network.catch(() => undefined));

	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
		timer = setTimeout(() => resolve(TIMED_OUT), NETWORK_TIMEOUT_MS);
	});
	try {
		const first = await Promise.race([network, timeout]);
		if (first === TIMED_OUT) {
			return (await fromCache()) ?? (await network);
		}
		if (first.status >= 500) {
			return (await fromCache()) ?? first;
		}
		return first;
	} catch {
		return fromCache();
	} finally {
		clearTimeout(timer);
	}
}
