import {
	EMPTY_OFFLINE_PACK,
	type MessageFromWorker,
	type OfflinePackStatus
} from '$lib/offline-pack';
import { ASSETS_CACHE, PACK_CACHE, broadcast, clearVisitedPages } from './caches';
import {
	PUBLIC_PAGES,
	dataUrlFor,
	ignoresQuery,
	inLanguage,
	isCacheableResponse,
	listOfflinePackPages,
	listPageStylesheets,
	shouldCheckForChanges
} from './policy';
import { isInAppShell } from './precache';
import { LANGUAGE_CODES } from '$lib/languages';

import { version } from '$service-worker';

declare const self: ServiceWorkerGlobalScope;

/**
 * All the words of the pack's language, for what a saved page shows only after a tap (the
 * checker's results, a notice): the server writes into each page only the words it used.
 */
export const packWordsUrl = (language: string) => `/i18n/${language}.js?v=${version}`;

/** The offers' list for the checker, with their words in the language. */
export const offersUrl = (language: string) =>
	language === 'en' ? '/api/offers' : `/api/offers?language=${encodeURIComponent(language)}`;

/** A language the app speaks, as a page names it (`ar`, `en-GB` → `en`); else English. */
function packLanguage(requested: string | undefined, current: string) {
	const code = requested?.toLowerCase().split('-')[0];
	return code && LANGUAGE_CODES.some((known) => known === code) ? code : current;
}
/** Where the pack's status is kept, inside the pack itself (never requested from the server). */
const STATUS_KEY = '/__offline-pack-status';
/** Requests at a time while saving: quick on Wi-Fi, gentle on a weak signal. */
const CONCURRENCY = 4;

/**
 * The pack is public information only: fetched without cookies, so a saved page can never carry
 * the name of whoever was signed in, and straight from the server, never the browser's cache.
 */
const PUBLIC_FETCH: RequestInit = { credentials: 'omit', cache: 'no-store' };

export async function readOfflinePackStatus(): Promise<OfflinePackStatus> {
	const cache = await caches.open(PACK_CACHE);
	const saved = await cache.match(STATUS_KEY);
	return saved ? { ...EMPTY_OFFLINE_PACK, ...(await saved.json()) } : EMPTY_OFFLINE_PACK;
}

async function writeStatus(cache: Cache, status: OfflinePackStatus) {
	await cache.put(
		STATUS_KEY,
		new Response(JSON.stringify(status), { headers: { 'content-type': 'application/json' } })
	);
}

/** Data Saver on, or mobile data: the young person pays for every byte. */
function isMetered() {
	const connection = (
		self.navigator as WorkerNavigator & { connection?: { saveData?: boolean; type?: string } }
	).connection;
	return connection?.saveData === true || connection?.type === 'cellular';
}

let running: Promise<OfflinePackStatus> | null = null;

/**
 * Saves every published offer page, each topic, the offer list, the checker, urgent help, privacy,
 * accessibility and the offline page, plus `/api/offers` for the checker's rules.
 * `install` always saves the whole pack (a new version's pages load its own scripts); `visit`
 * first asks whether `/api/offers` changed (If-None-Match: a 304 costs a few hundred bytes).
 * One refresh at a time; a failed refresh leaves the previous pack as it was.
 */
export function refreshOfflinePack(
	reason: 'install' | 'visit',
	language?: string
): Promise<OfflinePackStatus> {
	running ??= savePack(reason, language).finally(() => {
		running = null;
	});
	return running;
}

