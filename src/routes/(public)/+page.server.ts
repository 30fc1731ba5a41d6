import { pageLanguage } from '$lib/i18n/paths';
import { db } from '$lib/server/db';
import { listWhatsNew } from '$lib/server/offer-editing';
import { applicantFromAccount, listNewOpportunitiesFor } from '$lib/server/opportunities';
import { opportunityCard } from '$lib/server/opportunity-views';
import type { PageServerLoad } from './$types';

/** How many "new for you" cards the home page shows. */
const NEW_FOR_YOU = 3;

export const load: PageServerLoad = ({ locals }) => {
	// "New for you": for a signed-in care leaver, what they can apply for, newest first.
	const applicant = locals.user?.role === 'leaver' ? applicantFromAccount(locals.user) : null;
	return {
		whatsNew: listWhatsNew(db, new Date(), 3),
		newForYou: applicant
			? listNewOpportunitiesFor(db, applicant, NEW_FOR_YOU).map((item) =>
					opportunityCard(item, pageLanguage())
				)
			: []
	};
};
