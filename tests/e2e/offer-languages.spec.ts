import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, PHONE_WIDTH, sidewaysScrolling } from './a11y';

/**
 * The offer itself in a young person's language: the council's translations where there are
 * some (saying honestly that a computer made them), the English where there are none (saying so
 * in their language, and marked as English for screen readers), and read aloud by the phone.
 */

test.use({ viewport: { width: PHONE_WIDTH, height: 740 } });

test('an offer in Arabic shows the translation, says a computer made it, and keeps numbers left to right', async ({
	page
}) => {
	await page.goto('/ar/offers/council-tax-exemption');
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading).toHaveText('الإعفاء من ضريبة المجلس (council tax)');
	await expect(heading).toHaveAttribute('lang', 'ar');
	await expect(page.getByText('تُرجمت هذه الصفحة بالكمبيوتر')).toBeVisible();
	// The body's phone number is kept in one piece, left to right, inside the Arabic sentence.
	const body = await page.locator('section.body').textContent();
	expect(body).toContain('ماذا تحصل عليه');
	// Contacts' names are translated; their numbers are the English ones, left to right.
	const call = page.getByRole('link', { name: /01642 393939/ }).first();
	await expect(call).toHaveAttribute('href', 'tel:01642393939');
	await expect(call.locator('[dir="ltr"]')).toHaveText('01642 393939');
	expect(await sidewaysScrolling(page)).toEqual([]);
	await expectNoAxeViolations(page);
});

test('an offer not yet in Farsi shows the English, marked as English, and says so in Farsi', async ({
	page
}) => {
	await page.goto('/fa/offers/bank-account-and-id');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading).toHaveAttribute('lang', 'en');
	await expect(heading).toHaveAttribute('dir', 'ltr');
	await expect(page.getByText('این صفحه هنوز به فارسی نیست')).toBeVisible();
	// The page's own words (headings, buttons) are still Farsi.
	await expect(page.locator('html')).toHaveAttribute('lang', 'fa');
	await expectNoAxeViolations(page);
});

test('topics, the welcome and search speak the language; English words still find offers', async ({
	page
}) => {
	await page.goto('/ar');
	await expect(page.locator('.lead').first()).toHaveAttribute('lang', 'ar');
	await expect(page.locator('.category .name').first()).toHaveText('المال');

	await page.goto('/ar/offers?q=ضريبة');
	await expect(page.locator('.offer-card a').first()).toHaveText(
		'الإعفاء من ضريبة المجلس (council tax)'
	);
	await page.goto('/ar/offers?q=dentist');
	await expect(page.locator('.offer-card a[href="/ar/offers/dentist-pathway"]')).toBeVisible();
});

for (const [language, path] of [
	['ti', '/ti/offers/staying-put'],
	['vi', '/vi/offers/staying-put'],
	['ckb', '/ckb/offers/help-if-homeless']
] as const) {
	test(`a translated offer in ${language} renders at 360 px and passes axe`, async ({ page }) => {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', language);
		expect(await sidewaysScrolling(page)).toEqual([]);
		await expectNoAxeViolations(page);
	});
}

/** A phone whose speech voices are the given ones; what it is asked to say is kept. */
async function fakeVoices(page: Page, languages: string[]) {
	await page.addInitScript((voiceLanguages) => {
		const spoken: string[] = [];
		const voices = voiceLanguages.map((lang) => ({ lang, name: lang, localService: true }));
		const synthesis = {
			getVoices: () => voices,
			speak: (utterance: { text: string }) => spoken.push(utterance.text),
			cancel: () => undefined,
			pause: () => undefined,
			resume: () => undefined,
			addEventListener: () => undefined,
			removeEventListener: () => undefined
		};
		Object.defineProperty(window, 'speechSynthesis', { value: synthesis, configurable: true });
		// A real utterance takes only a real voice.
		class Utterance {
			voice: unknown = null;
			lang = '';
			onend: unknown = null;
			onerror: unknown = null;
			constructor(public text: string) {}
		}
		Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance });
		Object.defineProperty(window, '__spoken', { value: spoken });
	}, languages);
}

test('Listen reads the page in its language with the phone’s voice, and stops', async ({
	page
}) => {
	await fakeVoices(page, ['en-GB', 'ar-SA']);
	await page.goto('/ar/help');
	const listen = page.getByRole('group', { name: 'اقرأ هذه الصفحة بصوت عالٍ' });
	await listen.getByRole('button', { name: 'استمع' }).click();
	const spoken = await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
	expect(spoken).toHaveLength(1);
	expect(spoken[0]).toContain('مساعدة عاجلة');
	// The button's own words are not read out.
	expect(spoken[0]).not.toContain('استمع');
	await expect(listen.getByRole('button', { name: 'إيقاف مؤقت' })).toBeVisible();
	await listen.getByRole('button', { name: 'توقف' }).click();
	await expect(listen.getByRole('button', { name: 'استمع' })).toBeVisible();
	await expectNoAxeViolations(page);

	// The checker's results can be read too.
	await page.goto('/ar/check?age=19&history=left-care');
	await expect(page.locator('.results').getByRole('button', { name: 'استمع' })).toBeVisible();
});

test('there is no Listen button where the phone has no voice for the language', async ({
	page
}) => {
	await fakeVoices(page, ['en-GB']);
	await page.goto('/ar/offers/staying-put');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	// Wait for the page's script, then check the button never came.
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('button', { name: 'استمع' })).toHaveCount(0);
	await page.goto('/offers/staying-put');
	await expect(page.getByRole('button', { name: 'Listen' })).toBeVisible();
});
