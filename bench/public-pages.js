/**
 * The public pages a care leaver may open first, each measured for its first-visit JavaScript
 * (budget: 45 KB gzipped): by `npm run bench` and by tests/e2e/budget.spec.ts.
 */
export const FIRST_VISIT_PAGES = [
	'/',
	'/offers',
	'/offers?category=money',
	'/offers/council-tax-exemption',
	'/check',
	'/help',
	'/privacy',
	'/accessibility',
	'/feedback',
	'/whats-new',
	'/events',
	'/offline',
	'/opportunities'
];

export const JS_BUDGET_KB = 45;
