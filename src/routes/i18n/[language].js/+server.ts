import { error } from '@sveltejs/kit';
import { version } from '$app/environment';
import { isLanguageCode } from '$lib/languages';
import { MESSAGE_IDS, messagesSource } from '$lib/server/i18n';
import type { RequestHandler } from './$types';

/**
 * Every word of one language, as a script that hands them to the page: loaded by
 * src/lib/i18n/client.svelte.ts when a page needs a word the server did not write into it. The
 * address carries the app's version, so a copy can be kept for a year; the offline pack keeps
 * one (src/service-worker/offline-pack.ts).
 */
export const GET: RequestHandler = ({ params, url }) => {
	if (!isLanguageCode(params.language)) {
		error(404, 'Not found');
	}
	const current = url.searchParams.get('v') === version;
	const words = messagesSource(MESSAGE_IDS, params.language);
	const script = `((globalThis.__paraglide??={}).all??={})[${JSON.stringify(params.language)}]=${words};`;
	return new Response(script, {
		headers: {
			'content-type': 'text/javascript; charset=utf-8',
			'cache-control': current ? 'public, max-age=31536000, immutable' : 'no-cache'
		}
	});
};
