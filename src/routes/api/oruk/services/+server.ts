import { z } from 'zod';
import { db } from '$lib/server/db';
import {
	listOrukServices,
	orukError,
	orukResponse,
	orukServiceQuerySchema
} from '$lib/server/oruk';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => {
	const parsed = orukServiceQuerySchema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) {
		return orukError(
			400,
			'Some of the query is not right.',
			z.flattenError(parsed.error).fieldErrors
		);
	}
	return orukResponse(listOrukServices(db, parsed.data, url.origin));
};
