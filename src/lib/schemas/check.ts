import { CARE_HISTORIES, type CareHistory } from '$lib/eligibility';
import { m } from '$lib/paraglide/messages';

const FIELDS = ['age', 'dob', 'history', 'livesInArea', 'inEducation', 'isParent'] as const;

export interface CheckAnswers {
	age?: number;
	dob?: string;
	history: CareHistory;
	livesInArea: boolean;
	inEducation: boolean;
	isParent: boolean;
}

export type CheckErrors = Partial<Record<'age' | 'dob' | 'history', string[]>>;
export type RawCheckAnswers = Partial<Record<(typeof FIELDS)[number], string>>;

/** The answers as they arrive in the page's query string (the first of any repeated key). */
export function readCheckAnswers(params: URLSearchParams): RawCheckAnswers {
	return Object.fromEntries(FIELDS.map((key) => [key, params.get(key) ?? undefined]));
}

/**
 * Checks the eligibility checker's answers (messages in the language of the request or page). Plain code rather than a zod schema like the forms':
 * it runs in the browser, where zod would be most of the page's JavaScript (budget: 45 KB gzipped
 * per public page, for phones on pay-as-you-go data).
 */
export function parseCheckAnswers(
	raw: RawCheckAnswers
): { success: true; data: CheckAnswers } | { success: false; errors: CheckErrors } {
	const errors: CheckErrors = {};
	const age = raw.age?.trim() ?? '';
	if (age.length > 20 || (age !== '' && !/^\d{1,3}$/.test(age))) {
		errors.age = [m.public_check_error_age()];
	}
	const dob = raw.dob?.trim() ?? '';
	if (dob.length > 20) {
		errors.dob = [m.public_check_error_dob()];
	}
	const history = CARE_HISTORIES.find((item) => item === raw.history);
	if (!history) {
		errors.history = [m.public_check_error_history()];
	}
	if (!history || Object.keys(errors).length > 0) {
		return { success: false, errors };
	}
	if (age === '' && dob === '') {
		return { success: false, errors: { age: [m.public_check_error_missing()] } };
	}
	return {
		success: true,
		data: {
			age: age === '' ? undefined : Number(age),
			dob: dob === '' ? undefined : dob,
			history,
			livesInArea: raw.livesInArea === 'yes',
			inEducation: raw.inEducation === 'yes',
			isParent: raw.isParent === 'yes'
		}
	};
}
