import { encodeBase64 } from '@oslojs/encoding';
import { languageToOffer, withoutLanguagePrefix } from '$lib/languages';
import { londonToday } from '$lib/london-time';
import { CATEGORY_SLUGS } from '$lib/schemas/offer';
import { OPPORTUNITY_KINDS } from '$lib/schemas/opportunity';
import type { Database } from './db';
import { contentVersion } from './db/content-version';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { acceptsGzip, MIN_COMPRESSIBLE_BYTES, varyWithAcceptEncoding } from './compress';
import { CACHED_PAGE_SERVER } from './node-server.js';
import { fillGzipTemplate, gzipTemplate, type GzipTemplate } from './gzip-template';

/**
 * Public pages as a visitor who is not signed in sees them, kept until the content changes.
 * Everyone gets the same /offers until a lead publishes something, so rendering it afresh for
 * each of them is wasted work; rendered once, a page is served about as fast as a static file.
 *
 * Only for GET requests with no session cookie, and only 200 HTML answers that set no cookie and
 * are not marked no-store. The content security policy's nonce is made new for every answer (the
 * stored page is kept cut where its nonce was, and a new one goes in the header and the gaps), so
 * a nonce never repeats. The gzip is made once too, with the same gaps (gzip-template.ts).
 *
 * The hook in hooks.server.ts fills the cache and answers from it; scripts/start.js also answers
 * from it before SvelteKit is asked (createCachedPageServer below), which is what makes a cached
 * page nearly as cheap as a static file.
 */
type StoredPage = {
	status: number;
	/** As SvelteKit answered, without content-length (and, with a nonce, without an etag). */
	headers: [string, string][];
	nonce: string | null;
	/** The body in UTF-8, cut where the nonce goes, and its gzip made once. */
	template: GzipTemplate;
};

/** One copy of a stored page, ready to send. */
export type CachedAnswer = {
	status: number;
	headers: [string, string][];
	body: Buffer;
};

/**
 * What each public page reads from its query string, by the path SvelteKit routes on: a rule
 * gives the parameters that make a different page, or null when an answer to this query is not
 * kept at all (rendered afresh each time). A page not listed reads no query: `/?utm_source=x` is
 * the page `/`, so made-up queries cannot fill the cache and push real pages out.
 * A public page that starts reading its query must be added here.
 */
const PAGE_QUERIES = new Map<string, (query: URLSearchParams) => [string, string][] | null>([
	[
		'/offers',
		(query) => {
			// Searches vary without end and are never kept (as in the page's own data cache). A topic
			// and an age are few; anything else is answered with a message and not kept either.
			const category = query.get('category') ?? '';
			const age = query.get('age') ?? '';
			if (
				query.get('q') ||
				(category && !CATEGORY_SLUGS.some((slug) => slug === category)) ||
				(age && !/^(1[4-9]|2[0-5])$/.test(age))
			) {
				return null;
			}
			return [
				['category', category],
				['age', age]
			].filter((pair): pair is [string, string] => pair[1] !== '');
		}
	],
	// The checker's answers: every set is its own result, and an age worked out from a date of
	// birth changes with the date, so an answered page is never kept. Unanswered, it is `/check`.
	['/check', (query) => (query.has('history') || query.has('age') ? null : [])],
	// Which page to go back to, for each page there is: not worth keeping.
	['/language', () => null],
	// A kind is one of a few; "what I can apply for" (an age) varies and is not kept.
	[
		'/opportunities',
		(query) => {
			const kind = query.get('kind') ?? '';
			if (query.get('age') || (kind && !OPPORTUNITY_KINDS.some((item) => item === kind))) {
				return null;
			}
			return kind ? [['kind', kind]] : [];
		}
	]
]);

/**
 * Pages that change at midnight by themselves, with nothing written: an opportunity leaves the
 * board the day after its closing date, a pledge the day after its last day. They are kept for the London day they were made on.
 */
