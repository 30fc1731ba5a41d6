import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './a11y';
import { holdScripts } from './helpers';

test('home → category → offer shows the how-to steps and a tap-to-call link', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: /Money/ }).first().click();
	await expect(page).toHaveURL(/\/offers\?category=money/);
	await expect(page.getByRole('heading', { level: 1, name: 'Money' })).toBeVisible();
	await expectNoAxeViolations(page);

	await page
		.getByRole('link', { name: /council tax/i })
		.first()
		.click();
	await expect(page).toHaveURL(/\/offers\/council-tax-exemption$/);
	await expect(page.getByRole('heading', { name: 'How to get it' })).toBeVisible();
	await expect(
		page
			.getByRole('list')
			.filter({ has: page.getByRole('listitem') })
			.first()
	).toBeVisible();
	const call = page.getByRole('link', { name: /^Call / }).first();
	await expect(call).toHaveAttribute('href', /^tel:\+?\d+$/);
	await expectNoAxeViolations(page);
});

test('search finds council tax', async ({ page }) => {
	await page.goto('/');
	await page.getByLabel('What do you need help with?').fill('council tax');
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page).toHaveURL(/\/offers\?q=council\+tax/);
	await expect(page.getByRole('link', { name: /council tax/i }).first()).toBeVisible();
	await expectNoAxeViolations(page);
});

test('search that finds nothing points to the PA', async ({ page }) => {
	await page.goto('/offers?q=xylophonequartz');
	await expect(page.getByRole('heading', { name: 'Nothing found' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Ask your PA' })).toHaveAttribute(
		'href',
		'/requests/new'
	);
	await expect(page.getByRole('link', { name: /call your PA/i })).toHaveAttribute('href', /^tel:/);
	await expectNoAxeViolations(page);
});

test('the checker lists council tax exemption for a 19-year-old former relevant care leaver in the borough, and nothing for under-18s', async ({
	page
}) => {
	await page.goto('/check');
	await expectNoAxeViolations(page);
	await page.getByLabel('How old are you?').fill('19');
	await page.getByRole('radio', { name: /I've left care/ }).check();
	await page.getByRole('checkbox', { name: /I live in/ }).check();
	await page.getByRole('button', { name: 'Show what I can get' }).click();

	await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
	await expect(page.getByText(/former relevant/)).toBeVisible();
	const results = page.locator('section[aria-labelledby="results"]');
	await expect(results.getByRole('link', { name: /council tax/i })).toBeVisible();
	await expect(results.getByRole('link', { name: /preparing to leave care/i })).toHaveCount(0);
	await expectNoAxeViolations(page);
});

test('the checker explains a mistake beside the field and keeps the answers', async ({ page }) => {
	await page.goto('/check?age=abc&history=left-care');
	await expect(page.getByRole('alert')).toContainText('Enter your age as a whole number');
	await expect(page.getByLabel('How old are you?')).toHaveValue('abc');
	await expect(page.getByRole('radio', { name: /I've left care/ })).toBeChecked();
	await expectNoAxeViolations(page);
});

test('each mistake in the checker’s summary links to its question', async ({ page }) => {
	await page.goto('/check?age=abc&history=nonsense');
	const summary = page.getByRole('alert');
	await expect(summary.getByRole('heading', { name: 'Please check your answers' })).toBeVisible();
	await summary.getByRole('link', { name: 'Enter your age as a whole number, like 19' }).click();
	await expect(page.getByLabel('How old are you?')).toBeFocused();
	await summary.getByRole('link', { name: 'Choose the answer that sounds most like you' }).click();
	await expect(page.getByRole('radio', { name: /I'm in care now/ })).toBeFocused();
	await expect(page).toHaveTitle(/^Error: /);
	await expectNoAxeViolations(page);
});

for (const path of [
	'/',
	'/offers',
	'/offers/council-tax-exemption',
	'/check',
	'/privacy',
	'/accessibility'
]) {
	test(`urgent help is one tap away from ${path}`, async ({ page }) => {
		await page.goto(path);
		await page.getByRole('banner').getByRole('link', { name: 'Urgent help' }).click();
		await expect(page).toHaveURL(/\/help$/);
		await expect(page.getByRole('link', { name: 'Call 999' })).toHaveAttribute('href', 'tel:999');
		await expect(page.getByRole('link', { name: 'Call 116 123' })).toHaveAttribute(
			'href',
			'tel:116123'
		);
		await expect(page.getByRole('link', { name: /Text SHOUT to 85258/ })).toHaveAttribute(
			'href',
			/^sms:85258/
		);
	});
}

test('help, privacy and accessibility pages have no axe violations', async ({ page }) => {
	for (const path of ['/help', '/privacy', '/accessibility']) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoAxeViolations(page);
	}
});

test('an unknown offer shows the friendly 404 page', async ({ page }) => {
	const response = await page.goto('/offers/no-such-offer');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { name: "We can't find that page" })).toBeVisible();
	await expect(page.getByRole('search')).toBeVisible();
	await expect(page.getByRole('banner').getByRole('link', { name: 'Urgent help' })).toBeVisible();
	await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the offer list, search and an offer page work', async ({ page }) => {
		await page.goto('/offers');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await page.getByText('Search and filter').click();
		await page.getByLabel('Search words').fill('council tax');
		await page.getByRole('button', { name: 'Show offers' }).click();
		await expect(page).toHaveURL(/q=council\+tax/);
		await page
			.getByRole('link', { name: /council tax/i })
			.first()
			.click();
		await expect(page.getByRole('heading', { name: 'How to get it' })).toBeVisible();
	});

	test('the eligibility checker works', async ({ page }) => {
		await page.goto('/check');
		await page.getByLabel('How old are you?').fill('19');
		await page.getByRole('radio', { name: /I've left care/ }).check();
		await page.getByRole('checkbox', { name: /I live in/ }).check();
		await page.getByRole('button', { name: 'Show what I can get' }).click();
		await expect(page.getByRole('link', { name: /council tax/i }).first()).toBeVisible();
	});
});

test('words typed into the search and the checker before the page has finished loading are kept', async ({
	page
}) => {
	let startScripts = await holdScripts(page);
	await page.goto('/', { waitUntil: 'commit' });
	await page.getByRole('searchbox', { name: 'What do you need help with?' }).fill('council tax');
	startScripts();
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('searchbox', { name: 'What do you need help with?' })).toHaveValue(
		'council tax'
	);

	await page.unrouteAll();
	startScripts = await holdScripts(page);
	await page.goto('/check', { waitUntil: 'commit' });
	await page.getByLabel('How old are you?').fill('19');
	startScripts();
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('How old are you?')).toHaveValue('19');
});
