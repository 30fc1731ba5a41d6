import { expect, test, type Browser } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations } from './a11y';
import { DEMO_DB, queryDatabase, signIn, uniqueAddress } from './helpers';

/** Leads keep the offer's translations: a grid, an editor beside the English, XLIFF out and in. */

// Several pages and axe sweeps a test, on a machine that may be busy with other work.
test.describe.configure({ timeout: 180_000 });

function offerId(slug: string) {
	const [row] = queryDatabase<{ id: number }>(DEMO_DB, 'SELECT id FROM offer WHERE slug = ?', slug);
	if (!row) {
		throw new Error(`No offer ${slug}`);
	}
	return row.id;
}

function translationOf(slug: string, language: string) {
	const [row] = queryDatabase<{ version: number; status: string; fields: string }>(
		DEMO_DB,
		`SELECT version, status, fields FROM content_translation
		 WHERE kind = 'offer' AND subject = ? AND language = ?`,
		String(offerId(slug)),
		language
	);
	return { ...row, fields: JSON.parse(row.fields) as Record<string, string | string[]> };
}

/** Saved versions of one language's translations (other tests change other languages). */
function historyCount(language: string) {
	return queryDatabase<{ n: number }>(
		DEMO_DB,
		`SELECT count(*) AS n FROM content_translation_version
		 WHERE translation_id IN (SELECT id FROM content_translation WHERE language = ?)`,
		language
	)[0].n;
}

async function newSignedInPage(browser: Browser, username: string) {
	const context = await browser.newContext({
		extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress() }
	});
	const page = await context.newPage();
	await signIn(page, username);
	return page;
}

