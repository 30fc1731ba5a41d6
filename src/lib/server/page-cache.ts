import { encodeBase64 } from '@oslojs/encoding';
import type { Database } from './db';
import { contentVersion } from './db/content-version';

/**
 * Public pages as a visitor who is not signed in sees them, kept until the content changes.
 * Everyone gets the same /offers until a lead publishes something, so rendering it afresh for
 * each of them is wasted work; rendered once, a page is served about as fast as a static file.
 *
 * Only for GET requests with no session cookie, and only 200 HTML answers that set no cookie and
 * are not marked no-store. The content security policy's nonce is made new for every answer (the
 * stored copy's nonce is swapped in the header and the page), so a nonce never repeats.
 */
export type StoredPage = {
	body: string;
	status: number;
	headers: [string, string][];
	nonce: string | null;
};

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

	return {
		/** The stored answer for this URL, with a fresh nonce; undefined when there is none. */
		get(key: string): Response | undefined {
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
			return toResponse(page);
		},
		/** Keeps a copy of `response` if it may be shared; returns a response to send instead. */
		async put(key: string, response: Response): Promise<Response> {
			if (!current() || !isShareable(response)) {
				return response;
			}
			const body = await response.text();
			const nonce = findNonce(response.headers.get('content-security-policy'));
			const page: StoredPage = {
				body,
				status: response.status,
				// With a nonce, each copy differs, so no tag may claim they are the same bytes.
				headers: [...response.headers].filter(([name]) => !(nonce && name === 'etag')),
				nonce
			};
			if (body.length <= MAX_BYTES) {
				pages.set(key, page);
				while (pages.size > maxPages) {
					pages.delete(pages.keys().next().value as string);
				}
			}
			return new Response(body, { status: page.status, headers: page.headers });
		},
		get size() {
			return pages.size;
		}
	};
}

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

function toResponse(page: StoredPage) {
	if (!page.nonce) {
		return new Response(page.body, { status: page.status, headers: page.headers });
	}
	const nonce = encodeBase64(crypto.getRandomValues(new Uint8Array(16)));
	const body = page.body.replaceAll(`nonce="${page.nonce}"`, `nonce="${nonce}"`);
	const headers = page.headers.map(([name, value]): [string, string] => [
		name,
		name === 'content-security-policy' ? value.replaceAll(page.nonce!, nonce) : value
	]);
	return new Response(body, { status: page.status, headers });
}
