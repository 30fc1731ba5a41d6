import { error } from '@sveltejs/kit';
import { brotliCompress, constants as zlib } from 'node:zlib';
import { promisify } from 'node:util';
import { BASE_LANGUAGE, isLanguageCode } from '$lib/languages';
import { acceptsEncoding, etagMatches } from '$lib/server/compress';
import { db } from '$lib/server/db';
import { buildOfflinePack, offlineBoard, offlinePackBundleTag } from '$lib/server/offline-pack';
import { listPublicOfferSummaries } from '$lib/server/offers';
import { getOfferedLanguages } from '$lib/server/settings';
import type { RequestHandler } from './$types';

const compressBrotli = promisify(brotliCompress);

/**
 * Brotli at a middling quality: made for each answer (each page in it has its own nonce) in about
 * 30 ms off the main thread, and two thirds the size of the gzipped pack.
 */
const BROTLI_QUALITY = 5;

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
	const board = offlineBoard(db);
	const etag = offlinePackBundleTag(db, language, offersJson, board);
	const headers = { etag, 'cache-control': 'no-cache', vary: 'Accept-Encoding' };
	if (etagMatches(request.headers.get('if-none-match'), etag)) {
		return new Response(null, { status: 304, headers });
	}
	const bundle = await buildOfflinePack(fetch, language, offersJson, board);
	if (!bundle) {
		error(503, 'The offline copy could not be made just now');
	}
	const body = JSON.stringify(bundle);
	const type = { 'content-type': 'application/json; charset=utf-8' };
	if (acceptsEncoding(request.headers.get('accept-encoding'), 'br')) {
		const compressed = await compressBrotli(body, {
			params: {
				[zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
				[zlib.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body)
			}
		});
		// Other bytes than the plain body, with the same meaning: a weak tag.
		return new Response(new Uint8Array(compressed), {
			headers: { ...headers, ...type, etag: `W/${etag}`, 'content-encoding': 'br' }
		});
	}
	// Gzipped on the way out for browsers that take only that (hooks.server.ts).
	return new Response(body, { headers: { ...headers, ...type } });
};
