/**
 * First-party usage counting in the browser (see the privacy page for the plain-English version).
 *
 * - A random visitor id lives in localStorage (not a cookie) and is never linked to an account by
 *   the browser. Nothing is sent, and no id is made, when the person has opted out on /privacy or
 *   the browser sends Global Privacy Control.
 * - Events wait in a bounded queue in localStorage (so offline events survive and keep their own
 *   time) and go to POST /api/events in batches of up to 50: every 30 seconds, when the page is
 *   hidden (sendBeacon), when the phone comes back online, and whenever a full batch is ready.
 */
import type { AnalyticsEvent } from '$lib/schemas/analytics';

export const VISITOR_KEY = 'local-offer:visitor';
export const QUEUE_KEY = 'local-offer:event-queue';
export const OPT_OUT_KEY = 'local-offer:analytics-opt-out';
export const ENDPOINT = '/api/events';
/** At most this many events wait; the oldest are dropped first. */
export const QUEUE_LIMIT = 500;
export const BATCH_SIZE = 50;
export const FLUSH_INTERVAL_MS = 30_000;
/** The server refuses events older than 30 days; keep a margin and drop older ones. */
const MAX_QUEUED_AGE_MS = 29 * 24 * 60 * 60 * 1000;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewEvent = DistributiveOmit<AnalyticsEvent, 'at'>;

export type PrivacySignals = {
	/** The person chose "stop counting my visits" on /privacy. */
	optedOut: boolean;
	/** navigator.globalPrivacyControl: the browser asks every site not to track. */
	globalPrivacyControl: boolean;
	/** localStorage works (without it there is nowhere to keep an id or a queue). */
	storage: boolean;
	/** Staff are not the audience being measured. */
	staff: boolean;
};

/** The one rule: send nothing unless every signal allows it. */
export function analyticsAllowed(signals: PrivacySignals): boolean {
	return signals.storage && !signals.optedOut && !signals.globalPrivacyControl && !signals.staff;
}

let staff = false;

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

export function readPrivacySignals(): PrivacySignals {
	const store = storage();
	let optedOut = false;
	try {
		optedOut = store?.getItem(OPT_OUT_KEY) === '1';
	} catch {
		optedOut = true;
	}
	return {
		optedOut,
		globalPrivacyControl:
			typeof navigator !== 'undefined' &&
			(navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true,
		storage: store !== null,
		staff
	};
}

export function isTrackingAllowed(): boolean {
	return analyticsAllowed(readPrivacySignals());
}

function randomId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return btoa(String.fromCharCode(...bytes))
		.replaceAll('+', '-')
		.replaceAll('/', '_')
		.replace(/=+$/, '');
}

function getVisitorId(store: Storage): string {
	let id = store.getItem(VISITOR_KEY);
	if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
		id = randomId();
		store.setItem(VISITOR_KEY, id);
	}
	return id;
}

function readQueue(store: Storage): AnalyticsEvent[] {
	try {
		const queue = JSON.parse(store.getItem(QUEUE_KEY) ?? '[]');
		return Array.isArray(queue) ? queue : [];
	} catch {
		return [];
	}
}

function writeQueue(store: Storage, queue: AnalyticsEvent[]) {
	try {
		if (queue.length) {
			store.setItem(QUEUE_KEY, JSON.stringify(queue.slice(-QUEUE_LIMIT)));
		} else {
			store.removeItem(QUEUE_KEY);
		}
	} catch {
		// Storage full: counting is not worth breaking the page for.
	}
}

/** Adds to a queue, keeping the newest QUEUE_LIMIT events and dropping ones too old to send. */
export function enqueue(queue: AnalyticsEvent[], event: AnalyticsEvent, now: number) {
	return [...queue, event]
		.filter((item) => now - Date.parse(item.at) < MAX_QUEUED_AGE_MS)
		.slice(-QUEUE_LIMIT);
}

