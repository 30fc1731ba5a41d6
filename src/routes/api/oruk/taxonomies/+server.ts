import { z } from 'zod';
import { db } from '$lib/server/db';
import {
	listOrukTaxonomies,
	orukError,
	orukPagingSchema,
	orukResponse,
	toPage
} from '$lib/server/oruk';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => {
	const parsed = orukPagingSchema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) {
		return orukError(
			400,
			'Some of the query is not right.',
			z.flattenError(parsed.error).fieldErrors
		);
	}
	return orukResponse(
		toPage(listOrukTaxonomies(db, url.origin), parsed.data.page, parsed.data.per_page)
	);
};
