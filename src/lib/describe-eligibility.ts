import type { LegalStatus } from '$lib/schemas/offer';
import { LEGAL_STATUSES } from '$lib/schemas/offer';
import { m } from '$lib/paraglide/messages';

/**
 * Who an offer is for, in plain words, one line each, in the language of the request or page.
 * `areaName` is the council's short name.
 */
export function describeEligibility(
	offer: {
		minAge: number;
		maxAge: number;
		statuses: readonly LegalStatus[];
		livesInArea: boolean;
		inEducation: boolean;
		isParent: boolean;
		eligibilityNotes?: string | null;
	},
	areaName: string
): string[] {
	const lines: string[] = [
		offer.minAge === offer.maxAge
			? m.public_eligibility_age_exact({ age: offer.minAge })
			: m.public_eligibility_age_range({ min: offer.minAge, max: offer.maxAge })
	];
	if (LEGAL_STATUSES.every((status) => offer.statuses.includes(status))) {
		lines.push(m.public_eligibility_any_status());
	} else {
		lines.push(
			m.public_eligibility_statuses({
				statuses: joinOr(offer.statuses.map((status) => STATUS_WORDS[status]()))
			})
		);
	}
	if (offer.livesInArea) {
		lines.push(m.public_eligibility_lives_in({ area: areaName }));
	}
	if (offer.inEducation) {
		lines.push(m.public_eligibility_education());
	}
	if (offer.isParent) {
		lines.push(m.public_eligibility_parent());
	}
	if (offer.eligibilityNotes) {
		lines.push(offer.eligibilityNotes);
	}
	return lines;
}

const STATUS_WORDS: Record<LegalStatus, () => string> = {
	eligible: m.public_eligibility_status_eligible,
	relevant: m.public_eligibility_status_relevant,
	'former-relevant': m.public_eligibility_status_former_relevant,
	qualifying: m.public_eligibility_status_qualifying
};

/** "a, b or c" (the last join in the language's words; the others with a comma). */
function joinOr(parts: string[]) {
	return parts.length <= 1
		? parts.join('')
		: m.public_eligibility_or({ first: parts.slice(0, -1).join(', '), last: parts.at(-1) ?? '' });
}
