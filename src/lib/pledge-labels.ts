/** Pledges in the words of the supporter's and staff pages (English, like the staff pages). */
import type { MatchOutcome, PledgeScheme, PledgeStatus, TimeKind } from './schemas/pledge';

export const SCHEME_LABELS: Record<PledgeScheme, string> = {
	'helping-hands': 'Helping Hands',
	'no-limits': 'No Limits'
};

export const TIME_KIND_LABELS: Record<TimeKind, string> = {
	mentoring: 'Mentoring',
	'interview-practice': 'Interview practice',
	'cv-help': 'Help with a CV',
	'work-shadowing': 'Work shadowing',
	skill: 'Teaching a skill'
};

export const STATUS_LABELS: Record<PledgeStatus, string> = {
	waiting: 'Waiting for a lead to approve it',
	approved: 'Approved: young people can ask for it',
	declined: 'Not approved',
	ended: 'Ended'
};

export const OUTCOME_LABELS: Record<MatchOutcome, string> = {
	'took-place': 'It took place',
	'did-not': 'It did not happen',
	'money-paid': 'The money was paid'
};

export const OUTCOME_OPTIONS = (Object.keys(OUTCOME_LABELS) as MatchOutcome[]).map((value) => ({
	value,
	label: OUTCOME_LABELS[value]
}));
