import { db } from '$lib/server/db';
import { orukServiceQuerySchema } from '$lib/schemas/oruk';
import { answerOrukQuery, listOrukServices } from '$lib/server/oruk';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	answerOrukQuery(url, orukServiceQuerySchema, (query) => listOrukServices(db, query, url.origin));
