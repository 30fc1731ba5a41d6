import { pageLanguage } from '$lib/i18n/paths';
import { db } from '$lib/server/db';
import { describeEvent, listUpcomingEvents } from '$lib/server/events';
import { listWhatsNew } from '$lib/server/offer-editing';
import {
	applicantFromAccount,
	canApply,
	listNewOpportunitiesFor,
	type Applicant
} from '$lib/server/opportunities';
import { opportunityCard } from '$lib/server/opportunity-views';
import { getCouncilSettings } from '$lib/server/settings';
import type { PageServerLoad } from './$types';

/** How many "new for you" cards the home page shows. */
const NEW_FOR_YOU = 3;

/**
 * "New for you": opportunities this care leaver can apply for and events they can go to, newest
 * first (by when each was published).
 */
function newFor(applicant: Applicant) {
	const language = pageLanguage();
	const opportunities = listNewOpportunitiesFor(db, applicant, NEW_FOR_YOU).map((item) => ({
		type: 'opportunity' as const,
		publishedAt: item.publishedAt?.getTime() ?? 0,
		opportunity: opportunityCard(item, language)
	}));
	const { shortName } = getCouncilSettings(db);
	const events = listUpcomingEvents(db)
		.filter((event) => event.publishedAt && canApply(event, applicant))
		.map((event) => ({
			type: 'event' as const,
			publishedAt: event.publishedAt?.getTime() ?? 0,
			event: describeEvent(event, event, language, shortName)
		}));
	return [...opportunities, ...events]
		.sort((a, b) => b.publishedAt - a.publishedAt)
		.slice(0, NEW_FOR_YOU);
}

export const load: PageServerLoad = ({ locals }) => {
	const applicant = locals.user?.role === 'leaver' ? applicantFromAccount(locals.user) : null;
	return {
		whatsNew: listWhatsNew(db, new Date(), 3),
		newForYou: applicant ? newFor(applicant) : []
	};
};
