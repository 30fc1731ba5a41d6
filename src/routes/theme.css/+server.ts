import { db } from '$lib/server/db';
import { getCouncilSettings } from '$lib/server/settings';
import type { RequestHandler } from './$types';

/**
 * The council's colours as CSS custom properties. A stylesheet (not an inline style)
 * so the content security policy can forbid inline styles.
 */
export const GET: RequestHandler = () => {
	const { colours } = getCouncilSettings(db);
	const css = `:root{--brand:${colours.primary};--accent:${colours.accent};}\n`;
	return new Response(css, {
		headers: {
			'content-type': 'text/css; charset=utf-8',
			'cache-control': 'public, max-age=300'
		}
	});
};
