import { db } from '$lib/server/db';
import { answerOrukQuery, listOrukServices, orukServiceQuerySchema } from '$lib/server/oruk';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	answerOrukQuery(url, orukServiceQuerySchema, (query) => listOrukServices(db, query, url.origin));
