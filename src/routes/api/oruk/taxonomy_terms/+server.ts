import { db } from '$lib/server/db';
import { listOrukTaxonomyTerms, pagedOrukList } from '$lib/server/oruk';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	pagedOrukList(url, () => listOrukTaxonomyTerms(db, url.origin));
