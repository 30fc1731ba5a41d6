import { registerSW } from 'virtual:pwa-register';
import {
	isMessageFromWorker,
	type MessageToWorker,
	type OfflinePackStatus
} from '$lib/offline-pack';

/** What the app shows about the connection, the offline pack and updates. */
export const pwa = $state({
	online: true,
	/** A newer version is installed and waits for the person to press Refresh. */
	updateReady: false,
	pack: null as OfflinePackStatus | null
});

let started = false;
let updateServiceWorker: (() => Promise<void>) | undefined;
let refreshRequested = false;

/**
 * Registers the service worker (built from src/service-worker/) and keeps `pwa` current.
 * Every visit asks the worker to check whether the offer changed; it decides how often it may
 * (daily at most on a metered connection).
 */
export function startPwa() {
	if (started) {
		return;
	}
	started = true;
	pwa.online = navigator.onLine;
	window.addEventListener('online', () => {
		pwa.online = true;
		void tellWorker({ type: 'REFRESH_OFFLINE_PACK' });
	});
	window.addEventListener('offline', () => {
		pwa.online = false;
	});
	if (!('serviceWorker' in navigator)) {
		return;
	}
	navigator.serviceWorker.addEventListener('message', (event) => {
		if (isMessageFromWorker(event.data)) {
			pwa.pack = event.data.status;
		}
	});
	const update = registerSW({
		onNeedRefresh() {
			pwa.updateReady = true;
		},
		onNeedReload() {
			// The new version took over. Reload only if this page asked for it; otherwise (another
			// tab pressed Refresh) keep offering the button rather than reload under someone's thumb.
			if (refreshRequested) {
				window.location.reload();
			} else {
				pwa.updateReady = true;
			}
		}
	});
	updateServiceWorker = () => update(true);
	// Not tied to registering, which fails offline: the worker already in charge still answers.
	void tellWorker({ type: 'GET_OFFLINE_PACK_STATUS' });
	void tellWorker({ type: 'REFRESH_OFFLINE_PACK' });
}

/** Switches to the waiting version; the page reloads once it has taken over. */
export async function applyUpdate() {
	refreshRequested = true;
	if (!updateServiceWorker) {
		window.location.reload();
		return;
	}
	await updateServiceWorker();
}

async function tellWorker(message: MessageToWorker) {
	const registration = await navigator.serviceWorker.ready;
	registration.active?.postMessage(message);
}
