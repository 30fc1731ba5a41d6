import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { etagMatches } from '$lib/server/compress';
import { db } from '$lib/server/db';
import { listPublicOfferSummaries } from '$lib/server/offers';
import { getSettingsVersion, listCategories } from '$lib/server/settings';
import type { RequestHandler } from './$types';

/**
 * Published offers (never drafts). The ETag lets phones refresh their offline copy cheaply. It
 * covers the council's settings too, because the saved pages show the council's phone numbers
 * (urgent help among them): a new number must reach phones as surely as a new offer. Topics'
 * names and order are in it as well (the saved home page and topic pages show them). Each
 * offer's `updatedAt` changes with every save, so publishing, unpublishing or editing a published
 * offer changes the ETag, and phones fetch a new offline pack.
 */
export const GET: RequestHandler = ({ request }) => {
	const body = JSON.stringify(listPublicOfferSummaries(db));
	const topics = listCategories(db).map((item) => [item.slug, item.name, item.description]);
	const tagged = `${getSettingsVersion(db)}\n${JSON.stringify(topics)}\n${body}`;
	const etag = `"${encodeBase64urlNoPadding(sha256(new TextEncoder().encode(tagged))).slice(0, 22)}"`;
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