test('the grid says how each translation stands, in words, and passes axe', async ({ browser }) => {
	const page = await newSignedInPage(browser, 'demo-lead');
	await page.goto('/lead');
	await page.getByRole('link', { name: 'Translations' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Translations' })).toBeVisible();
	// Other tests add offers as they run: the counts are today's, from the database.
	const [{ total }] = queryDatabase<{ total: number }>(
		DEMO_DB,
		'SELECT count(*) AS total FROM offer'
	);
	const [{ arabic }] = queryDatabase<{ arabic: number }>(
		DEMO_DB,
		`SELECT count(*) AS arabic FROM content_translation
		 WHERE kind = 'offer' AND language = 'ar' AND CAST(subject AS INTEGER) IN (SELECT id FROM offer)`
	);
	expect(arabic).toBeGreaterThanOrEqual(45);
	await expect(page.getByText(new RegExp(`^Arabic: ${arabic} of ${total} offers`))).toBeVisible();
	await expect(page.getByRole('columnheader', { name: /Arabic العربية/ })).toBeVisible();
	await expect(
		page.getByRole('link', { name: 'Not translated (Bank account and ID in Albanian)' })
	).toBeVisible();
	await expect(page.getByRole('link', { name: /^Draft \(.* in Arabic\)$/ }).first()).toBeVisible();
	await expectNoAxeViolations(page);
	await page.context().close();
});

test('the editor shows the English left to right and the Arabic right to left', async ({
	browser
}) => {
	const page = await newSignedInPage(browser, 'demo-lead');
	await page.goto(`/lead/translations/ar/offer/${offerId('council-tax-exemption')}`);
	const title = page.getByLabel('Title in Arabic');
	await expect(title).toHaveAttribute('dir', 'rtl');
	await expect(title).toHaveAttribute('lang', 'ar');
	await expect(page.getByLabel('Step 1 in Arabic')).toHaveAttribute('dir', 'rtl');
	const english = page.getByText('Council tax exemption', { exact: true });
	await expect(english).toBeVisible();
	await expect(page.locator('[lang="en"][dir="ltr"]').first()).toBeVisible();
	await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.context().close();
});

test('a lead corrects a translation and marks it checked; young people see the new words', async ({
	browser
}) => {
	// An offer no other test renames or edits.
	const slug = 'see-your-care-records';
	const before = translationOf(slug, 'ar');
	const page = await newSignedInPage(browser, 'demo-lead');
	await page.goto(`/lead/translations/ar/offer/${offerId(slug)}`);
	const newTitle = `حساب التوفير للشباب ${Date.now()}`;
	await page.getByLabel('Title in Arabic').fill(newTitle);
	await page.getByRole('button', { name: 'Save and mark checked' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved and marked as checked.');
	await expect(page.getByText(`Checked (version ${before.version + 1}).`)).toBeVisible();
	await expect(
		page
			.getByRole('region', { name: 'History' })
			.getByRole('listitem')
			.filter({ hasText: `Version ${before.version + 1}:` })
	).toContainText('Marked as checked (checked) by Dana Lead');
	expect(translationOf(slug, 'ar')).toMatchObject({ status: 'checked' });

	const reader = await browser.newContext();
	const young = await reader.newPage();
	await young.goto(`/ar/offers/${slug}`);
	await expect(young.getByRole('heading', { level: 1, name: newTitle })).toBeVisible();
	await reader.close();
	await page.context().close();
});

test('an XLIFF file goes out to a translator and comes back with a changed text', async ({
	browser
}) => {
	const slug = 'tees-active-leisure-pass';
	const before = translationOf(slug, 'sq');
	const page = await newSignedInPage(browser, 'demo-lead');
	await page.goto('/lead/translations');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'What needs translating in Albanian' }).click()
	]);
	expect(download.suggestedFilename()).toBe('local-offer-sq.xlf');
	const xml = readFileSync(await download.path(), 'utf8');
	expect(xml).toContain('trgLang="sq"');

	const newTitle = `Karta e kalimit aktiv ${Date.now()}`;
	const unit = new RegExp(
		`(<unit id="offer\\.${slug}\\.title">\\s*<segment[^>]*><source>[^<]*</source><target>)[^<]*(</target>)`
	);
	expect(xml).toMatch(unit);
	await page.getByLabel('A translated XLIFF file').setInputFiles({
		name: 'local-offer-sq.xlf',
		mimeType: 'application/xliff+xml',
		buffer: Buffer.from(xml.replace(unit, `$1${newTitle}$2`))
	});
	await page.getByRole('button', { name: 'Import translations' }).click();
	await expect(page.getByRole('status')).toHaveText('Imported 1 translation for Albanian.');

	const after = translationOf(slug, 'sq');
	expect(after.version).toBe(before.version + 1);
	expect(after.fields.title).toBe(newTitle);
	await page.goto(`/lead/translations/sq/offer/${offerId(slug)}`);
	await expect(page.getByLabel('Title in Albanian')).toHaveValue(newTitle);
	await expect(
		page.getByRole('region', { name: 'History' }).getByRole('listitem').first()
	).toContainText('Imported from a translator’s file');
	await page.context().close();
});

test('a broken XLIFF file changes nothing and the page says why', async ({ browser }) => {
	const page = await newSignedInPage(browser, 'demo-lead');
	await page.goto('/lead/translations');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'What needs translating in Vietnamese' }).click()
	]);
	const xml = readFileSync(await download.path(), 'utf8').replace(
		/<unit id="offer\.([a-z0-9-]+)\.title">/,
		'<unit id="offer.no-such-offer.title">'
	);
	const before = historyCount('vi');
	await page.getByLabel('A translated XLIFF file').setInputFiles({
		name: 'broken.xlf',
		mimeType: 'application/xliff+xml',
		buffer: Buffer.from(xml)
	});
	await page.getByRole('button', { name: 'Import translations' }).click();
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('The file was not imported: nothing was changed');
	await expect(alert).toContainText('Unknown unit: offer.no-such-offer.title');
	expect(historyCount('vi')).toBe(before);
	await expectNoAxeViolations(page);
	await page.context().close();
});

test('advisers cannot open translations', async ({ browser }) => {
	const page = await newSignedInPage(browser, 'demo-adviser');
	const response = await page.goto('/lead/translations');
	expect(response?.status()).toBe(403);
	await page.context().close();
});
