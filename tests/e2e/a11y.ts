import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';

/** WCAG 2.0–2.2 A and AA, plus axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

const AXE_SOURCE = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

/**
 * axe-core's violations on the page as it is now, with their places. axe runs in the page itself
 * (our pages have no frames: the policy says frame-src 'none'), which takes a quarter of the time
 * @axe-core/playwright's builder does: it opens a blank page for every check to merge frames.
 */
export async function axeViolations(page: Page) {
	const options: RunOptions = {
		runOnly: { type: 'tag', values: TAGS },
		resultTypes: ['violations']
	};
	const results = await page.evaluate(
		async ({ source, options }) => {
			const scope = window as unknown as { axe?: { run: (...args: unknown[]) => unknown } };
			if (!scope.axe) {
				// Evaluated by the test, so the page's content security policy does not apply.
				(0, eval)(source);
			}
			return (await scope.axe!.run(document, options)) as AxeResults;
		},
		{ source: AXE_SOURCE, options }
	);
	return results.violations.map((violation) => ({
		id: violation.id,
		impact: violation.impact,
		targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5)
	}));
}

/** Zero axe-core violations (WCAG 2.0–2.2 A and AA, plus best practice) on the page as it is now. */
export async function expectNoAxeViolations(page: Page) {
	// A click may have started loading the next document (a form sent before the page's script
	// ran): check the page once it has loaded and has its title, not halfway through.
	await page.waitForLoadState('load');
	await expect(page, 'the page has a title').toHaveTitle(/\S/);
	expect(await axeViolations(page), `axe violations on ${page.url()}`).toEqual([]);
}

/** A phone held upright: the narrowest screen the app is designed for. */
export const PHONE_WIDTH = 360;

/**
 * What scrolls sideways on the page as it is now, as sentences; empty when nothing does. The page
 * itself must never scroll sideways (WCAG 1.4.10 Reflow), and a box inside it only when it is a
 * table in a region a keyboard can reach and a screen reader can name: `tabindex="0"`,
 * `role="region"` and a name (what the ScrollTable component renders).
 */
export async function sidewaysScrolling(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const describe = (element: Element) => {
			const classes = [...element.classList].map((name) => `.${name}`).join('');
			const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
			return `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${classes}> "${text}"`;
		};
		const scrolls = (element: Element) =>
			['auto', 'scroll'].includes(getComputedStyle(element).overflowX) &&
			element.scrollWidth > element.clientWidth;
		const nameOf = (element: Element) =>
			element.getAttribute('aria-label') ??
			(element.getAttribute('aria-labelledby') ?? '')
				.split(/\s+/)
				.map((id) => document.getElementById(id)?.textContent ?? '')
				.join(' ');
		const isTableRegion = (element: Element) =>
			element.matches('[role="region"][tabindex="0"]') &&
			nameOf(element).trim() !== '' &&
			element.querySelector(':scope > table') !== null;

		const problems: string[] = [];
		const root = document.documentElement;
		if (root.scrollWidth > root.clientWidth) {
			// The outermost boxes that stick out past the right edge, to say where to look (a box
			// inside one that scrolls or clips does not widen the page).
			const width = root.clientWidth;
			const sticksOut = (element: Element) => element.getBoundingClientRect().right > width + 1;
			// An absolutely positioned box (a visually hidden label, say) escapes the overflow of
			// every box up to its containing block: the nearest positioned one.
			const clipped = (element: Element) => {
				let position = getComputedStyle(element).position;
				for (let box = element.parentElement; box && box !== document.body;) {
					const style = getComputedStyle(box);
					if (position === 'fixed') {
						return false;
					}
					if (position !== 'absolute' || style.position !== 'static') {
						if (style.overflowX !== 'visible') {
							return true;
						}
						position = style.position;
					}
					box = box.parentElement;
				}
				return false;
			};
			const culprits = [...document.body.querySelectorAll('*')]
				.filter((element) => sticksOut(element) && !clipped(element))
				.filter((element) => !element.parentElement || !sticksOut(element.parentElement))
				.slice(0, 3)
				.map(describe);
			problems.push(
				`the page is ${root.scrollWidth} px wide on a ${width} px screen (${culprits.join(', ') || 'nothing sticks out on the right'})`
			);
		}
		for (const element of document.body.querySelectorAll('*')) {
			if (scrolls(element) && !isTableRegion(element)) {
				problems.push(
					`${describe(element)} scrolls sideways but is not a table in a focusable, labelled region`
				);
			}
		}
		return problems;
	});
}