const DATED_PAGES = /^\/(opportunities(\/\d+)?|helping-hands\/\d+)$/;

/**
 * The cache's key for a page address: its path and only the query parameters the page reads (in
 * a fixed order); null when the answer must not be kept. The hook and the Node server both use it.
 */
export function pageCacheKey(url: URL): string | null {
	let route: string;
	try {
		// As SvelteKit decodes a path before routing it ("/off%65rs" is the /offers page)...
		route = url.pathname.split('%25').map(decodeURI).join('%25');
	} catch {
		return null;
	}
	// `/ar/offers` reads the query as `/offers` does.
	const plain = withoutLanguagePrefix(route);
	const rule = PAGE_QUERIES.get(plain);
	const kept = rule ? rule(url.searchParams) : [];
	if (kept === null) {
		return null;
	}
	if (DATED_PAGES.test(plain)) {
		// Not a query the page reads: only what the key is told apart by.
		kept.push(['day', londonToday()]);
	}
	const search = new URLSearchParams(kept).toString();
	// ...but keyed on the path as sent: the page shows it (the menu marks the page it is on).
	return search ? `${url.pathname}?${search}` : url.pathname;
}

const MAX_PAGES = 300;
const MAX_BYTES = 512 * 1024;

export function createPageCache(db: Database, { maxPages = MAX_PAGES } = {}) {
	let version: string | null = null;
	const pages = new Map<string, StoredPage>();

	function current() {
		const now = contentVersion(db.$client);
		if (now !== version) {
			pages.clear();
			version = now;
		}
		return now !== null;
	}

	/** The stored page for this URL as bytes with a fresh nonce; undefined when there is none. */
	function answer(key: string, { gzip = false } = {}): CachedAnswer | undefined {
		if (!current()) {
			return undefined;
		}
		const page = pages.get(key);
		if (!page) {
			return undefined;
		}
		// Most recently used last, so the oldest is the first to go when the cache is full.
		pages.delete(key);
		pages.set(key, page);
		return copyOf(page, gzip);
	}

	return {
		answer,
		/** The stored answer for this URL as a Response; undefined when there is none. */
		get(key: string, options: { gzip?: boolean } = {}): Response | undefined {
			const found = answer(key, options);
			// Buffer.concat always makes a fresh ArrayBuffer (never a shared one).
			return found && new Response(found.body as Uint8Array<ArrayBuffer>, found);
		},
		/** Keeps a copy of `response` if it may be shared; returns a response to send instead. */
		async put(key: string, response: Response): Promise<Response> {
			if (!current() || !isShareable(response)) {
				return response;
			}
			const body = await response.text();
			const nonce = findNonce(response.headers.get('content-security-policy'));
			const headers = [...response.headers].filter(
				// With a nonce, each copy differs, so no tag may claim they are the same bytes.
				([name]) => name !== 'content-length' && !(nonce && name === 'etag')
			);
			if (Buffer.byteLength(body) <= MAX_BYTES) {
				const parts = (nonce ? body.split(nonce) : [body]).map((part) => Buffer.from(part));
				pages.set(key, { status: response.status, headers, nonce, template: gzipTemplate(parts) });
				while (pages.size > maxPages) {
					pages.delete(pages.keys().next().value as string);
				}
			}
			return new Response(body, { status: response.status, headers });
		},
		get size() {
			return pages.size;
		}
	};
}

export type PageCache = ReturnType<typeof createPageCache>;

export function isShareable(response: Response) {
	const headers = response.headers;
	return (
		response.status === 200 &&
		(headers.get('content-type') ?? '').startsWith('text/html') &&
		!headers.has('set-cookie') &&
		!/no-store|private/i.test(headers.get('cache-control') ?? '')
	);
}

function findNonce(policy: string | null) {
	return policy?.match(/'nonce-([A-Za-z0-9+/=_-]+)'/)?.[1] ?? null;
}

