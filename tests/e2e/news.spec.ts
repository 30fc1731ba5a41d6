import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, PHONE_WIDTH, sidewaysScrolling } from './a11y';
import { newPage, signIn } from './helpers';

/** Words no other test (or run) writes, so parallel tests never see each other's news. */
const unique = (words: string) => `${words} (${Date.now().toString(36)})`;

/** Fits a phone held upright and has no axe violations. */
async function expectFitsAPhone(page: Page) {
	await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
	expect(await sidewaysScrolling(page)).toEqual([]);
	await expectNoAxeViolations(page);
}

test.describe('news from the team', () => {
	test('a lead’s news to 22–25 reaches demo-leaver-2 (23), in English and Arabic, and not demo-leaver (19)', async ({
		browser
	}) => {
		const body = unique('Pizza and CV help at the hub on Thursday, 5–7 pm, for 22 to 25 year olds');
		const lead = await newPage(browser);
		await signIn(lead, 'demo-lead');
		await lead.getByRole('link', { name: 'News', exact: true }).first().click();
		await expect(lead.getByRole('heading', { name: 'News for young people' })).toBeVisible();
		// A refused message is shown beside the field, with what was typed kept.
		await lead.getByLabel('Message', { exact: true }).fill('Hi');
		await lead.getByRole('button', { name: 'Send' }).click();
		await expect(lead.getByText('Write at least 5 characters').first()).toBeVisible();
		await expect(lead.getByLabel('Message', { exact: true })).toHaveValue('Hi');
		await expectNoAxeViolations(lead);

		await lead.getByLabel('Message', { exact: true }).fill(body);
		await lead.getByLabel('An age band').check();
		await lead.getByLabel('Age band', { exact: true }).selectOption({ label: '22–25' });
		// The preview follows the typing: the card as the young person sees it.
		const preview = lead.getByRole('region', { name: 'Preview' });
		await expect(preview.getByText(body)).toBeVisible();
		await expect(preview.getByText('The leaving care team')).toBeVisible();
		await expectFitsAPhone(lead);

		await lead.getByRole('button', { name: 'Send' }).click();
		await expect(lead.getByText(/^Sent to \d+ young (person|people)\./)).toBeVisible();
		const sent = lead.getByRole('listitem').filter({ hasText: body });
		await expect(sent.getByText('To: Aged 22–25')).toBeVisible();
		await expect(sent.getByRole('link', { name: /^Edit/ })).toBeVisible();

		const older = await newPage(browser);
		await signIn(older, 'demo-leaver-2');
		await older.goto('/');
		const news = older.getByRole('region', { name: 'News' });
		await expect(news.getByText(body)).toBeVisible();
		await expect(
			news.getByRole('listitem').filter({ hasText: body }).getByText('The leaving care team')
		).toBeVisible();
		await expectFitsAPhone(older);

		await older.goto('/ar');
		const arabic = older.getByRole('region', { name: 'الأخبار' });
		await expect(arabic.getByText(body)).toHaveAttribute('lang', 'en');
		await expect(
			arabic
				.getByRole('listitem')
				.filter({ hasText: body })
				.getByText('فريق دعم الشباب الخارجين من الرعاية')
		).toBeVisible();
		await expectFitsAPhone(older);

		const younger = await newPage(browser);
		await signIn(younger, 'demo-leaver');
		await younger.goto('/');
		await expect(younger.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(younger.getByText(body)).toHaveCount(0);

		// Withdrawn, it is gone from their home page.
		await sent.getByRole('button', { name: /^Withdraw/ }).click();
		await expect(lead.getByText(/^Withdrawn\. It is no longer/)).toBeVisible();
		await expect(sent.getByText('Withdrawn', { exact: true })).toBeVisible();
		await older.goto('/');
		await expect(older.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(older.getByText(body)).toHaveCount(0);
	});

	test('without JavaScript a PA previews on the server, keeps what they typed, and writes only to their young people', async ({
		browser
	}) => {
		const pa = await newPage(browser, { javaScriptEnabled: false });
		await signIn(pa, 'demo-adviser');
		await pa.goto('/staff/broadcast');
		await expect(pa.getByRole('radio')).toHaveCount(1);
		await expect(pa.getByLabel('Your young people')).toBeChecked();

		await pa.getByLabel('Message', { exact: true }).fill('Hi');
		await pa.getByRole('button', { name: 'Preview' }).click();
		await expect(pa.getByText('Write at least 5 characters').first()).toBeVisible();
		await expect(pa.getByLabel('Message', { exact: true })).toHaveValue('Hi');

		const body = unique('I am at the hub on Friday morning if you want to pop in');
		await pa.getByLabel('Message', { exact: true }).fill(body);
		await pa.getByRole('button', { name: 'Preview' }).click();
		const preview = pa.getByRole('region', { name: 'Preview' });
		await expect(preview.getByText(body)).toBeVisible();
		await expect(preview.getByText('Your PA')).toBeVisible();
		await expect(pa.getByLabel('Message', { exact: true })).toHaveValue(body);
	});
});
