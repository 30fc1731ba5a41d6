import { dev } from '$app/environment';
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
		void tellWorker(refreshPack());
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
	if (!dev) {
		// Installing downloads the app shell and the whole offline pack: not while the first
		// page is still loading on a cheap phone, but once it has.
		afterLoad(() => void register());
	}
	// Not tied to registering, which fails offline: the worker already in charge still answers.
	void tellWorker({ type: 'GET_OFFLINE_PACK_STATUS' });
	void tellWorker(refreshPack());
}

/** The offline pack follows the language the young person reads the app in. */
const refreshPack = () =>
	({
		type: 'REFRESH_OFFLINE_PACK',
		language: document.documentElement.lang
	}) as const;

function afterLoad(run: () => void) {
	if (document.readyState === 'complete') {
		run();
	} else {
		window.addEventListener('load', run, { once: true });
	}
}

/** Switches to the waiting version; the page reloads once it has taken over. */
export async function applyUpdate() {
	refreshRequested = true;
	const waiting = (await navigator.serviceWorker?.getRegistration())?.waiting;
	if (!waiting) {
		window.location.reload();
		return;
	}
	waiting.postMessage({ type: 'SKIP_WAITING' } satisfies MessageToWorker);
}

/**
 * Registers the worker the build made (vite-plugin-pwa, `injectRegister: false`) and watches for
 * a new version. This is what `virtual:pwa-register` does with workbox-window, in a tenth of its
 * size: workbox-window alone would be 2 KB of the 45 KB of JavaScript a public page may load on a
 * first visit (tests/e2e/budget.spec.ts).
 */
async function register() {
	const container = navigator.serviceWorker;
	// With clientsClaim, the first install also changes the controller: that is not an update.
	let hadController = container.controller !== null;
	container.addEventListener('controllerchange', () => {
		if (!hadController) {
			hadController = true;
			return;
		}
		// The new version took over. Reload only if this page asked for it; otherwise (another
		// tab pressed Refresh) keep offering the button rather than reload under someone's thumb.
		if (refreshRequested) {
			window.location.reload();
		} else {
			pwa.updateReady = true;
		}
	});
	let registration: ServiceWorkerRegistration | undefined;
	try {
		registration = await container.register('/service-worker.js', { scope: '/' });
	} catch {
		return; // offline or blocked: the worker already in charge (if any) still answers
	}
	// A browser that blocks workers may answer with nothing instead of refusing.
	if (!registration) {
		return;
	}
	const offerUpdate = () => {
		if (registration.waiting && container.controller) {
			pwa.updateReady = true;
		}
	};
	offerUpdate();
	registration.addEventListener('updatefound', () => {
		const installing = registration.installing;
		installing?.addEventListener('statechange', () => {
			if (installing.state === 'installed') {
				offerUpdate();
			}
		});
	});
}

async function tellWorker(message: MessageToWorker) {
	const registration = await navigator.serviceWorker.ready;
	registration.active?.postMessage(message);
}
