import { pageLanguage } from '$lib/i18n/paths';
import { isCheckInDue } from '$lib/server/check-ins';
import { db } from '$lib/server/db';
import { describeEvent, listUpcomingEvents } from '$lib/server/events';
import { describeNews, listNewsFor } from '$lib/server/news';
import { listWhatsNew } from '$lib/server/offer-editing';
import {
	applicantFromAccount,
	canApply,
	listNewOpportunitiesFor,
	type Applicant
} from '$lib/server/opportunities';
import { formatDayIn, opportunityCard } from '$lib/server/opportunity-views';
import { comingUpView } from '$lib/server/coming-up';
import { generateIdempotencyKey } from '$lib/server/ids';
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

/**
 * "How are you today?" for a signed-in care leaver: the four answers when a check-in is due by
 * their own choice of how often to be asked, otherwise a link to check in any time.
 */
function checkInCard(leaver: Parameters<typeof isCheckInDue>[1]) {
	return isCheckInDue(db, leaver)
		? { due: true as const, idempotencyKey: generateIdempotencyKey() }
		: { due: false as const };
}

export const load: PageServerLoad = ({ locals }) => {
	const leaver = locals.user?.role === 'leaver' ? locals.user : null;
	const applicant = leaver ? applicantFromAccount(leaver) : null;
	return {
		whatsNew: listWhatsNew(db, new Date(), 3),
		newForYou: applicant ? newFor(applicant) : [],
		// News from their PA and the leaving care team: for the signed-in care leaver only.
		teamNews: leaver
			? listNewsFor(db, leaver).map((item) => describeNews(item, pageLanguage()))
			: [],
		checkIn: leaver ? checkInCard(leaver) : null,
		comingUp: leaver
			? comingUpView(db, leaver, pageLanguage(), (day) => formatDayIn(pageLanguage(), day))
			: []
	};
};
