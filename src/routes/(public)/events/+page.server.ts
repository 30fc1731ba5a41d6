import { pageLanguage } from '$lib/i18n/paths';
import { db } from '$lib/server/db';
import { describeEvent, getLeaverPlace, listUpcomingEvents } from '$lib/server/events';
import { getCouncilSettings } from '$lib/server/settings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, setHeaders }) => {
	// The list changes with the clock (an event leaves it when it ends), which the shared page
	// cache cannot see: every visitor gets it made afresh. Phones may still keep a copy.
	setHeaders({ 'cache-control': 'private, no-cache' });
	const { shortName } = getCouncilSettings(db);
	const language = pageLanguage();
	const leaver = locals.user?.role === 'leaver' ? locals.user : null;
	return {
		events: listUpcomingEvents(db).map((event) => ({
			...describeEvent(event, event, language, shortName),
			// Only a care leaver's own place, on their own (never cached) page.
			mine: leaver ? (getLeaverPlace(db, event.id, leaver.id)?.status ?? null) : null
		}))
	};
};
