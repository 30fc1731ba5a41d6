import { clear, createStore, del, entries, set } from 'idb-keyval';

/**
 * Requests and replies written with no signal wait here (IndexedDB, on the phone) and are
 * sent when the connection comes back. Each carries an idempotency key made when it was
 * written, so the server stores it once however many times it is sent (a retry, a reload
 * mid-send, two tabs). Cleared when the person signs out.
 */

export type OutboxItem = {
	key: string;
	/** Where it goes: '/api/requests' or '/api/requests/ID/messages'. */
	url: string;
	body: Record<string, unknown>;
	/** For the "waiting to send" list. */
	summary: string;
	createdAt: number;
};

const store = () => createStore('local-offer-outbox', 'items');

export function newIdempotencyKey() {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function addToOutbox(item: OutboxItem) {
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

export async function listOutbox(): Promise<OutboxItem[]> {
	const all = await entries<string, OutboxItem>(store());
	return all.map(([, item]) => item).sort((a, b) => a.createdAt - b.createdAt);
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

/** Sends everything waiting; returns how many were sent. One flush at a time per tab. */
export function flushOutbox(): Promise<number> {
	flushing ??= (async () => {
		let sent = 0;
		try {
			for (const item of await listOutbox()) {
				let response: Response;
				try {
					response = await postJson(item.url, { ...item.body, idempotencyKey: item.key });
				} catch {
					break; // still offline: try again later
				}
				// 2xx: stored (or already stored). 400/404/413: it can never be stored as it is,
				// and retrying for ever would help nobody. 401/403 (signed out) wait for sign-in.
				if (response.ok || [400, 404, 409, 413, 422].includes(response.status)) {
					await del(item.key, store());
					sent += response.ok ? 1 : 0;
				}
			}
		} finally {
			flushing = null;
			notifyChange();
		}
		return sent;
	})();
	return flushing;
}
