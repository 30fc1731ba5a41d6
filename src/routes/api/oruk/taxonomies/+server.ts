import { db } from '$lib/server/db';
import { listOrukTaxonomies, pagedOrukList } from '$lib/server/oruk';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	pagedOrukList(url, () => listOrukTaxonomies(db, url.origin));