/**
 * A copy with its own nonce, gzipped when asked and big enough to gain (as compressResponse
 * would: the same Vary, and no length to go stale).
 */
function copyOf(page: StoredPage, gzip: boolean): CachedAnswer {
	const nonce = page.nonce ? encodeBase64(crypto.getRandomValues(new Uint8Array(16))) : '';
	const fill = Buffer.from(nonce);
	const plainBytes = page.template.parts.reduce(
		(sum, part) => sum + part.length,
		fill.length * (page.template.parts.length - 1)
	);
	const compress = gzip && plainBytes >= MIN_COMPRESSIBLE_BYTES;
	const body = compress
		? fillGzipTemplate(page.template, fill)
		: Buffer.concat(page.template.parts.flatMap((part, i) => (i === 0 ? [part] : [fill, part])));
	const headers = page.headers
		.filter(([name]) => name !== 'vary')
		.map(([name, value]): [string, string] => [
			name,
			name === 'content-security-policy' && page.nonce ? value.replaceAll(page.nonce, nonce) : value
		]);
	headers.push(['vary', varyWithAcceptEncoding(headerOf(page.headers, 'vary'))]);
	if (compress) {
		headers.push(['content-encoding', 'gzip']);
	}
	headers.push(['content-length', String(body.length)]);
	return { status: page.status, headers, body };
}

function headerOf(headers: [string, string][], name: string) {
	return headers.find(([n]) => n === name)?.[1] ?? null;
}

/**
 * The cache as a plain Node request handler, for scripts/start.js (answerCachedPagesFirst in
 * node-server.js): true when it answered. It answers only what the page-cache hook would answer
 * from the cache too: a GET with no session cookie for a URL it holds (the URL read as
 * adapter-node reads it, and keyed by the same pageCacheKey).
 */
/** A `lang` cookie naming a language other than English. */
const REMEMBERS_ANOTHER_LANGUAGE = /(?:^|;\s*)lang=(?!en(?:;|$))/;
const LANGUAGE_COOKIE_VALUE = /(?:^|;\s*)lang=([^;]*)/;

/**
 * The home page offers a first-time visitor the language their browser prefers
 * (src/routes/+layout.server.ts): that page is made for them, not taken from the cache.
 */
export function mayOfferLanguage(
	pathname: string,
	acceptLanguage: string | null | undefined,
	chosen: string | undefined
) {
	return pathname === '/' && languageToOffer(acceptLanguage, chosen) !== null;
}

export function createCachedPageServer(cache: PageCache, sessionCookie: string) {
	return (request: IncomingMessage, response: ServerResponse): boolean => {
		const cookies = request.headers.cookie ?? '';
		if (
			request.method !== 'GET' ||
			cookies.includes(`${sessionCookie}=`) ||
			// Someone who chose another language is sent from an English address to theirs
			// (src/lib/server/i18n.ts): SvelteKit's hooks decide.
			REMEMBERS_ANOTHER_LANGUAGE.test(cookies) ||
			mayOfferLanguage(
				(request.url ?? '/').split('?')[0],
				request.headers['accept-language'],
				LANGUAGE_COOKIE_VALUE.exec(cookies)?.[1]
			)
		) {
			return false;
		}
		const key = pageCacheKey(new URL(`http://localhost${request.url ?? '/'}`));
		const found =
			key === null
				? undefined
				: cache.answer(key, { gzip: acceptsGzip(request.headers['accept-encoding'] ?? null) });
		if (!found) {
			return false;
		}
		response.statusCode = found.status;
		for (const [name, value] of found.headers) {
			response.setHeader(name, value);
		}
		response.end(found.body);
		return true;
	};
}

/** Hands the cache to scripts/start.js, which loads the built app and cannot import from it. */
export function offerCachedPageServer(serve: ReturnType<typeof createCachedPageServer>) {
	Reflect.set(globalThis, CACHED_PAGE_SERVER, serve);
}
