import { expect, test, type BrowserContext, type Page, type Request } from '@playwright/test';
import { expectNoAxeViolations } from './a11y';
import { DEMO_DB, queryDatabase, signIn } from './helpers';

type SentEvent = {
	type: string;
	offer?: string;
	q?: string;
	results?: number;
	at: string;
	path?: string;
};
type Batch = { visitor: string; events: SentEvent[] };

/**
 * Every batch the page sends to POST /api/events (fetch or sendBeacon), as sent. A beacon sent
 * as a page unloads is reported only as "failed" (the page is gone), so both are listened to.
 */
/**
 * The batches the app sends. With `delivered`, only those the server answered: a send the phone
 * tried while offline failed, and the event stays queued for later, so it is not "sent".
 */
function recordBatches(context: BrowserContext, { delivered = false } = {}) {
	const batches: Batch[] = [];
	const seen = new Set<Request>();
	const record = (request: Request) => {
		if (
			!seen.has(request) &&
			request.method() === 'POST' &&
			new URL(request.url()).pathname === '/api/events'
		) {
			seen.add(request);
			batches.push(request.postDataJSON() as Batch);
		}
	};
	if (delivered) {
		context.on('requestfinished', record);
		return batches;
	}
	context.on('request', record);
	context.on('requestfailed', record);
	return batches;
}

/** As when the person switches to another app: the page is hidden and sends its queue. */
async function hidePage(page: Page) {
	await page.evaluate(() => {
		Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
		document.dispatchEvent(new Event('visibilitychange'));
	});
}

const sentEvents = (batches: Batch[]) => batches.flatMap((batch) => batch.events);

/** tel: links would leave the browser: keep the click (and its counting), not the navigation. */
async function stayOnContactTaps(page: Page) {
	await page.evaluate(() =>
		document.addEventListener(
			'click',
			(event) => {
				if ((event.target as Element).closest('a[href^="tel:"]')) {
					event.preventDefault();
				}
			},
			true
		)
	);
}

async function browseAsAYoungPerson(page: Page) {
	await page.goto('/offers?q=council+tax');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('council tax');
	await page
		.getByRole('link', { name: /council tax/i })
		.first()
		.click();
	await expect(page).toHaveURL(/\/offers\/council-tax-exemption$/);
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('button', { name: 'Save' })).toHaveAttribute('aria-pressed', 'true');
	await page.getByRole('button', { name: "I've used this" }).click();
	await expect(page.getByText("You told us you've used this")).toBeVisible();
	await stayOnContactTaps(page);
	await page
		.getByRole('link', { name: /^Call / })
		.first()
		.click();
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'What can I get?' })
		.click();
	await page.getByLabel('How old are you?').fill('19');
	await page.getByRole('radio', { name: /I've left care/ }).check();
	await page.getByRole('button', { name: 'Show what I can get' }).click();
	await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
	await hidePage(page);
	// And leaving the page (sendBeacon on page hide).
	await page.goto('/help');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await hidePage(page);
}

function londonDay(offsetDays: number) {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
		Date.now() + offsetDays * 86_400_000
	);
}

