/**
 * Which pages the offline pack holds, and how their addresses are made: shared by the service
 * worker (src/service-worker/) and the server, which sends the whole pack in one response
 * (src/routes/api/offline-pack/+server.ts).
 */

/** Public pages saved for offline use besides each offer and each topic. */
export const PUBLIC_PAGES = [
	'/',
	'/offers',
	'/check',
	'/help',
	'/privacy',
	'/accessibility',
	'/whats-new',
	'/you-said-we-did',
	'/offline'
] as const;

export const DATA_SUFFIX = '/__data.json';

/** What is on the board today, by id: the pack holds the board, the events and each of these. */
export type OfflineBoard = {
	opportunities: readonly number[];
	events: readonly number[];
	/** Helping Hands pledges on the board. */
	pledges?: readonly number[];
};

/**
 * Every page in the offline pack: the public pages, the whole offer list, one list per topic,
 * every published offer (so an offer the young person never opened still works offline), the
 * open opportunities board with each opportunity and Helping Hands pledge on it, and the events to come with each event. Topics come from the offers themselves,
 * in the order they appear (the API lists them by topic).
 */
export function listOfflinePackPages(
	offers: readonly { slug: string; category: string }[],
	board: OfflineBoard = { opportunities: [], events: [] }
) {
	const categories = [...new Set(offers.map((offer) => offer.category))];
	return [
		...PUBLIC_PAGES,
		...categories.map((category) => `/offers?category=${encodeURIComponent(category)}`),
		...offers.map((offer) => `/offers/${encodeURIComponent(offer.slug)}`),
		'/opportunities',
		...board.opportunities.map((id) => `/opportunities/${id}`),
		...(board.pledges ?? []).map((id) => `/helping-hands/${id}`),
		'/events',
		...board.events.map((id) => `/events/${id}`)
	];
}

/** A page's address in a language: `/offers` in Arabic is `/ar/offers`, and home is `/ar`. */
export function inLanguage(language: string, path: string) {
	if (language === 'en') {
		return path;
	}
	return path === '/' ? `/${language}` : `/${language}${path}`;
}

/** The URL SvelteKit's router fetches a page's server data from (`/offers/__data.json?...`). */
export function dataUrlFor(page: string) {
	const url = new URL(page, 'http://local');
	url.pathname = url.pathname === '/' ? DATA_SUFFIX : `${url.pathname}${DATA_SUFFIX}`;
	return `${url.pathname}${url.search}`;
}

interface ServerDataNode {
	type?: string;
	uses?: { url?: unknown; search_params?: unknown[] };
}

/**
 * SvelteKit's `__data.json` lists what each server load read. If none read the URL or its query,
 * the saved copy of the page also answers for the same page with any query
 * (`/check?age=19&history=left-care` is `/check`: its rules run in the browser).
 */
export function ignoresQuery(serverData: unknown) {
	if (typeof serverData !== 'object' || serverData === null) {
		return false;
	}
	const { type, nodes } = serverData as { type?: string; nodes?: (ServerDataNode | null)[] };
	if (type !== 'data' || !Array.isArray(nodes)) {
		return false;
	}
	return nodes.every(
		(node) =>
			!node || node.type !== 'data' || (!node.uses?.url && !node.uses?.search_params?.length)
	);
}

/** The offers' list for the checker, with their words in the language. */
export function offersUrl(language: string) {
	return language === 'en' ? '/api/offers' : `/api/offers?language=${encodeURIComponent(language)}`;
}

/** The whole pack of one language, in one response (src/routes/api/offline-pack/+server.ts). */
export function offlinePackUrl(language: string) {
	return `/api/offline-pack?language=${encodeURIComponent(language)}`;
}
