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
	expect(await axeViolations(page), `axe violations on ${page.url()}`).toEqual([]);
}
