import { error } from '@sveltejs/kit';
import { version } from '$app/environment';
import { isLanguageCode } from '$lib/languages';
import { MESSAGE_IDS, messagesSource } from '$lib/server/i18n';
import type { RequestHandler } from './$types';

/**
 * Every word of one language as a JavaScript module (src/lib/i18n/client.svelte.ts loads it when a
 * page needs a word the server did not write into it). The address carries the app's version, so
 * a copy can be kept for a year; the service worker keeps the chosen language's for offline use.
 */
export const GET: RequestHandler = ({ params, url }) => {
	if (!isLanguageCode(params.language)) {
		error(404, 'Not found');
	}
	const current = url.searchParams.get('v') === version;
	return new Response(`export default ${messagesSource(MESSAGE_IDS, params.language)}`, {
		headers: {
			'content-type': 'text/javascript; charset=utf-8',
			'cache-control': current ? 'public, max-age=31536000, immutable' : 'no-cache'
		}
	});
};
