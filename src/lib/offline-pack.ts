/**
 * The messages between the app and its service worker about the offline pack: the copy of the
 * whole published offer (and urgent help) that the worker keeps so the app works with no signal.
 */
export interface OfflinePackStatus {
	/** Every page of the pack was saved (a pack is replaced only as a whole). */
	complete: boolean;
	/** When the saved pages were fetched (ISO 8601), or null before the first save. */
	savedAt: string | null;
	/** When the worker last asked the server whether the offer changed (ISO 8601). */
	checkedAt: string | null;
	/** The `/api/offers` ETag the saved pages were made from. */
	etag: string | null;
	/** How many pages are saved. */
	pages: number;
	/** Saved pages whose server data ignores the query, so they answer for any query. */
	queryFreePages: string[];
	/**
	 * The language the pages are saved in: the young person's own (one language, not all of them,
	 * as data costs money), changed when they read the app in another.
	 */
	language: string;
}

/** One saved response of the pack: its address, the headers a saved copy keeps, and its text. */
export interface OfflinePackFile {
	url: string;
	headers: Record<string, string>;
	body: string;
}

/** The whole offline pack of one language, as `/api/offline-pack` sends it. */
export interface OfflinePackBundle {
	language: string;
	/** The pack's pages whose server data ignores the query (see `ignoresQuery`). */
	queryFreePages: string[];
	files: OfflinePackFile[];
}

export const EMPTY_OFFLINE_PACK: OfflinePackStatus = {
	complete: false,
	savedAt: null,
	checkedAt: null,
	etag: null,
	pages: 0,
	queryFreePages: [],
	language: 'en'
};

export type MessageToWorker =
	| { type: 'SKIP_WAITING' }
	/** `language`: the language of the page asking, which the pack follows. */
	| { type: 'REFRESH_OFFLINE_PACK'; language?: string }
	| { type: 'GET_OFFLINE_PACK_STATUS' };

export type MessageFromWorker = { type: 'OFFLINE_PACK_STATUS'; status: OfflinePackStatus };

export function isMessageFromWorker(value: unknown): value is MessageFromWorker {
	return (
		typeof value === 'object' &&
		value !== null &&
		(value as { type?: unknown }).type === 'OFFLINE_PACK_STATUS'
	);
}
