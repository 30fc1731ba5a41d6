import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { ORIGIN } from '$lib/server/config';
import { db } from '$lib/server/db';
import { getOpportunity } from '$lib/server/opportunities';
import { opportunityQrCode } from '$lib/server/opportunity-views';
import type { RequestHandler } from './$types';

/** The poster QR code as a file, for print designers. */
export const GET: RequestHandler = async (event) => {
	requireRole(event, 'adviser', 'lead');
	const id = /^\d{1,9}$/.test(event.params.id) ? Number(event.params.id) : NaN;
	const item = Number.isSafeInteger(id) ? getOpportunity(db, id) : undefined;
	if (!item) {
		error(404, 'There is no opportunity here.');
	}
	return new Response(await opportunityQrCode(`${ORIGIN}/o/${item.id}`), {
		headers: {
			'content-type': 'image/svg+xml',
			'content-disposition': `attachment; filename="opportunity-${item.id}-qr.svg"`,
			'cache-control': 'private, no-store'
		}
	});
};
