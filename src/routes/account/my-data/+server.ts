import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { downloadPersonalData } from '$lib/server/personal-data';
import type { RequestHandler } from './$types';

/** "Download my data": a care leaver's own data, and only theirs (it comes from the session). */
export const GET: RequestHandler = (event) => {
	const account = requireRole(event, 'leaver');
	return new Response(downloadPersonalData(db, account), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': 'attachment; filename="my-data.json"',
			'cache-control': 'no-store'
		}
	});
};
