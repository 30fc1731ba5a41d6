import { recordAudit } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { exportPersonalData } from '$lib/server/personal-data';
import type { RequestHandler } from './$types';

/** "Download my data": a care leaver's own data, and only theirs (it comes from the session). */
export const GET: RequestHandler = (event) => {
	const account = requireRole(event, 'leaver');
	const data = exportPersonalData(db, account);
	recordAudit(db, { actorId: account.id, action: 'data-exported', subjectUserId: account.id });
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': 'attachment; filename="my-data.json"',
			'cache-control': 'no-store'
		}
	});
};
