import {
	EMPTY_OFFLINE_PACK,
	type MessageFromWorker,
	type OfflinePackBundle,
	type OfflinePackFile,
	type OfflinePackStatus
} from '$lib/offline-pack';
import { offlinePackUrl } from '$lib/offline-pack-pages';
import { ASSETS_CACHE, PACK_CACHE, broadcast, clearVisitedPages } from './caches';
import { inLanguage, listPageStylesheets, shouldCheckForChanges } from './policy';
import { isInAppShell } from './precache';
import { LANGUAGE_CODES } from '$lib/languages';

declare const self: ServiceWorkerGlobalScope;

/** A language the app speaks, as a page names it (`ar`, `en-GB` → `en`); else English. */
function packLanguage(requested: string | undefined, current: string) {
	const code = requested?.toLowerCase().split('-')[0];
	return code && LANGUAGE_CODES.some((known) => known === code) ? code : current;
}
/** Where the pack's status is kept, inside the pack itself (never requested from the server). */
const STATUS_KEY = '/__offline-pack-status';

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
 * accessibility and the offline page, plus `/api/offers` for the checker's rules and the
 * language's words, all from one response (`/api/offline-pack`). `install` saves the whole pack
 * (each version keeps its own); `visit` asks with the saved pack's ETag, and an unchanged pack
 * costs a 304 of a few hundred bytes.
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
	// The whole pack in one response: the pages share most of their bytes, so gzipped together
	// they cost a quarter of what they cost one by one.
	const packUrl = offlinePackUrl(language);
	const response = await fetch(packUrl, { ...PUBLIC_FETCH, headers });
	if (response.status === 304 && status.complete) {
		const checked = { ...status, checkedAt: now.toISOString() };
		await writeStatus(cache, checked);
		return checked;
	}
	if (!response.ok) {
		await response.body?.cancel();
		throw new Error(`${packUrl} answered ${response.status}`);
	}
	const bundle = readBundle(await response.json());
	const fetched = new Map<string, Response>(
		bundle.files.map((file) => [file.url, new Response(file.body, { headers: file.headers })])
	);
	const queryFreePages = bundle.queryFreePages;

	const home = await fetched.get(inLanguage(bundle.language, '/'))?.clone().text();
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
		etag: response.headers.get('etag'),
		pages: fetched.size - 1,
		queryFreePages,
		language: bundle.language
	};
	await writeStatus(cache, fresh);
	return fresh;
}

/**
 * The pack as the server sent it, checked before anything is saved: a file list of addresses on
 * this site with text bodies (anything else is refused, and the pack the phone has stays).
 */
function readBundle(value: unknown): OfflinePackBundle {
	const bundle = value as Partial<OfflinePackBundle> | null;
	const isFile = (file: unknown) => {
		const { url, headers, body } = (file ?? {}) as Partial<OfflinePackFile>;
		return (
			typeof url === 'string' &&
			url.startsWith('/') &&
			!url.startsWith('//') &&
			typeof body === 'string' &&
			typeof headers === 'object' &&
			headers !== null
		);
	};
	if (
		!bundle ||
		typeof bundle.language !== 'string' ||
		!LANGUAGE_CODES.some((code) => code === bundle.language) ||
		!Array.isArray(bundle.queryFreePages) ||
		!Array.isArray(bundle.files) ||
		!bundle.files.every(isFile)
	) {
		throw new Error('The offline pack the server sent is not one');
	}
	return bundle as OfflinePackBundle;
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

export async function announceOfflinePack(status?: OfflinePackStatus) {
	const message: MessageFromWorker = {
		type: 'OFFLINE_PACK_STATUS',
		status: status ?? (await readOfflinePackStatus())
	};
	await broadcast(message);
}