test.describe('counting visits', () => {
	test('an anonymous visitor’s browsing sends the expected events, in batches, with one random visitor id', async ({
		page,
		context
	}) => {
		const batches = recordBatches(context);
		await browseAsAYoungPerson(page);
		await expect
			.poll(() => sentEvents(batches).map((event) => event.type))
			.toEqual(
				expect.arrayContaining([
					'page_view',
					'search',
					'eligibility_check',
					'offer_view',
					'offer_save',
					'offer_used',
					'offer_contact'
				])
			);
		const events = sentEvents(batches);
		expect(events).toContainEqual(
			expect.objectContaining({ type: 'search', q: 'council tax', results: expect.any(Number) })
		);
		expect(events.find((event) => event.type === 'search')!.results).toBeGreaterThan(0);
		for (const type of ['offer_view', 'offer_save', 'offer_used', 'offer_contact']) {
			expect(events).toContainEqual(
				expect.objectContaining({ type, offer: 'council-tax-exemption' })
			);
		}
		expect(new Set(batches.map((batch) => batch.visitor)).size).toBe(1);
		expect(batches[0].visitor).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
		expect(batches.every((batch) => batch.events.length <= 50)).toBe(true);
		// The id is in localStorage, not a cookie.
		const cookies = await context.cookies();
		expect(cookies.map((cookie) => cookie.value)).not.toContain(batches[0].visitor);
		expect(await page.evaluate(() => localStorage.getItem('local-offer:visitor'))).toBe(
			batches[0].visitor
		);
	});

	test('with Global Privacy Control nothing is sent and no visitor id is made', async ({
		page,
		context
	}) => {
		await page.addInitScript(() =>
			Object.defineProperty(navigator, 'globalPrivacyControl', { value: true })
		);
		const batches = recordBatches(context);
		await browseAsAYoungPerson(page);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		expect(
			await page.evaluate(() => [
				localStorage.getItem('local-offer:visitor'),
				localStorage.getItem('local-offer:event-queue')
			])
		).toEqual([null, null]);
		expect(batches).toEqual([]);
	});

	test('after opting out on the privacy page nothing is sent', async ({ page, context }) => {
		await page.goto('/privacy');
		await expect(page.getByRole('heading', { name: 'How we count visits' })).toBeVisible();
		await page.getByRole('button', { name: 'Stop counting my visits' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'will not send' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Count my visits again' })).toBeVisible();
		await expectNoAxeViolations(page);
		const batches = recordBatches(context);
		await browseAsAYoungPerson(page);
		expect(
			await page.evaluate(() => [
				localStorage.getItem('local-offer:visitor'),
				localStorage.getItem('local-offer:event-queue')
			])
		).toEqual([null, null]);
		expect(batches).toEqual([]);
	});

	test('events made offline are queued and sent once back online, with their own time', async ({
		page,
		context
	}) => {
		await page.goto('/offers/staying-put');
		await expect(page.getByRole('button', { name: 'Save' })).toBeVisible();
		const batches = recordBatches(context, { delivered: true });
		await context.setOffline(true);
		await page.getByRole('button', { name: 'Save' }).click();
		await page.getByRole('button', { name: "I've used this" }).click();
		const queued: SentEvent[] = await page.evaluate(() =>
			JSON.parse(localStorage.getItem('local-offer:event-queue') ?? '[]')
		);
		const save = queued.find((event) => event.type === 'offer_save');
		expect(save).toMatchObject({ offer: 'staying-put' });
		expect(queued.some((event) => event.type === 'offer_used')).toBe(true);
		expect(sentEvents(batches).some((event) => event.type === 'offer_save')).toBe(false);

		await context.setOffline(false);
		await expect
			.poll(() => sentEvents(batches).filter((event) => event.type === 'offer_save'))
			.toEqual([expect.objectContaining({ offer: 'staying-put', at: save!.at })]);
		expect(sentEvents(batches).some((event) => event.type === 'offer_used')).toBe(true);
		await expect
			.poll(() => page.evaluate(() => localStorage.getItem('local-offer:event-queue')))
			.toBeNull();
	});
});

test.describe('the uptake dashboard', () => {
	test('shows exactly the people and views posted for a period, on screen and in the CSV', async ({
		page,
		request,
		baseURL
	}) => {
		// A day 20 days back: the demo data has events then, but only ever today's real browsing
		// from other tests, so two offers with no views that day are ours alone.
		const day = londonDay(-20);
		await signIn(page, 'demo-lead');
		const before = await page.request.get(`/lead/export/offers.csv?from=${day}&to=${day}`);
		expect(before.status()).toBe(200);
		const quiet = (await before.text())
			.trim()
			.split('\r\n')
			.slice(1)
			.map((line) => line.split(','))
			.filter((cells) => cells.at(-5) === '0' && !cells[1].startsWith('"'))
			.map((cells) => ({ slug: cells[0], title: cells[1] }));
		expect(quiet.length, 'two offers nobody viewed that day').toBeGreaterThanOrEqual(2);
		const [seven, three] = quiet;

		const at = `${day}T12:00:00.000Z`;
		const post = (visitor: string, offer: string, views = 1) =>
			request.post('/api/events', {
				headers: { origin: baseURL! },
				data: {
					visitor,
					events: Array.from({ length: views }, () => ({
						type: 'offer_view',
						offer,
						path: `/offers/${offer}`,
						at
					}))
				}
			});
		for (let index = 0; index < 7; index += 1) {
			// The first visitor looks twice: 8 views, 7 people.
			const response = await post(`e2e-known-visitor-${index}`, seven.slug, index === 0 ? 2 : 1);
			expect(response.status()).toBe(202);
		}
		for (let index = 0; index < 3; index += 1) {
			expect((await post(`e2e-known-visitor-${index}`, three.slug)).status()).toBe(202);
		}

		await page.goto(`/lead?from=${day}&to=${day}&sort=title`);
		await expect(page.getByRole('heading', { name: 'Uptake of the offer' })).toBeVisible();
		const table = page.getByRole('region', { name: 'Each part of the offer' }).getByRole('table');
		const sevenRow = table
			.getByRole('row')
			.filter({ has: page.getByRole('link', { name: seven.title, exact: true }) });
		await expect(sevenRow.getByRole('cell').nth(1)).toHaveText('8');
		await expect(sevenRow.getByRole('cell').nth(2)).toHaveText('7');
		const threeRow = table
			.getByRole('row')
			.filter({ has: page.getByRole('link', { name: three.title, exact: true }) });
		await expect(threeRow.getByRole('cell').nth(1)).toHaveText('3');
		await expect(threeRow.getByRole('cell').nth(2)).toHaveText('fewer than 5');
		await expectNoAxeViolations(page);

		const csv = await page.request.get(`/lead/export/offers.csv?from=${day}&to=${day}`);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const lines = (await csv.text()).split('\r\n');
		expect(lines[0]).toBe('slug,title,category,views,unique_viewers,saves,used,contacts');
		expect(lines.find((line) => line.startsWith(`${seven.slug},`))).toMatch(/,8,7,0,0,0$/);
		expect(lines.find((line) => line.startsWith(`${three.slug},`))).toMatch(/,3,<5,0,0,0$/);

		const audits = queryDatabase<{ target: string }>(
			DEMO_DB,
			"SELECT target FROM audit_event WHERE action = 'data-exported' AND target = 'offers.csv'"
		);
		expect(audits.length).toBeGreaterThanOrEqual(2);

		// The offer's own page: its funnel starts with the 7 people.
		await sevenRow.getByRole('link', { name: seven.title, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Uptake: ${seven.title}`);
		await expect(page.getByRole('img', { name: /7 people looked at it/ })).toBeVisible();
		await expectNoAxeViolations(page);
	});

	test('has no axe violations, sorts without JavaScript, and its charts read at 360 px and at 200 % zoom', async ({
		page
	}) => {
		// Axe on the whole dashboard, four times: slower than most tests.
		test.setTimeout(120_000);
		await signIn(page, 'demo-lead');
		await page.goto('/lead');
		await expect(page.getByRole('heading', { name: 'At a glance' })).toBeVisible();
		// The demo requests are counted: the request figures are there, not "No requests yet".
		await expect(page.getByRole('heading', { name: 'Requests for support' })).toBeVisible();
		await expect(page.getByText('No requests yet')).toHaveCount(0);
		await expect(page.getByRole('link', { name: 'Staff accounts' })).toHaveAttribute(
			'href',
			'/lead/staff'
		);
		await expect(page.getByRole('link', { name: 'Audit trail' })).toHaveAttribute(
			'href',
			'/lead/audit'
		);
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: 'Saves', exact: true }).click();
		await expect(page).toHaveURL(/sort=saves/);
		await expect(page.getByRole('columnheader', { name: 'Saves' })).toHaveAttribute(
			'aria-sort',
			'descending'
		);

		await page.getByText('Show as a table: Distinct visitors').click();
		await expect(page.getByRole('table', { name: /Distinct visitors/ })).toBeVisible();
		await expectNoAxeViolations(page);

		// 360 px wide, and 200 % zoom (a 1280 px screen at 200 % is 640 CSS px wide).
		for (const width of [360, 640]) {
			await page.setViewportSize({ width, height: 700 });
			const chart = page.getByRole('img', { name: /Bar chart of \d+ weeks/ });
			await expect(chart).toBeVisible();
			const box = await chart.boundingBox();
			expect(box!.width).toBeLessThanOrEqual(width);
			expect(
				await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
			).toBe(true);
			const fontSize = await chart.evaluate((element) =>
				parseFloat(getComputedStyle(element.querySelector('.value')!).fontSize)
			);
			expect(fontSize).toBeGreaterThanOrEqual(14);
			await expectNoAxeViolations(page);
		}
	});

	test('the CSV exports are for leads only', async ({ page, browser }) => {
		const response = await page.request.get('/lead/export/offers.csv', { maxRedirects: 0 });
		expect(response.status()).toBe(303);
		expect(response.headers()['location']).toBe(
			`/login?redirectTo=${encodeURIComponent('/lead/export/offers.csv')}`
		);
		const adviser = await browser.newPage();
		await signIn(adviser, 'demo-adviser');
		expect((await adviser.request.get('/lead/export/offers.csv')).status()).toBe(403);
		await adviser.close();
	});
});

test.describe('feedback and saving', () => {
	test('“Was this helpful?” works without JavaScript, and a second answer replaces the first', async ({
		browser
	}) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		const comment = `No JS comment ${Date.now()}`;
		await page.goto('/offers/help-if-homeless');
		await page.getByRole('button', { name: 'Send answer' }).click();
		await expect(page.getByText('Choose yes or no')).toBeVisible();
		await page.getByRole('radio', { name: 'No' }).check();
		await page.getByLabel(/Anything else/).fill(comment);
		await page.getByRole('button', { name: 'Send answer' }).click();
		await expect(page.getByText('Thank you! We read every answer.')).toBeVisible();
		await page.getByRole('radio', { name: 'Yes' }).check();
		await page.getByRole('button', { name: 'Send answer' }).click();
		await expect(page.getByText('Thank you! We read every answer.')).toBeVisible();
		const rows = queryDatabase<{ helpful: number }>(
			DEMO_DB,
			'SELECT helpful FROM offer_feedback WHERE comment = ?',
			comment
		);
		expect(rows).toEqual([{ helpful: 1 }]);
		await context.close();
	});

	test('“Tell us what you think” explains a mistake beside the field and then thanks you', async ({
		page
	}) => {
		await page.goto('/feedback');
		await page.getByRole('button', { name: 'Send' }).click();
		await expect(page.locator('#message-error')).toHaveText('Tell us what you think');
		await expect(page.getByLabel('What do you think?')).toHaveAttribute('aria-invalid', 'true');
		await expectNoAxeViolations(page);
		await page.getByLabel('What do you think?').fill('Please add driving lessons');
		await page.getByRole('button', { name: 'Send' }).click();
		await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
		await expectNoAxeViolations(page);
	});

	test('a care leaver sees what they saved on /saved', async ({ page }) => {
		await signIn(page, 'demo-leaver-2');
		await page.goto('/offers/university-support');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('button', { name: 'Save' })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await page.getByRole('link', { name: 'Saved', exact: true }).click();
		await expect(page.getByRole('heading', { name: 'Saved', level: 1 })).toBeVisible();
		await expect(page.getByRole('link', { name: /university/i })).toBeVisible();
		await expectNoAxeViolations(page);
	});
});
