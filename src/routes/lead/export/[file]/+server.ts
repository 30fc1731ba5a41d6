import { error } from '@sveltejs/kit';
import { readRangeQuery } from '$lib/server/analytics/dashboard';
import { exportCsv, isExportName } from '$lib/server/analytics/exports';
import { rollUpEvents } from '$lib/server/analytics/rollup';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** /lead/export/NAME.csv?from=&to= — every dashboard table as CSV, lead only, audited. */
export const GET: RequestHandler = (event) => {
	const user = requireRole(event, 'lead');
	const name = event.params.file.match(/^([a-z-]+)\.csv$/)?.[1];
	if (!name || !isExportName(name)) {
		error(404, 'There is no such download.');
	}
	const { range, previous } = readRangeQuery(event.url.searchParams, new Date());
	rollUpEvents(db);
	const { csv, filename } = exportCsv(db, user.id, name, range, previous);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'no-store'
		}
	});
};
