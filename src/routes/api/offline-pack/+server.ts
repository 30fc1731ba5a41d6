import { error } from '@sveltejs/kit';
import { BASE_LANGUAGE, isLanguageCode, type LanguageCode } from '$lib/languages';
import { etagMatches } from '$lib/server/compress';
import { db } from '$lib/server/db';
import { buildOfflinePack, offlinePackBundleTag } from '$lib/server/offline-pack';
import { listPublicOfferSummaries } from '$lib/server/offers';
import { getOfferedLanguages } from '$lib/server/settings';
import type { RequestHandler } from './$types';

/** The last pack made in each language, kept while nothing in it changes. */
const made = new Map<LanguageCode, { etag: string; body: string }>();

/**
 * The whole offline pack of one language in one response (the service worker unpacks it into its
 * cache): public pages only, rendered without cookies. Its ETag moves with anything a saved page
 * shows and with each new version of the app, so a phone whose pack is current gets a 304.
 * A language the council does not offer gets the English pack, as its pages would.
 */
export const GET: RequestHandler = async ({ request, url, fetch }) => {
	const requested = url.searchParams.get('language');
	const language =
		isLanguageCode(requested) && getOfferedLanguages(db).includes(requested)
			? requested
			: BASE_LANGUAGE;
	const offersJson = JSON.stringify(listPublicOfferSummaries(db, language));
	const etag = offlinePackBundleTag(db, language, offersJson);
	const headers = { etag, 'cache-control': 'no-cache', vary: 'Accept-Encoding' };
	if (etagMatches(request.headers.get('if-none-match'), etag)) {
		return new Response(null, { status: 304, headers });
	}
	let body = made.get(language)?.etag === etag ? made.get(language)?.body : undefined;
	if (body === undefined) {
		const bundle = await buildOfflinePack(fetch, language, offersJson);
		if (!bundle) {
			error(503, 'The offline copy could not be made just now');
		}
		body = JSON.stringify(bundle);
		made.set(language, { etag, body });
	}
	return new Response(body, {
		headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }
	});
};
