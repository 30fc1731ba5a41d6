import { expect, test, type Response } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { FIRST_VISIT_PAGES, JS_BUDGET_KB } from '../../bench/public-pages.js';
import { BASE_LANGUAGE, LANGUAGE_CODES } from '../../src/lib/languages';

/**
 * The JavaScript budget: a young person's first visit to any public page, on a phone and often on
 * mobile data, loads at most 45 KB of gzipped JavaScript (the service worker is counted apart, in
 * `npm run bench`), in every language the app speaks. Sizes do not depend on how busy the machine is, so this is a test;
 * `npm run bench` reports the figures.
 */
const BUDGET_BYTES = JS_BUDGET_KB * 1024;

/**
 * Pages that need the demo's content (the e2e server has it; the bench's has no demo board): the
 * first opportunity the demo seeds.
 */
const DEMO_CONTENT_PAGES = ['/opportunities/1'];

/** Each page in each language: `/offers` in Arabic is `/ar/offers`, and home is `/ar`. */
const PAGES = LANGUAGE_CODES.flatMap((language) =>
	[...FIRST_VISIT_PAGES, ...DEMO_CONTENT_PAGES].map((path) =>
		language === BASE_LANGUAGE ? path : `/${language}${path === '/' ? '' : path}`
	)
);

for (const path of PAGES) {
	test(`a first visit to ${path} loads at most ${JS_BUDGET_KB} KB of gzipped JavaScript`, async ({
		browser
	}) => {
		// A fresh profile: nothing cached, no service worker yet.
		const context = await browser.newContext();
		const page = await context.newPage();
		const scripts: Promise<{ url: string; bytes: number }>[] = [];
		const onResponse = (response: Response) => {
			const request = response.request();
			if (request.resourceType() === 'script' && !request.serviceWorker()) {
				scripts.push(
					response.body().then((body) => ({
						url: response.url(),
						bytes: gzipSync(body, { level: 9 }).length
					}))
				);
			}
		};
		page.on('response', onResponse);
		await page.goto(path, { waitUntil: 'networkidle' });
		// Every body asked for is read before the context closes (a script arriving as the network
		// went quiet would otherwise be read from a closed page).
		page.off('response', onResponse);
		const loaded = await Promise.all(scripts);
		const total = loaded.reduce((sum, script) => sum + script.bytes, 0);
		expect(loaded.length, 'the page runs JavaScript at all').toBeGreaterThan(0);
		expect(
			total,
			`${(total / 1024).toFixed(1)} KB in ${loaded.length} files:\n${loaded
				.sort((a, b) => b.bytes - a.bytes)
				.map((script) => `${(script.bytes / 1024).toFixed(1)} KB ${new URL(script.url).pathname}`)
				.join('\n')}`
		).toBeLessThanOrEqual(BUDGET_BYTES);
		await context.close();
	});
}
