import { expect, test } from '@playwright/test';
import { axeViolations, PHONE_WIDTH, sidewaysScrolling } from './a11y';
import { watchCspViolations } from './csp';
import { DEMO_DB, signIn, uniqueAddress, userId } from './helpers';

/**
 * Follows every in-app link each kind of visitor can reach (links are discovered, never listed,
 * so pages added later are crawled too) and runs axe on each page: zero violations. On the way,
 * every page must load (no broken links), break no content-security-policy rule, and, for a
 * signed-in visitor, be marked no-store.
 *
 * The crawl looks at every page on a phone, 360 px wide: young people use the app on their phones
 * and PAs sometimes do. Nothing may scroll sideways there except a wide table in its own focusable,
 * labelled region. Axe runs at that width too, which is where a region that scrolls shows up (on a
 * wide screen the same table fits and axe has nothing to check). The wide-screen layouts are
 * checked by each area's own spec.
 */

// 20 by default: axe takes seconds a page on a busy machine. A11Y_CRAWL_PAGES=40 looks further.
const MAX_PAGES = Number(process.env.A11Y_CRAWL_PAGES ?? 20);
/** Pages of one shape (/offers/*, /staff/requests/:id) after which others like them are skipped. */
const MAX_PER_SHAPE = 3;
/** The same page with different query strings (topics, sorting, date ranges). */
const MAX_PER_PATH = 2;

/**
 * Where each crawl starts: the pages each role uses most, so they are checked whatever the links
 * lead to first (a young person's page as their PA and a lead see it among them).
 */
const START: Record<string, () => string[]> = {
	anonymous: () => ['/', '/events'],
	'demo-leaver': () => ['/', '/requests', '/requests/new', '/account'],
	'demo-adviser': () => [
		'/staff',
		'/staff/leavers',
		`/staff/leavers/${leaverId()}`,
		'/account/notices'
	],
	'demo-lead': () => [
		'/lead',
		'/lead/staff',
		'/lead/saved-replies',
		'/lead/settings',
		'/lead/audit',
		'/lead/email',
		'/lead/offers',
		'/lead/events',
		'/lead/translations',
		'/staff',
		`/staff/leavers/${leaverId()}`,
		'/account'
	]
};
const leaverId = () => userId(DEMO_DB, 'demo-leaver');

/**
 * Not crawled: signing out, downloads (CSV and XLIFF exports, the data download), and anything
 * that is not a page. Every link in the app is a GET that changes nothing; forms are not submitted.
 */
function isSkipped(url: URL) {
	return (
		/^\/(logout|healthz|api|account\/data)(\/|$)/.test(url.pathname) ||
		/\.(csv|json|webmanifest|css|js|svg|png|txt|ics)$/.test(url.pathname) ||
		url.pathname.startsWith('/lead/export/') ||
		url.pathname === '/lead/translations/export'
	);
}

/** Links found under each parent path: a parent with many is a collection (offers, requests). */
const children = new Map<string, Set<string>>();
const COLLECTION = 6;

function parentOf(url: URL) {
	return url.pathname.replace(/\/[^/]*$/, '') || '/';
}

/** One shape for every member of a collection (/offers/*, /staff/requests/:id); else the path. */
function shapeOf(url: URL) {
	const path = url.pathname.replace(/\/\d+(?=\/|$)/g, '/:id');
	const parent = parentOf(url);
	return parent !== '/' && (children.get(parent)?.size ?? 0) > COLLECTION ? `${parent}/*` : path;
}

test('the check finds violations when there are some', async ({ page }) => {
	await page.setContent('<html><body><img src="x.png"><button></button></body></html>');
	const found = (await axeViolations(page)).map((violation) => violation.id);
	expect(found).toEqual(expect.arrayContaining(['image-alt', 'button-name', 'html-has-lang']));
});