/** Records an event (with the time now) if counting is allowed. */
export function track(event: NewEvent) {
	const store = storage();
	if (!store || !isTrackingAllowed()) {
		return;
	}
	const now = Date.now();
	const queue = enqueue(
		readQueue(store),
		{
			...event,
			at: new Date(now).toISOString(),
			language: document.documentElement.lang.split('-')[0]
		} as AnalyticsEvent,
		now
	);
	writeQueue(store, queue);
	if (queue.length >= BATCH_SIZE) {
		void flush();
	}
}

/** For the install prompt: call when the app has been installed. */
export function trackInstall() {
	track({ type: 'install', path: location.pathname });
}

function isOffline() {
	return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** Takes the next batch off the queue (put back if it cannot be sent). */
function takeBatch(store: Storage): AnalyticsEvent[] {
	const now = Date.now();
	const queue = readQueue(store).filter((item) => now - Date.parse(item.at) < MAX_QUEUED_AGE_MS);
	const batch = queue.slice(0, BATCH_SIZE);
	writeQueue(store, queue.slice(BATCH_SIZE));
	return batch;
}

function putBack(store: Storage, batch: AnalyticsEvent[]) {
	writeQueue(store, [...batch, ...readQueue(store)]);
}

let flushing = false;

/**
 * Sends what is queued. `beacon` (page being hidden) uses navigator.sendBeacon, which outlives
 * the page. Statuses: 202 sent; 400/403/413 the batch can never be accepted, so it is dropped;
 * 429 or a network failure keeps it for later.
 */
export async function flush({ beacon = false } = {}) {
	const store = storage();
	if (!store || flushing || isOffline()) {
		return;
	}
	if (!isTrackingAllowed()) {
		writeQueue(store, []);
		return;
	}
	const visitor = getVisitorId(store);
	if (beacon) {
		const batch = takeBatch(store);
		if (batch.length) {
			// A plain string (sent as text/plain): the endpoint reads JSON whatever the type says.
			if (!navigator.sendBeacon(ENDPOINT, JSON.stringify({ visitor, events: batch }))) {
				putBack(store, batch);
			}
		}
		return;
	}
	flushing = true;
	try {
		for (let round = 0; round < QUEUE_LIMIT / BATCH_SIZE; round += 1) {
			const batch = takeBatch(store);
			if (!batch.length) {
				return;
			}
			let status: number;
			try {
				const response = await fetch(ENDPOINT, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					// No `keepalive`: the page is alive here; pagehide uses sendBeacon.
					body: JSON.stringify({ visitor, events: batch })
				});
				status = response.status;
				// Read the short answer to the end so the request completes (an unread body keeps
				// it open in Chromium, and tools waiting for a quiet network wait forever).
				await response.text();
			} catch {
				putBack(store, batch);
				return;
			}
			if (status === 429 || status >= 500) {
				putBack(store, batch);
				return;
			}
		}
	} finally {
		flushing = false;
	}
}

let started = false;

/** Starts the timers and listeners once; `isStaff` turns counting off for staff accounts. */
export function startAnalytics({ isStaff = false } = {}) {
	staff = isStaff;
	if (started || typeof window === 'undefined') {
		return;
	}
	started = true;
	setInterval(() => void flush(), FLUSH_INTERVAL_MS);
	window.addEventListener('online', () => void flush());
	window.addEventListener('pagehide', () => void flush({ beacon: true }));
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'hidden') {
			void flush({ beacon: true });
		}
	});
	void flush();
}

export function setStaffMode(isStaff: boolean) {
	staff = isStaff;
}

/** The choice on /privacy. Opting out also forgets the visitor id and anything queued. */
export function setAnalyticsOptOut(optOut: boolean) {
	const store = storage();
	if (!store) {
		return;
	}
	if (optOut) {
		store.setItem(OPT_OUT_KEY, '1');
		store.removeItem(VISITOR_KEY);
		store.removeItem(QUEUE_KEY);
	} else {
		store.removeItem(OPT_OUT_KEY);
	}
}

export function isAnalyticsOptedOut(): boolean {
	return readPrivacySignals().optedOut;
}

export function hasGlobalPrivacyControl(): boolean {
	return readPrivacySignals().globalPrivacyControl;
}
