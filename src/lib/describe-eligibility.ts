import type { LegalStatus } from '$lib/schemas/offer';
import { LEGAL_STATUSES } from '$lib/schemas/offer';

/** Who an offer is for, in plain words, one line each. `areaName` is the council's short name. */
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
	const lines = [
		offer.minAge === offer.maxAge
			? `You are ${offer.minAge}.`
			: `You are aged ${offer.minAge} to ${offer.maxAge}.`
	];
	if (LEGAL_STATUSES.every((status) => offer.statuses.includes(status))) {
		lines.push('You are a care leaver, or in care now.');
	} else {
		lines.push(`You ${joinOr(offer.statuses.map((status) => STATUS_WORDS[status]))}.`);
	}
	if (offer.livesInArea) {
		lines.push(`You live in ${areaName}.`);
	}
	if (offer.inEducation) {
		lines.push('You are in education or training.');
	}
	if (offer.isParent) {
		lines.push('You are a parent, or you are expecting a baby.');
	}
	if (offer.eligibilityNotes) {
		lines.push(offer.eligibilityNotes);
	}
	return lines;
}

const STATUS_WORDS: Record<LegalStatus, string> = {
	eligible: 'are in care now and have been for 13 weeks or more since you were 14',
	relevant: 'left care when you were 16 or 17',
	'former-relevant': 'left care and are now 18 or over',
	qualifying: 'were in care for a shorter time after you turned 16'
};

function joinOr(parts: string[]) {
	return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`;
}
