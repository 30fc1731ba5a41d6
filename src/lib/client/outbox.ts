import { clear, createStore, del, entries, set } from 'idb-keyval';

/**
 * Requests and replies written with no signal wait here (IndexedDB, on the phone) and are
 * sent when the connection comes back. Each carries an idempotency key made when it was
 * written, so the server stores it once however many times it is sent (a retry, a reload
 * mid-send, two tabs). Cleared when the person signs out.
 *
 * A phone is often shared, and a session can end elsewhere ("Sign out everywhere" on another
 * device, or it runs out) while words wait here. So each item carries the account that wrote
 * it (`author`, the user id of the page it was written on) and is only ever sent in that
 * account's session: the page sends only its own person's items, and the server refuses an
 * item whose `author` is not the account signed in (409, nothing stored; src/lib/server/api.ts)
 * whoever sends it (the page or the service worker). While nobody is signed in they wait for
 * their author; when someone else signs in on the phone they are deleted unread.
 */

export type OutboxItem = {
	key: string;
	/** Where it goes: '/api/requests' or '/api/requests/ID/messages'. */
	url: string;
	body: Record<string, unknown>;
	/** For the "waiting to send" list. */
	summary: string;
	createdAt: number;
	/** The account that wrote it. Missing only on items saved by an older version of the app. */
	author?: number;
};

const store = () => createStore('local-offer-outbox', 'items');

export function newIdempotencyKey() {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function addToOutbox(item: OutboxItem & { author: number }) {
	await set(item.key, item, store());
	notifyChange();
	void requestBackgroundSync();
}

export const postJson = (url: string, body: Record<string, unknown>) =>
	fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify(body)
	});

/**
 * Splits what waits on the phone by who wrote it. `signedIn` is the account signed in now, or
 * undefined where that is not known (the service worker): then every item with an author may be
 * tried, because the server refuses the wrong account. An item with no author cannot be proved
 * to be anyone's, so it is never sent.
 */
export function sortByAuthor(items: readonly OutboxItem[], signedIn?: number) {
	const toSend: OutboxItem[] = [];
	const toDrop: OutboxItem[] = [];
	for (const item of items) {
		const known = typeof item.author === 'number';
		const sendable = known && (signedIn === undefined || item.author === signedIn);
		(sendable ? toSend : toDrop).push(item);
	}
	return { toSend, toDrop };
}

/**
 * What happens to an item once the server has answered.
 * 2xx: stored (or already stored). 400/404/413/422: it can never be stored as it is, and retrying
 * for ever would help nobody. 409: someone else is signed in on the phone (or it clashed), and
 * 403: an account that is not a care leaver's is signed in: either way another person now uses
 * this phone, so their author's words go. 401 (nobody signed in), 429 and 5xx: kept for later.
 */
export function afterSending(status: number): 'sent' | 'drop' | 'keep' {
	if (status >= 200 && status < 300) {
		return 'sent';
	}
	return [400, 403, 404, 409, 413, 422].includes(status) ? 'drop' : 'keep';
}

/** What waits to be sent, oldest first: only `author`'s, when given. */
export async function listOutbox(author?: number): Promise<OutboxItem[]> {
	const all = await entries<string, OutboxItem>(store());
	return all
		.map(([, item]) => item)
		.filter((item) => author === undefined || item.author === author)
		.sort((a, b) => a.createdAt - b.createdAt);
}

export async function clearOutbox() {
	await clear(store());
	notifyChange();
}

function notifyChange() {
	// The service worker flushes too (Background Sync), and has no window to tell.
	(globalThis as { window?: EventTarget }).window?.dispatchEvent(new CustomEvent('outbox-change'));
}

/** Asks the browser to send the outbox when the connection is back, even with the app closed. */
export async function requestBackgroundSync() {
	try {
		const registration = (await navigator.serviceWorker?.ready) as
			(ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
		await registration?.sync?.register(OUTBOX_SYNC_TAG);
	} catch {
		// No Background Sync here: the "online" event and the next app start send it instead.
	}
}

export const OUTBOX_SYNC_TAG = 'local-offer-outbox';

let flushing: Promise<number> | null = null;

/**
 * Sends what waits; returns how many were sent. One flush at a time per tab.
 * `signedIn`: the account signed in on this page. Everyone else's items are deleted first,
 * unsent and unshown: another person uses the phone now. The service worker, which cannot know
 * who is signed in, leaves it out and relies on the server's refusal (see `afterSending`).
 */
export function flushOutbox(signedIn?: number): Promise<number> {
	flushing ??= (async () => {
		let sent = 0;
		try {
			const { toSend, toDrop } = sortByAuthor(await listOutbox(), signedIn);
			for (const item of toDrop) {
				await del(item.key, store());
			}
			for (const item of toSend) {
				let response: Response;
				try {
					response = await postJson(item.url, {
						...item.body,
						author: item.author,
						idempotencyKey: item.key
					});
				} catch {
					break; // still offline: try again later
				}
				const outcome = afterSending(response.status);
				if (outcome !== 'keep') {
					await del(item.key, store());
				}
				sent += outcome === 'sent' ? 1 : 0;
			}
		} finally {
			flushing = null;
			notifyChange();
		}
		return sent;
	})();
	return flushing;
}
