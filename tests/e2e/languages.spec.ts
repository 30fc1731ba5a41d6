import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, PHONE_WIDTH, sidewaysScrolling } from './a11y';
import { LANGUAGES } from '../../src/lib/language-names';

/**
 * A young person reads the app in their own language: at `/ar/...` (and the like) every page a
 * young person can reach speaks it, right to left where it is written so. English keeps today's
 * addresses.
 */

async function expectLanguage(page: Page, lang: string, dir: 'ltr' | 'rtl') {
	await expect(page.locator('html')).toHaveAttribute('lang', lang);
	await expect(page.locator('html')).toHaveAttribute('dir', dir);
}

test('a young person chooses Arabic from any page, and the app remembers it', async ({ page }) => {
	await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
	await page.goto('/offers/staying-put');
	await expectLanguage(page, 'en-GB', 'ltr');

	// One tap from every page: the link names the language the page is in.
	await page.getByRole('link', { name: 'Language: English' }).click();
	await expect(page).toHaveURL(/\/language\?from=%2Foffers%2Fstaying-put$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Choose your language' })).toBeVisible();
	// Each language is named in itself.
	for (const language of LANGUAGES) {
		await expect(page.getByRole('button', { name: new RegExp(`^${language.name}`) })).toBeVisible();
	}
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: /^العربية/ }).click();

	// The same page, in Arabic, right to left.
	await expect(page).toHaveURL(/\/ar\/offers\/staying-put$/);
	await expectLanguage(page, 'ar', 'rtl');
	const navigation = page.getByRole('navigation', { name: 'القائمة الرئيسية' });
	await expect(navigation.getByRole('link', { name: 'العرض' })).toHaveAttribute(
		'href',
		'/ar/offers'
	);
	await expect(page.getByRole('link', { name: /العربية/ }).first()).toBeVisible();
	// Home in Arabic is /ar, not /ar/ (which would only redirect).
	await expect(page.locator('header a.brand')).toHaveAttribute('href', '/ar');
	expect(await sidewaysScrolling(page)).toEqual([]);

	// Remembered: an English address (the home screen icon, a link from a friend) opens in Arabic.
	await page.goto('/');
	await expect(page).toHaveURL(/\/ar$/);
	await expectLanguage(page, 'ar', 'rtl');
	await page.goto('/help');
	await expect(page).toHaveURL(/\/ar\/help$/);

	// Back to English the same way, and that is remembered too.
	await page.goto('/ar/language?from=%2Fhelp');
	await page.getByRole('button', { name: /^English/ }).click();
	await expect(page).toHaveURL(/\/help$/);
	await expectLanguage(page, 'en-GB', 'ltr');
	await page.goto('/offers');
	await expect(page).toHaveURL(/\/offers$/);
});

test('the language follows the reader through links, and staff pages stay at their address', async ({
	page
}) => {
	await page.goto('/ar/offers');
	await page.locator('header a.help-link').click();
	await expect(page).toHaveURL(/\/ar\/help$/);
	await expectLanguage(page, 'ar', 'rtl');
	// Staff pages are in English only: their Arabic address leads to the English one.
	const response = await page.request.get('/ar/staff/leavers', { maxRedirects: 0 });
	expect(response.status()).toBe(308);
	expect(response.headers().location).toBe('/staff/leavers');
});

test('every public page lists the same page in each language', async ({ page }) => {
	await page.goto('/ar/offers/staying-put');
	const alternates = page.locator('head link[rel="alternate"][hreflang]');
	await expect(alternates).toHaveCount(LANGUAGES.length + 1);
	const base = new URL(page.url()).origin;
	await expect(page.locator('link[hreflang="en"]')).toHaveAttribute(
		'href',
		`${base}/offers/staying-put`
	);
	await expect(page.locator('link[hreflang="ckb"]')).toHaveAttribute(
		'href',
		`${base}/ckb/offers/staying-put`
	);
	await expect(page.locator('link[hreflang="x-default"]')).toHaveAttribute(
		'href',
		`${base}/offers/staying-put`
	);
});

test.describe('a first visit from a phone set to Farsi', () => {
	test.use({ locale: 'fa-IR', extraHTTPHeaders: { 'accept-language': 'fa-IR,fa;q=0.9,en;q=0.5' } });

	test('is offered Farsi, in Farsi, once', async ({ page }) => {
		await page.goto('/');
		const offer = page.locator('form.language-offer');
		await expect(offer.getByText('این برنامه به زبان فارسی هم هست.')).toBeVisible();
		await expect(offer.locator('p')).toHaveAttribute('dir', 'rtl');
		await expectNoAxeViolations(page);
		await offer.getByRole('button', { name: 'No, keep English' }).click();
		await expect(page).toHaveURL(/\/$/);
		await expect(page.locator('form.language-offer')).toHaveCount(0);
		await page.reload();
		await expect(page.locator('form.language-offer')).toHaveCount(0);
	});

	test('takes them to Farsi when they say yes', async ({ page }) => {
		await page.goto('/');
		await page.getByRole('button', { name: 'استفاده از فارسی' }).click();
		await expect(page).toHaveURL(/\/fa$/);
		await expectLanguage(page, 'fa', 'rtl');
		await expect(page.locator('form.language-offer')).toHaveCount(0);
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the language chooser still works', async ({ page }) => {
		await page.goto('/language?from=%2Fhelp');
		await page.getByRole('button', { name: /^Tiếng Việt/ }).click();
		await expect(page).toHaveURL(/\/vi\/help$/);
		await expectLanguage(page, 'vi', 'ltr');
	});
});

for (const language of LANGUAGES.filter(({ code }) => code !== 'en')) {
	test(`the home page and urgent help in ${language.englishName} are whole, mirrored where they should be, and pass axe`, async ({
		page
	}) => {
		await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
		for (const path of [`/${language.code}`, `/${language.code}/help`]) {
			await page.goto(path);
			await expectLanguage(page, language.code, language.dir);
			// The menu is in the language: no English left in it.
			await expect(page.getByRole('navigation').first()).not.toContainText(
				/Home|The offer|Sign in/
			);
			expect(await sidewaysScrolling(page)).toEqual([]);
			await expectNoAxeViolations(page);
		}
	});
}
