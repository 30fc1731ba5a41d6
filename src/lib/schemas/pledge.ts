/**
 * Helping Hands and No Limits: council staff, elected members and partners pledge their time or
 * money to care leavers. Kinds and states shared by the database, the forms and the pages.
 */
export const PLEDGE_SCHEMES = ['helping-hands', 'no-limits'] as const;
export type PledgeScheme = (typeof PLEDGE_SCHEMES)[number];

/** Time (an hour of interview practice) or money (an amount for a purpose within the rules). */
export const PLEDGE_KINDS = ['time', 'money'] as const;
export type PledgeKind = (typeof PLEDGE_KINDS)[number];

/** What a pledge of time is. */
export const TIME_KINDS = [
	'mentoring',
	'interview-practice',
	'cv-help',
	'work-shadowing',
	'skill'
] as const;
export type TimeKind = (typeof TIME_KINDS)[number];

/**
 * waiting: a lead has not looked yet (no young person sees it); approved: on the board while it
 * has places and its end date has not passed; declined: a lead said no; ended: the supporter or a
 * lead ended it early.
 */
export const PLEDGE_STATUSES = ['waiting', 'approved', 'declined', 'ended'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

/** How a match went: the meeting took place, did not, or the money was paid. */
export const MATCH_OUTCOMES = ['took-place', 'did-not', 'money-paid'] as const;
export type MatchOutcome = (typeof MATCH_OUTCOMES)[number];
