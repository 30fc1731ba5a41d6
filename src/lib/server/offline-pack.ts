import { sha256 } from '@oslojs/crypto/sha2';
import { version } from '$app/environment';
import type { LanguageCode } from '$lib/languages';
import type { OfflinePackBundle, OfflinePackFile } from '$lib/offline-pack';
import {
	PUBLIC_PAGES,
	dataUrlFor,
	ignoresQuery,
	inLanguage,
	listOfflinePackPages,
	offersUrl,
	type OfflineBoard
} from '$lib/offline-pack-pages';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { count, eq, max } from 'drizzle-orm';
import type { Database } from './db/connection';
import { contentTranslation } from './db/schema';
import { getSettingsVersion, listCategories } from './settings';
import { listYouSaidWeDid } from './you-said-we-did';
import { listUpcomingEvents } from './events';
import { listOpenOpportunities } from './opportunities';
import { listOpenPledges } from './pledges';

/**
 * The tag phones compare to know their offline pack is out of date (the ETag of /api/offers).
 * It covers everything the saved pages show: the published offers (`offersJson`; each offer's
 * `updatedAt` moves with every save, so publishing, unpublishing, an edit and a "What's new" note
 * all change it), the council's settings (the saved pages show its phone numbers, urgent help among
 * them: a new number must reach phones as surely as a new offer), the topics' names and order, and
 * the published "You said, we did" entries.
 */
export function offlinePackTag(db: Database, offersJson: string) {
	const topics = listCategories(db).map((item) => [item.slug, item.name, item.description]);
	const youSaidWeDid = listYouSaidWeDid(db, { publishedOnly: true }).map((entry) => [
		entry.id,
		entry.updatedAt.getTime(),
		entry.offerSlug
	]);
	const tagged = [
		getSettingsVersion(db),
		JSON.stringify(topics),
		JSON.stringify(youSaidWeDid),
		offersJson
	].join('\n');
	return tagOf(tagged);
}

/**
 * The ETag of the whole pack in one language (`/api/offline-pack`): the offers' tag, the
 * language's translations (a corrected translation must reach phones too) and the app's version
 * (a new version's pages load new scripts).
 */
export function offlinePackBundleTag(
	db: Database,
	language: LanguageCode,
	offersJson: string,
	board: OfflineBoard
) {
	const translations = db
		.select({ rows: count(), updatedAt: max(contentTranslation.updatedAt) })
		.from(contentTranslation)
		.where(eq(contentTranslation.language, language))
		.get();
	const tagged = [
		version,
		language,
		offlinePackTag(db, offersJson),
		translations?.rows ?? 0,
		translations?.updatedAt?.getTime() ?? 0,
		JSON.stringify(board)
	].join('\n');
	return tagOf(tagged);
}

/**
 * What is on the board today, for the pack: the open opportunities' and the events to come's ids
 * (their pages go in it) and when each last changed (so an edit reaches phones). One passing its
 * closing date, or an event ending, changes it too.
 */
export function offlineBoard(
	db: Database,
	now = Date.now()
): OfflineBoard & { changed: number[][] } {
	const open = listOpenOpportunities(db, {}, now);
	const events = listUpcomingEvents(db, now);
	const pledges = listOpenPledges(db, now);
	return {
		opportunities: open.map((item) => item.id),
		events: events.map((event) => event.id),
		pledges: pledges.map((item) => item.id),
		changed: [
			...[open, events].map((items) => items.map((item) => item.updatedAt.getTime())),
			// A match changes the places left, not the pledge.
			pledges.flatMap((item) => [item.updatedAt.getTime(), item.placesLeft])
		]
	};
}

/** A short strong ETag for everything in `tagged`. */
function tagOf(tagged: string) {
	return `"${encodeBase64urlNoPadding(sha256(new TextEncoder().encode(tagged))).slice(0, 22)}"`;
}

/** Headers a saved page needs offline: what it is, and the policy its scripts run under. */
const KEPT_HEADERS = ['content-type', 'content-security-policy', 'cache-control'];

/**
 * Every file of the offline pack in `language`, each rendered the way the browser would fetch it
 * without cookies (`fetch` is the request's own: pages are rendered in-process, not over the
 * network). Sent as one response because the pages share most of their bytes: compressed together
 * they cost about a fifth of what they cost one by one.
 * Null when a page could not be made (the phone keeps the pack it has, and asks again later).
 */
export async function buildOfflinePack(
	fetch: typeof globalThis.fetch,
	language: LanguageCode,
	offersJson: string,
	board: OfflineBoard
): Promise<OfflinePackBundle | null> {
	const offers: { slug: string; category: string }[] = JSON.parse(offersJson);
	const files: OfflinePackFile[] = [
		{
			url: offersUrl(language),
			headers: { 'content-type': 'application/json; charset=utf-8' },
			body: offersJson
		}
	];
	const urls = [
		...listOfflinePackPages(offers, board).map((page) => inLanguage(language, page)),
		`/i18n/${language}.js?v=${version}`
	];
	for (const url of urls) {
		const response = await fetch(url, { credentials: 'omit' });
		if (response.status !== 200) {
			await response.body?.cancel();
			return null;
		}
		const headers: Record<string, string> = {};
		for (const name of KEPT_HEADERS) {
			const value = response.headers.get(name);
			if (value !== null) {
				headers[name] = value;
			}
		}
		files.push({ url, headers, body: await response.text() });
	}
	const queryFreePages: string[] = [];
	for (const page of PUBLIC_PAGES.map((path) => inLanguage(language, path))) {
		const response = await fetch(dataUrlFor(page), { credentials: 'omit' });
		const text = await response.text();
		if (response.ok && ignoresQuery(parseJson(text))) {
			queryFreePages.push(page);
		}
	}
	return { language, queryFreePages, files };
}

/** Streamed data (several JSON lines) does not parse: such a page simply counts as reading the query. */
function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}
