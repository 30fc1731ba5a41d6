import { db } from '$lib/server/db';
import { BASE_LANGUAGE, isLanguageCode } from '$lib/languages';
import { getCouncilSettings, getOfferedLanguages } from '$lib/server/settings';
import { buildWebManifest } from '$lib/server/web-manifest';
import type { RequestHandler } from './$types';

/** `?language=ar`: the manifest in a language the council offers (the page links its own). */
export const GET: RequestHandler = ({ url }) => {
	const requested = url.searchParams.get('language');
	const language =
		isLanguageCode(requested) && getOfferedLanguages(db).includes(requested)
			? requested
			: BASE_LANGUAGE;
	return new Response(JSON.stringify(buildWebManifest(getCouncilSettings(db), language)), {
		headers: {
			'content-type': 'application/manifest+json; charset=utf-8',
			// Short, like /theme.css: a change of name or colours reaches phones within minutes.
			'cache-control': 'public, max-age=300'
		}
	});
};
