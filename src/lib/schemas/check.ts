import { CARE_HISTORIES, type CareHistory } from '$lib/eligibility';

const AGE_MESSAGE = 'Enter your age as a whole number, like 19';
const DOB_MESSAGE = 'Enter your date of birth as a real date, like 2006-03-27';
const HISTORY_MESSAGE = 'Choose the answer that sounds most like you';
const MISSING_MESSAGE = 'Enter your age or your date of birth';

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
 * Checks the eligibility checker's answers. Plain code rather than a zod schema like the forms':
 * it runs in the browser, where zod would be most of the page's JavaScript (budget: 45 KB gzipped
 * per public page, for phones on pay-as-you-go data).
 */
export function parseCheckAnswers(
	raw: RawCheckAnswers
): { success: true; data: CheckAnswers } | { success: false; errors: CheckErrors } {
	const errors: CheckErrors = {};
	const age = raw.age?.trim() ?? '';
	if (age.length > 20 || (age !== '' && !/^\d{1,3}$/.test(age))) {
		errors.age = [AGE_MESSAGE];
	}
	const dob = raw.dob?.trim() ?? '';
	if (dob.length > 20) {
		errors.dob = [DOB_MESSAGE];
	}
	const history = CARE_HISTORIES.find((item) => item === raw.history);
	if (!history) {
		errors.history = [HISTORY_MESSAGE];
	}
	if (!history || Object.keys(errors).length > 0) {
		return { success: false, errors };
	}
	if (age === '' && dob === '') {
		return { success: false, errors: { age: [MISSING_MESSAGE] } };
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
