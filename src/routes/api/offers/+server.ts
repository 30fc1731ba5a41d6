import { etagMatches } from '$lib/server/compress';
import { db } from '$lib/server/db';
import { offlinePackTag } from '$lib/server/offline-pack';
import { listPublicOfferSummaries } from '$lib/server/offers';
import { isLanguageCode } from '$lib/languages';
import type { RequestHandler } from './$types';

/**
 * Published offers (never drafts), with titles and summaries in `?language=` where translated. The ETag lets phones refresh their offline copy cheaply: it
 * changes whenever anything a saved page shows changes (src/lib/server/offline-pack.ts).
 */
export const GET: RequestHandler = ({ request, url }) => {
	const language = url.searchParams.get('language');
	const body = JSON.stringify(
		listPublicOfferSummaries(db, isLanguageCode(language) ? language : undefined)
	);
	const etag = offlinePackTag(db, body);
	const headers = {
		etag,
		'cache-control': 'no-cache',
		'access-control-allow-origin': '*'
	};
	if (etagMatches(request.headers.get('if-none-match'), etag)) {
		return new Response(null, { status: 304, headers });
	}
	return new Response(body, {
		headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }
	});
};
