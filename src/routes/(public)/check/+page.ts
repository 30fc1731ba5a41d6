import { ageOn, offerApplies, placeLegalStatus } from '$lib/eligibility';
import { m } from '$lib/paraglide/messages';
import { pageLanguage } from '$lib/i18n/paths';
import { parseCheckAnswers, readCheckAnswers } from '$lib/schemas/check';
import type { OfferSummary } from '$lib/server/offers';
import type { PageLoad } from './$types';

/**
 * A universal load: the rules run in the browser too, from the published offer list,
 * so the checker works offline and nothing the young person answers reaches the server
 * (without JavaScript the same code runs on the server and stores nothing).
 */
export const load: PageLoad = async ({ url, fetch }) => {
	if (!url.searchParams.has('history') && !url.searchParams.has('age')) {
		return { answers: null, errors: null, result: null };
	}
	const answers = readCheckAnswers(url.searchParams);
	const parsed = parseCheckAnswers(answers);
	if (!parsed.success) {
		return { answers, errors: parsed.errors, result: null };
	}
	const age = parsed.data.age ?? ageOn(parsed.data.dob ?? '', new Date());
	if (age === null) {
		return {
			answers,
			errors: { dob: [m.public_check_error_dob()] },
			result: null
		};
	}

	const placement = placeLegalStatus(age, parsed.data.history);
	if (placement.kind !== 'status') {
		return { answers, errors: null, result: { age, placement, offers: [] } };
	}
	// The offers' words in the page's language (the rules are the same in every language).
	const language = pageLanguage();
	const response = await fetch(
		language === 'en' ? '/api/offers' : `/api/offers?language=${language}`
	);
	const offers: OfferSummary[] = await response.json();
	const person = { ...parsed.data, age, status: placement.status };
	return {
		answers,
		errors: null,
		result: {
			age,
			placement,
			offers: offers.filter((offer) => offerApplies(offer.eligibility, person))
		}
	};
};
