/**
 * The service worker's rules, as plain functions (no worker globals) so unit tests can run them.
 */
import { withoutLanguagePrefix } from '$lib/languages';
import { isPersonalPath } from '$lib/personal-paths';
import { DATA_SUFFIX } from '$lib/offline-pack-pages';

export { isPersonalPath };
export {
	DATA_SUFFIX,
	PUBLIC_PAGES,
	dataUrlFor,
	ignoresQuery,
	inLanguage,
	listOfflinePackPages
} from '$lib/offline-pack-pages';

export const OFFLINE_PAGE = '/offline';

/** How long a navigation waits for the network before showing the saved copy. */
export const NETWORK_TIMEOUT_MS = 3_000;

/** On a metered connection the worker asks about changes at most this often. */
export const METERED_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** Query parameters SvelteKit adds to `__data.json` requests; they never change what is saved. */
const SVELTEKIT_DATA_PARAMS = ['x-sveltekit-invalidated', 'x-sveltekit-trailing-slash'];
/** SvelteKit's router asks the server which page a link opens (`kit.router.resolution: 'server'`). */
const ROUTE_SUFFIX = '/__route.js';

/** Whether this is SvelteKit asking which page a link opens (`/offers/x/__route.js`). */
export function isRouteRequest(url: URL) {
	return url.pathname.endsWith(ROUTE_SUFFIX);
}

/**
 * The answer to a route question the network could not answer: "no route", on which SvelteKit
 * loads the page in full, and the navigation rule answers from the saved copy (or /offline).
 */
export const UNRESOLVED_ROUTE_MODULE = 'export const route = null;\nexport const params = {};\n';

/** The language of a page's address: `/ar/offers` is Arabic, `/offers` English. */
export function languageOfPath(pathname: string) {
	const prefix = pathname.split('/')[1];
	return withoutLanguagePrefix(pathname) === pathname ? 'en' : prefix;
}

export function isDataRequest(url: URL) {
	return url.pathname.endsWith(DATA_SUFFIX);
}

/** The page a `__data.json` URL belongs to (`/offers/__data.json?q=a` → `/offers?q=a`). */
export function pageForDataUrl(url: URL) {
	const page = new URL(url);
	page.pathname = page.pathname.slice(0, -DATA_SUFFIX.length) || '/';
	for (const name of SVELTEKIT_DATA_PARAMS) {
		page.searchParams.delete(name);
	}
	return page;
}

/**
 * Whether a response may be kept on the phone: a plain 200 that the server did not mark
 * `no-store` (it marks everything personal, and everything a signed-in person sees, that way).
 */
export function isCacheableResponse(response: Response) {
	if (response.status !== 200 || response.redirected) {
		return false;
	}
	if (response.type !== 'basic' && response.type !== 'default') {
		return false;
	}
	return !/(^|,)\s*no-store\s*(,|$)/i.test(response.headers.get('cache-control') ?? '');
}

/** Whether a request may be answered from, or saved into, the worker's caches at all. */
export function isPublicRequest(request: Request, url: URL, origin: string) {
	return request.method === 'GET' && url.origin === origin && !isPersonalPath(url.pathname);
}

/**
 * Whether to ask the server if the offer changed. Always, unless the connection is metered
 * (Data Saver on, or mobile data): then at most once a day, because the young person pays for it.
 */
export function shouldCheckForChanges(
	lastCheckedAt: string | null,
	now: Date,
	metered: boolean
): boolean {
	if (!lastCheckedAt || !metered) {
		return true;
	}
	return now.getTime() - new Date(lastCheckedAt).getTime() >= METERED_CHECK_INTERVAL_MS;
}

/** Finds stylesheet links of a saved page that are not part of the build (the council's theme). */
export function listPageStylesheets(html: string) {
	const found = new Set<string>();
	for (const match of html.matchAll(/<link\b[^>]*>/gi)) {
		const tag = match[0];
		const href = /\bhref="(\/[^"/][^"]*)"/i.exec(tag)?.[1];
		if (href && /\brel="stylesheet"/i.test(tag) && !href.startsWith('/_app/')) {
			found.add(href.replaceAll('&amp;', '&'));
		}
	}
	return [...found];
}

/** Where the worker sends a phone signed out with no signal: the offline page, saying so. */
export const SIGNED_OUT_PAGE = `${OFFLINE_PAGE}?signedOut=1`;

/**
 * Whether a request is someone pressing Sign out in the app: the form posted to /logout as a
 * page load, from one of the app's own pages. (A form on another site posting here is left to
 * the server, which refuses it: it must not sign anyone out on the phone either.)
 */
export function isSignOutForm(
	request: Pick<Request, 'method' | 'mode' | 'url' | 'referrer'>,
	origin: string
) {
	const url = new URL(request.url);
	return (
		request.method === 'POST' &&
		request.mode === 'navigate' &&
		url.origin === origin &&
		url.pathname === '/logout' &&
		request.referrer.startsWith(`${origin}/`)
	);
}

/**
 * Whether the server has done a sign-out: its answer is a redirect to the sign-in page (fetched
 * with `redirect: 'manual'`, an opaque one; a 2xx would do too), after ending the session in the
 * cookie and deleting the cookie, whether or not that session was still alive. Anything else
 * (a 5xx, or a refusal such as the cross-site check failing when ORIGIN is set wrong) leaves the
 * session alive, so the sign-out stays owed and the phone stays signed out; signing in would fail
 * the same way meanwhile.
 */
export function isSignOutDone(response: Pick<Response, 'type' | 'status'>) {
	return response.type === 'opaqueredirect' || (response.status >= 200 && response.status < 400);
}

/**
 * How the worker answers a request of the app while a sign-out is owed (the person signed out
 * with no signal) and the server cannot be told yet. The phone still holds the session cookie,
 * which nothing on the phone can delete (HttpOnly), so nothing may reach the server with it:
 * - a page load: a saved public page (saved without cookies, so with nobody's name in it), or
 *   for a personal page the signed-out page;
 * - the app's own files, images and stylesheets: from the worker's caches, or fetched without
 *   cookies;
 * - anything else (page data, the JSON endpoints, other form posts): a network error, as with no
 *   signal. The app already copes with that.
 */
export function answerWhileSignOutOwed(
	request: Pick<Request, 'method' | 'mode' | 'destination'>,
	url: URL
): 'saved-page' | 'signed-out-page' | 'app-file' | 'network-error' {
	if (request.method !== 'GET') {
		return 'network-error';
	}
	if (request.mode === 'navigate') {
		return isPersonalPath(url.pathname) ? 'signed-out-page' : 'saved-page';
	}
	if (['script', 'style', 'image', 'font'].includes(request.destination)) {
		return 'app-file';
	}
	return 'network-error';
}
