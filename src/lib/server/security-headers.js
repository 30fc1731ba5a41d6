// Plain JavaScript with no imports: svelte.config.js, src/hooks.server.ts and scripts/start.js
// (which serves the static files, outside SvelteKit's hooks) all read it, so the three never drift.

/**
 * The pages' content security policy, given to SvelteKit (`kit.csp`, mode 'auto'): SvelteKit adds
 * a fresh nonce to `script-src` for its own start-up script on every response, so no inline script
 * of anyone else's, no `eval` and no script from another site ever runs.
 *
 * @type {Record<string, string[]>}
 */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self'],
	// The service worker (src/service-worker) and nothing else.
	'worker-src': ['self'],
	// Stylesheets only from this site (the app's CSS and /theme.css): no <style> element can be
	// injected. Style *attributes* are allowed on their own because SvelteKit needs them: its
	// route announcer (the live region that reads out each new page title) and app.html's
	// `display: contents` wrapper are styled that way. A style attribute cannot run script, and
	// the only HTML from people (offer bodies) is sanitised to an allow-list without `style`.
	'style-src': ['self'],
	'style-src-attr': ['unsafe-inline'],
	// data: for the MFA set-up QR code's and the browser's own small images.
	'img-src': ['self', 'data:'],
	'font-src': ['self'],
	'connect-src': ['self'],
	'manifest-src': ['self'],
	'media-src': ['none'],
	'frame-src': ['none'],
	'object-src': ['none'],
	'base-uri': ['none'],
	'form-action': ['self'],
	// Nobody may put the app in a frame (clickjacking). Only works as a header, which is how
	// SvelteKit sends it for server-rendered pages.
	'frame-ancestors': ['none']
};

/**
 * Everything that is not a page (JSON, CSV, the theme stylesheet, the manifest, redirects, and
 * static files) is never a document that should load anything: if a browser is ever tricked into
 * showing one as a page, nothing in it runs and it cannot be framed.
 */
export const NON_PAGE_CSP =
	"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The service worker's own policy (a worker takes the CSP of its script's response): it fetches
 * pages, /api/offers and the offline pack from this site only.
 */
export const SERVICE_WORKER_CSP = "default-src 'self'; object-src 'none'; base-uri 'none'";

/**
 * Sent with the answer to signing out (and "sign out everywhere"). "cookies" removes the session
 * cookie even if the Set-Cookie that deletes it were lost; "cache" drops whatever the browser kept
 * of the pages seen while signed in (they are no-store already; this also empties the
 * back/forward cache, so Back cannot show the inbox again).
 * Not "storage": that would also delete the service worker and its offline pack (the offer and
 * the urgent-help numbers a young person relies on with no signal) on every sign-out. The
 * personal things the app keeps in storage are cleared by the page itself before it signs out
 * (the offline outbox: signOut in src/routes/+layout.svelte); saved offers and the usage-count
 * queue belong to the phone, not to an account, and stay.
 * Note that browsers apply "cookies" to the whole registrable domain: on a council subdomain it
 * also clears the cookies of the council's other sites under the same domain.
 */
export const SIGN_OUT_HEADERS = { 'clear-site-data': '"cache", "cookies"' };

/** One year, in seconds. */
const HSTS_MAX_AGE = 31_536_000;

/**
 * Headers every response gets, pages, endpoints and static files alike.
 *
 * @param {string} origin the public address (ORIGIN)
 * @returns {Record<string, string>}
 */
export function baseSecurityHeaders(origin) {
	/** @type {Record<string, string>} */
	const headers = {
		// A file is only ever what its Content-Type says (no script smuggled in as an image).
		'x-content-type-options': 'nosniff',
		// Other sites learn at most that someone came from this app, never which page (a request's
		// or a young person's address).
		'referrer-policy': 'strict-origin-when-cross-origin',
		// The app never needs these; turning them off means injected content cannot ask for them.
		'permissions-policy': 'camera=(), microphone=(), geolocation=()'
	};
	// Over http (a laptop, the tests) HSTS would be ignored at best and lock a developer's
	// localhost to https at worst, so only a public https:// ORIGIN sends it.
	if (origin.startsWith('https://')) {
		headers['strict-transport-security'] = `max-age=${HSTS_MAX_AGE}; includeSubDomains`;
	}
	return headers;
}

/**
 * The static files (build/client and static/) are served by adapter-node before SvelteKit's
 * hooks run; this gives them the same headers. Headers are set before the file server writes its
 * own, which win where both set one (none of these).
 *
 * @param {import('node:http').Server} server
 * @param {string} origin
 */
export function addSecurityHeadersToServer(server, origin) {
	const base = Object.entries(baseSecurityHeaders(origin));
	server.prependListener('request', (request, response) => {
		for (const [name, value] of base) {
			response.setHeader(name, value);
		}
		const path = (request.url ?? '/').split('?')[0];
		response.setHeader(
			'content-security-policy',
			path === '/service-worker.js' ? SERVICE_WORKER_CSP : NON_PAGE_CSP
		);
	});
}
