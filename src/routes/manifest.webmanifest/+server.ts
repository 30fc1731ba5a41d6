import { db } from '$lib/server/db';
import { getCouncilSettings } from '$lib/server/settings';
import { buildWebManifest } from '$lib/server/web-manifest';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => {
	return new Response(JSON.stringify(buildWebManifest(getCouncilSettings(db))), {
		headers: {
			'content-type': 'application/manifest+json; charset=utf-8',
			// Short, like /theme.css: a change of name or colours reaches phones within minutes.
			'cache-control': 'public, max-age=300'
		}
	});
};
