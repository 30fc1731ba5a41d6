import { londonToday, parseDay } from '$lib/london-time';
import { m } from '$lib/paraglide/messages';
import type { LegalStatus } from '$lib/schemas/offer';

/**
 * The eligibility checker's rules, in one place (used by the server for the no-JavaScript
 * form and by the browser, so the checker also works offline). Nothing here is stored.
 *
 * Legal status (Children Act 1989, Children (Leaving Care) Act 2000):
 * - eligible: 16–17, still in care, in care for 13 weeks or more since 14, including after 16;
 * - relevant: 16–17, was eligible, has now left care;
 * - former relevant: 18–25, was eligible or relevant;
 * - qualifying: 16–25, in care after 16 but not long enough to be eligible (or left care
 *   to a special guardian after 16).
 */

export const YOUNGEST_AGE = 16;
export const OLDEST_AGE = 25;

/** The answers to "Your time in care", in the checker's plain words (read in the page's language). */
export const CARE_HISTORIES = ['in-care', 'left-care', 'short', 'not-sure'] as const;
export type CareHistory = (typeof CARE_HISTORIES)[number];

export const CARE_HISTORY_LABELS: Record<CareHistory, { label: () => string; hint: () => string }> =
	{
		'in-care': {
			label: m.public_check_history_in_care,
			hint: m.public_check_history_in_care_hint
		},
		'left-care': {
			label: m.public_check_history_left_care,
			hint: m.public_check_history_left_care_hint
		},
		short: {
			label: m.public_check_history_short,
			hint: m.public_check_history_short_hint
		},
		'not-sure': {
			label: m.public_check_history_not_sure,
			hint: m.public_check_history_not_sure_hint
		}
	};

export type Placement =
	| { kind: 'status'; status: LegalStatus; assumed: boolean }
	| { kind: 'too-young' }
	| { kind: 'too-old' };

/** Places a young person in a legal status from their age and their answer about care. */
export function placeLegalStatus(age: number, history: CareHistory): Placement {
	if (age < YOUNGEST_AGE) {
		return { kind: 'too-young' };
	}
	if (age > OLDEST_AGE) {
		return { kind: 'too-old' };
	}
	const adult = age >= 18;
	switch (history) {
		case 'in-care':
			// Nobody is "in care" after 18: at 18 an eligible young person becomes former relevant.
			return { kind: 'status', status: adult ? 'former-relevant' : 'eligible', assumed: false };
		case 'left-care':
			return { kind: 'status', status: adult ? 'former-relevant' : 'relevant', assumed: false };
		case 'short':
			return { kind: 'status', status: 'qualifying', assumed: false };
		case 'not-sure':
			// Most young people who use the app are (former) relevant; say so on the page.
			return { kind: 'status', status: adult ? 'former-relevant' : 'relevant', assumed: true };
	}
}

export type Situation = {
	livesInArea: boolean;
	inEducation: boolean;
	isParent: boolean;
};

export type OfferEligibility = Situation & {
	minAge: number;
	maxAge: number;
	statuses: readonly LegalStatus[];
};

/** Whether an offer applies to a person; a condition the offer sets must be met. */
export function offerApplies(
	offer: OfferEligibility,
	person: Situation & { age: number; status: LegalStatus }
): boolean {
	return (
		person.age >= offer.minAge &&
		person.age <= offer.maxAge &&
		offer.statuses.includes(person.status) &&
		(!offer.livesInArea || person.livesInArea) &&
		(!offer.inEducation || person.inEducation) &&
		(!offer.isParent || person.isParent)
	);
}

/**
 * Whole years between a date of birth (YYYY-MM-DD) and today in the UK, in the UK's calendar
 * sense: someone is a year older from the first moment of their birthday in UK time (at 00:30
 * in summer time the UTC date is still the day before).
 */
export function ageOn(dateOfBirth: string, now: Date): number | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
	if (!match) {
		return null;
	}
	const [year, month, day] = match.slice(1).map(Number);
	const birth = new Date(Date.UTC(year, month - 1, day));
	if (
		birth.getUTCFullYear() !== year ||
		birth.getUTCMonth() !== month - 1 ||
		birth.getUTCDate() !== day
	) {
		return null;
	}
	const today = parseDay(londonToday(now));
	let age = today.year - year;
	const beforeBirthday = today.month < month || (today.month === month && today.day < day);
	if (beforeBirthday) {
		age -= 1;
	}
	return age >= 0 && age < 120 ? age : null;
}

/** The law's names for the statuses, in the page's language. */
export const STATUS_NAMES: Record<LegalStatus, () => string> = {
	eligible: m.public_check_status_eligible,
	relevant: m.public_check_status_relevant,
	'former-relevant': m.public_check_status_former_relevant,
	qualifying: m.public_check_status_qualifying
};