async function savePack(
	reason: 'install' | 'visit',
	requested: string | undefined
): Promise<OfflinePackStatus> {
	const cache = await caches.open(PACK_CACHE);
	const saved = await readOfflinePackStatus();
	const language = packLanguage(requested, saved.language);
	// A pack in another language is replaced whole, as if there were none.
	const status = saved.language === language ? saved : EMPTY_OFFLINE_PACK;
	const now = new Date();
	if (reason === 'visit' && status.complete) {
		if (!shouldCheckForChanges(status.checkedAt, now, isMetered())) {
			return status;
		}
	}

	const headers = new Headers();
	if (status.complete && status.etag) {
		headers.set('if-none-match', status.etag);
	}
	const listUrl = offersUrl(language);
	const list = await fetch(listUrl, { ...PUBLIC_FETCH, headers });
	if (list.status === 304 && status.complete) {
		const checked = { ...status, checkedAt: now.toISOString() };
		await writeStatus(cache, checked);
		return checked;
	}
	if (!list.ok) {
		await list.body?.cancel();
		throw new Error(`${listUrl} answered ${list.status}`);
	}
	const listCopy = await readFully(list);
	const offers: { slug: string; category: string }[] = await listCopy.clone().json();
	const fetched = new Map<string, Response>([[listUrl, listCopy]]);
	const pages = [
		...listOfflinePackPages(offers).map((page) => inLanguage(language, page)),
		packWordsUrl(language)
	];

	await forEachLimited(pages, CONCURRENCY, async (url) => {
		const response = await fetch(url, PUBLIC_FETCH);
		// An offer unpublished since the list was read: leave it out.
		if (response.status === 404 && url.includes('/offers/')) {
			await response.body?.cancel();
			return;
		}
		if (!isCacheableResponse(response)) {
			await response.body?.cancel();
			throw new Error(`${url} answered ${response.status} and may not be saved`);
		}
		fetched.set(url, await readFully(response));
	});
	const queryFreePages = await listQueryFreePages(language);

	const home = await fetched.get(inLanguage(language, '/'))?.clone().text();
	if (home === undefined) {
		throw new Error('The home page was not saved');
	}
	assertSameBuild(home);
	const assets = await caches.open(ASSETS_CACHE);
	for (const stylesheet of listPageStylesheets(home)) {
		if (!(await assets.match(stylesheet))) {
			await assets.put(stylesheet, await readFully(await fetch(stylesheet, PUBLIC_FETCH)));
		}
	}

	for (const [url, response] of fetched) {
		await cache.put(url, response);
	}
	for (const request of await cache.keys()) {
		const { pathname, search } = new URL(request.url);
		const key = `${pathname}${search}`;
		if (key !== STATUS_KEY && !fetched.has(key)) {
			await cache.delete(request);
		}
	}
	// Pages saved on earlier visits are older than this pack now.
	await clearVisitedPages();

	const fresh: OfflinePackStatus = {
		complete: true,
		savedAt: now.toISOString(),
		checkedAt: now.toISOString(),
		etag: list.headers.get('etag'),
		pages: fetched.size - 1,
		queryFreePages,
		language
	};
	await writeStatus(cache, fresh);
	return fresh;
}

/**
 * Which public pages read nothing from the query (SvelteKit's `__data.json` says what each server
 * load used). Only that is kept: SvelteKit marks its data `no-store`, so the data is not saved.
 */
async function listQueryFreePages(language: string) {
	const found: string[] = [];
	for (const page of PUBLIC_PAGES.map((path) => inLanguage(language, path))) {
		const response = await fetch(dataUrlFor(page), PUBLIC_FETCH);
		const text = await response.text();
		if (response.ok && ignoresQuery(parseJson(text))) {
			found.push(page);
		}
	}
	return found;
}

/** Streamed data (several JSON lines) does not parse: such a page simply counts as reading the query. */
function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

/**
 * Saved pages must load the scripts this worker has. If the server already runs a newer build,
 * its pages wait for the newer worker, which saves its own pack when it installs.
 */
function assertSameBuild(html: string) {
	for (const match of html.matchAll(/href="(\/_app\/immutable\/[^"]+)"/g)) {
		if (!isInAppShell(match[1])) {
			throw new Error('The server runs a newer version of the app');
		}
	}
}

/** Reads the body now: a response left unread holds on to its connection until it is saved. */
async function readFully(response: Response) {
	const { status, statusText, headers } = response;
	return new Response(await response.blob(), { status, statusText, headers });
}

/** Runs `task` on every item, `limit` at a time; stops starting new ones after a failure. */
async function forEachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
	let next = 0;
	let failed = false;
	async function worker() {
		while (next < items.length && !failed) {
			const item = items[next];
			next += 1;
			try {
				await task(item);
			} catch (error) {
				failed = true;
				throw error;
			}
		}
	}
	const results = await Promise.allSettled(
		Array.from({ length: Math.min(limit, items.length) }, worker)
	);
	const failure = results.find((result) => result.status === 'rejected');
	if (failure) {
		throw failure.reason;
	}
}

export async function announceOfflinePack(status?: OfflinePackStatus) {
	const message: MessageFromWorker = {
		type: 'OFFLINE_PACK_STATUS',
		status: status ?? (await readOfflinePackStatus())
	};
	await broadcast(message);
}
