import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { listPublishedOffers } from '$lib/server/offers';
import type { PageServerLoad } from './$types';

/**
 * Saved offers are kept on the phone (localStorage), so nothing personal is stored here: the page
 * sends the published offers and the browser shows the ones saved on this phone.
 */
export const load: PageServerLoad = (event) => {
	requireRole(event, 'leaver');
	return {
		offers: listPublishedOffers(db).map(({ slug, title, summary, kind, category }) => ({
			slug,
			title,
			summary,
			kind,
			category
		}))
	};
};
