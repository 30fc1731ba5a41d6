/** What kind of chance an opportunity is; the board filters by it. */
export const OPPORTUNITY_KINDS = [
	'job',
	'apprenticeship',
	'work-experience',
	'training',
	'volunteering'
] as const;
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number];
