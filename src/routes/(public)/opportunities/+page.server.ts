import { z } from 'zod';
import { placeLegalStatus } from '$lib/eligibility';
import { pageLanguage } from '$lib/i18n/paths';
import { m } from '$lib/paraglide/messages';
import { OPPORTUNITY_KINDS } from '$lib/schemas/opportunity';
import { db } from '$lib/server/db';
import {
	applicantFromAccount,
	listOpenOpportunities,
	type Applicant
} from '$lib/server/opportunities';
import { opportunityCard } from '$lib/server/opportunity-views';
import { listOpenPledges, publicPledge } from '$lib/server/pledges';
import type { PageServerLoad } from './$types';

const filtersSchema = z.object({
	kind: z.string().trim().max(40).optional().catch(undefined),
	age: z.string().trim().max(10).optional().catch(undefined),
	livesInArea: z.string().max(10).optional().catch(undefined),
	inEducation: z.string().max(10).optional().catch(undefined)
});

export const load: PageServerLoad = ({ url, locals }) => {
	// Read each filter once: repeated keys (?kind=a&kind=b) use the first.
	const raw = filtersSchema.parse({
		kind: url.searchParams.get('kind') ?? undefined,
		age: url.searchParams.get('age') ?? undefined,
		livesInArea: url.searchParams.get('livesInArea') ?? undefined,
		inEducation: url.searchParams.get('inEducation') ?? undefined
	});
	const messages: string[] = [];
	// A kind the board does not have (a hand-edited address) shows every kind.
	const kind = OPPORTUNITY_KINDS.find((item) => item === raw.kind);

	// "What I can apply for": the age and the ticks, with the status the checker assumes for
	// someone who has left care (relevant under 18, former relevant from 18).
	let applicant: Applicant | undefined;
	if (raw.age) {
		const age = Number(raw.age);
		const placement =
			Number.isInteger(age) && age >= 14 && age <= 25 ? placeLegalStatus(age, 'left-care') : null;
		if (placement?.kind === 'status') {
			applicant = {
				age,
				status: placement.status,
				livesInArea: raw.livesInArea === 'yes',
				inEducation: raw.inEducation === 'yes'
			};
		} else {
			messages.push(m.public_offers_age_invalid());
		}
	}

	// A signed-in care leaver's form starts from what their account says (not applied until sent).
	const account = locals.user?.role === 'leaver' ? applicantFromAccount(locals.user) : null;
	const filtering = Boolean(raw.age);
	const language = pageLanguage();
	return {
		filters: {
			kind: kind ?? '',
			age: raw.age ?? (account ? String(account.age) : ''),
			livesInArea: filtering ? raw.livesInArea === 'yes' : (account?.livesInArea ?? false),
			inEducation: filtering ? raw.inEducation === 'yes' : (account?.inEducation ?? false)
		},
		filtering,
		messages,
		opportunities: listOpenOpportunities(db, { kind, applicant }).map((item) =>
			opportunityCard(item, language)
		),
		// Helping Hands are for any care leaver: shown whatever the filters, unless a kind is chosen.
		pledges: kind ? [] : listOpenPledges(db).map(publicPledge)
	};
};
