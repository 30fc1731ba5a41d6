import { db } from '$lib/server/db';
import { getOrukService, orukError, orukResponse } from '$lib/server/oruk';
import type { RequestHandler } from './$types';

/** One published service, fully nested; drafts and unknown ids are 404 alike. */
export const GET: RequestHandler = ({ params, url }) => {
	const service = getOrukService(db, params.id.toLowerCase(), url.origin);
	return service ? orukResponse(service) : orukError(404, 'There is no service with that id.');
};
