import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { listOfferCards } from '$lib/server/offers';
import { pageLanguage } from '$lib/i18n/paths';
import type { PageServerLoad } from './$types';

/**
 * Saved offers are kept on the phone (localStorage), so nothing personal is stored here: the page
 * sends the published offers and the browser shows the ones saved on this phone.
 */
export const load: PageServerLoad = (event) => {
	requireRole(event, 'leaver');
	return {
		offers: listOfferCards(db, pageLanguage())
	};
};