test('the phone check finds a page or a box that scrolls sideways, and allows a labelled table region', async ({
	page
}) => {
	await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
	const wideTable = '<table><tr><td style="min-width: 40rem">Wide</td></tr></table>';
	await page.setContent(`<html lang="en"><body><p style="width: 40rem">Too wide</p></body></html>`);
	expect(await sidewaysScrolling(page)).toEqual([expect.stringContaining('<p> "Too wide"')]);

	await page.setContent(`<body><div style="overflow-x: auto">${wideTable}</div></body>`);
	expect(await sidewaysScrolling(page)).toEqual([
		expect.stringContaining('is not a table in a focusable, labelled region')
	]);

	await page.setContent(
		`<body><div style="overflow-x: auto" tabindex="0" role="region" aria-label="Wide">${wideTable}</div></body>`
	);
	expect(await sidewaysScrolling(page)).toEqual([]);
});

for (const role of Object.keys(START)) {
	test(`every page ${role === 'anonymous' ? 'a visitor' : role} can reach has no axe violations and fits a phone`, async ({
		page,
		baseURL
	}) => {
		test.setTimeout(MAX_PAGES * 30_000);
		await page.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueAddress() });
		await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
		const violations = await watchCspViolations(page);
		if (role !== 'anonymous') {
			await signIn(page, role);
		}
		const origin = new URL(baseURL!).origin;
		const queue = START[role]().map((path) => new URL(path, origin));
		const seen = new Set(queue.map((url) => url.href));
		const perShape = new Map<string, number>();
		const perPath = new Map<string, number>();
		const problems: string[] = [];
		const visited: string[] = [];

		while (queue.length > 0 && visited.length < MAX_PAGES) {
			// Pages of a shape not seen yet come first, so a long list of offers cannot use up the budget.
			queue.sort((a, b) => (perShape.get(shapeOf(a)) ?? 0) - (perShape.get(shapeOf(b)) ?? 0));
			const url = queue.shift()!;
			const shape = shapeOf(url);
			if (
				(perShape.get(shape) ?? 0) >= MAX_PER_SHAPE ||
				(perPath.get(url.pathname) ?? 0) >= MAX_PER_PATH
			) {
				continue;
			}
			perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
			perPath.set(url.pathname, (perPath.get(url.pathname) ?? 0) + 1);
			const path = `${url.pathname}${url.search}`;
			visited.push(path);

			const started = Date.now();
			const response = await page.goto(path);
			const status = response?.status() ?? 0;
			if (status >= 400) {
				problems.push(`${path}: answered ${status}`);
				continue;
			}
			if (role !== 'anonymous' && response?.headers()['cache-control'] !== 'no-store') {
				problems.push(`${path}: signed in but not no-store`);
			}
			await expect(page.locator('h1').first()).toBeVisible();

			const loaded = Date.now();
			for (const violation of await axeViolations(page)) {
				problems.push(
					`${path}: ${violation.id} (${violation.impact}) at ${violation.targets.join(', ')}`
				);
			}
			for (const problem of await sidewaysScrolling(page)) {
				problems.push(`${path} at ${PHONE_WIDTH} px: ${problem}`);
			}
			if (process.env.A11Y_CRAWL_DEBUG) {
				console.log(`${role} ${path} load ${loaded - started} ms, axe ${Date.now() - loaded} ms`);
			}

			const hrefs = await page
				.locator('a[href]:not([download])')
				.evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
			for (const href of hrefs) {
				const next = new URL(href);
				next.hash = '';
				if (next.origin !== origin || isSkipped(next) || seen.has(next.href)) {
					continue;
				}
				seen.add(next.href);
				queue.push(next);
				const siblings = children.get(parentOf(next)) ?? new Set<string>();
				children.set(parentOf(next), siblings.add(next.pathname));
			}
		}

		test.info().annotations.push({ type: 'pages crawled', description: visited.join(' ') });
		expect(visited.length, 'pages crawled').toBeGreaterThanOrEqual(Math.min(MAX_PAGES, 5));
		expect(visited, 'the pages the crawl starts from').toEqual(
			expect.arrayContaining(START[role]())
		);
		expect(problems).toEqual([]);
		expect(violations).toEqual([]);
	});
}
