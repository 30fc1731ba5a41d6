import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations, PHONE_WIDTH, sidewaysScrolling } from './a11y';
import { DEMO_DB, newPage, queryDatabase, signIn, userId } from './helpers';

test.describe.configure({ timeout: 120_000 });

/** Check-ins of a young person with these words, as stored. */
function checkInsWith(username: string, words: string) {
	return queryDatabase<{ mood: string; topics: string; requestId: number | null }>(
		DEMO_DB,
		`SELECT c.mood, c.topics, c.request_id AS requestId FROM check_in c
		 JOIN user u ON u.id = c.leaver_id WHERE u.username = ? AND c.words = ?`,
		username,
		words
	);
}

/**
 * A care leaver of this test's own, invited by demo-adviser, so no demo account's requests or
 * check-ins change: their PA's page, and theirs with JavaScript on or off.
 */
async function freshCareLeaver(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
	// Letters only, different every run: the inbox names young people by first name.
	const name = `Sky${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
	const pa = await newPage(browser);
	await signIn(pa, 'demo-adviser');
	await pa.goto('/staff/leavers/new');
	await pa.getByLabel('First name').fill(name);
	await pa.getByLabel('Date of birth').fill('2006-05-01');
	await pa.getByRole('button', { name: 'Add and get a code' }).click();
	const code = (await pa.getByTestId('invite-code').textContent())!.trim();
	const username = `${name.toLowerCase()}-${Date.now().toString(36)}`;
	const young = await newPage(browser, options);
	await young.goto('/join');
	await young.getByLabel('Your code').fill(code);
	await young.getByLabel('Username').fill(username);
	await young.getByLabel('Password').fill('blue kettle sunrise');
	await young.getByRole('button', { name: 'Make my account' }).click();
	await expect(young.getByRole('button', { name: /Sign out/ })).toBeVisible();
	return { name, username, pa, young };
}

/** The inbox's requests in the order shown, each as its text. */
async function inboxRows(pa: Page) {
	await pa.goto('/staff');
	return pa
		.getByRole('listitem')
		.filter({ has: pa.getByRole('heading', { level: 2 }) })
		.allInnerTexts();
}

async function fitsThePhone(page: Page) {
	expect(await sidewaysScrolling(page), page.url()).toEqual([]);
	await expectNoAxeViolations(page);
}

test('on a phone with no signal, "Not great" and "feeling lonely" wait on the phone and arrive once', async ({
	browser
}) => {
	const words = `No signal here ${Date.now()}`;
	const page = await newPage(browser);
	await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
	await signIn(page, 'demo-leaver');
	await page.goto('/check-in');
	await expect(page.getByRole('heading', { level: 1, name: 'How are you today?' })).toBeVisible();
	// The page's script is running (it keeps what is written offline), not only its HTML.
	await page.waitForLoadState('networkidle');

	await page.context().setOffline(true);
	await page.getByRole('radio', { name: 'Not great' }).check();
	await page.getByText("Tell us more (you don't have to)").click();
	await page.getByRole('checkbox', { name: 'Feeling lonely' }).check();
	await page.getByLabel('Anything you want to say?').fill(words);
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(
		page.getByRole('heading', { name: "Will send when you're back online" })
	).toBeVisible();
	await expect(page.getByText('Check-in: Not great')).toBeVisible();
	expect(checkInsWith('demo-leaver', words)).toEqual([]);
	await fitsThePhone(page);

	await page.context().setOffline(false);
	// Reloaded while sending: the flush at start and the "online" flush both run; nothing doubles.
	await page.reload();
	await expect.poll(() => checkInsWith('demo-leaver', words).length, { timeout: 15_000 }).toBe(1);
	await page.reload();
	await expect(page.getByText(words)).toBeVisible();
	expect(checkInsWith('demo-leaver', words)).toEqual([
		{ mood: 'not-great', topics: '["lonely"]', requestId: null }
	]);

	// Their PA sees it on their page, and the last contact is today.
	const pa = await newPage(browser);
	await signIn(pa, 'demo-adviser');
	await pa.goto(`/staff/leavers/${userId(DEMO_DB, 'demo-leaver')}`);
	const trend = pa.getByRole('list', { name: 'Last check-ins, oldest first' });
	await expect(trend.getByRole('listitem').filter({ hasText: words })).toContainText(
		'On their mind: feeling lonely'
	);
	const today = new Intl.DateTimeFormat('en-GB', {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		timeZone: 'Europe/London'
	}).format(new Date());
	await expect(pa.locator('p', { hasText: 'Last contact:' })).toContainText(today);
});

test('"I need help now" shows urgent help at once and puts an urgent request at the top of the PA’s inbox', async ({
	browser
}) => {
	const { name, pa, young } = await freshCareLeaver(browser);
	await young.setViewportSize({ width: PHONE_WIDTH, height: 740 });
	await young.goto('/check-in');
	await young.waitForLoadState('networkidle');
	await young.getByRole('radio', { name: 'I need help now' }).check();
	// The numbers to call show as soon as it is chosen, before anything is sent.
	await expect(young.getByRole('link', { name: 'Call 116 123' })).toBeVisible();
	await young.getByRole('button', { name: 'Send', exact: true }).click();

	await expect(young).toHaveURL(/\/check-in\?done=\d+$/);
	const help = young.getByRole('region', { name: 'Get help now' });
	await expect(
		help.getByText('We have told your PA. They will answer as soon as they can.')
	).toBeVisible();
	await expect(help.getByRole('link', { name: 'Call 999' })).toBeVisible();
	await fitsThePhone(young);

	// Within seconds, urgent, with the urgent requests at the top of the inbox.
	let rows: string[] = [];
	await expect
		.poll(
			async () => {
				rows = await inboxRows(pa);
				return rows.findIndex((row) => row.includes(`${name}:`));
			},
			{ timeout: 10_000 }
		)
		.toBeGreaterThanOrEqual(0);
	const index = rows.findIndex((row) => row.includes(`${name}:`));
	expect(rows[index]).toContain('Urgent');
	expect(rows.slice(0, index).every((row) => row.includes('Urgent'))).toBe(true);
	await pa.getByRole('link', { name: new RegExp(`^${name}:`) }).click();
	await expect(pa.getByText('I need help now (check-in).')).toBeVisible();
});

test('/check-in reads well on a 360 px phone in English and Arabic', async ({ browser }) => {
	const page = await newPage(browser);
	await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
	await signIn(page, 'demo-leaver-2');
	for (const path of ['/check-in', '/ar/check-in']) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await fitsThePhone(page);
	}
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('كيف حالك اليوم؟');
	await expect(page.getByRole('radio', { name: 'لست بأفضل حال' })).toBeVisible();
});

test('without JavaScript: the home page asks when due, and "Not great" shows what might help and tells the PA once', async ({
	browser
}) => {
	const { username, young } = await freshCareLeaver(browser, { javaScriptEnabled: false });
	await young.goto('/check-in');

	// Sent with nothing chosen: the message beside the field, and the words kept.
	await young.getByText("Tell us more (you don't have to)").click();
	await young.getByLabel('Anything you want to say?').fill('Rent is late again');
	await young.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(young.getByText('Choose how you are').first()).toBeVisible();
	await expect(young.getByLabel('Anything you want to say?')).toHaveValue('Rent is late again');

	// Asked every week, and never checked in: the home page asks, one tap to answer.
	await young.getByRole('radio', { name: 'Every week' }).check();
	await young.getByRole('button', { name: 'Save' }).click();
	await expect(young.getByText('Saved. You can change it any time.')).toBeVisible();
	await expect(young.getByRole('radio', { name: 'Every week' })).toBeChecked();
	await young.goto('/');
	await young
		.getByRole('region', { name: 'How are you today?' })
		.getByRole('button', { name: 'Good' })
		.click();
	await expect(young).toHaveURL(/\/check-in\?done=\d+$/);
	await expect(young.getByRole('heading', { name: 'Thanks for checking in' })).toBeVisible();
	// Answered this week: a link to check in any time instead.
	await young.goto('/');
	await expect(young.getByRole('link', { name: 'Check in', exact: true })).toBeVisible();
	await expect(young.getByRole('button', { name: 'Good' })).toHaveCount(0);

	await young.goto('/check-in');
	await young.getByRole('radio', { name: 'Not great' }).check();
	await young.getByText("Tell us more (you don't have to)").click();
	await young.getByRole('checkbox', { name: 'Money' }).check();
	await young.getByLabel('Anything you want to say?').fill('Rent is late again');
	await young.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(young).toHaveURL(/\/check-in\?done=\d+$/);
	await expect(young.getByRole('heading', { name: 'Sorry things are hard' })).toBeVisible();
	const mightHelp = young.getByRole('region', { name: 'Things that might help' });
	await expect(mightHelp.getByRole('heading', { level: 3 }).first()).toBeVisible();
	await expect(mightHelp.getByRole('link', { name: 'See all: Money' })).toBeVisible();
	expect(checkInsWith(username, 'Rent is late again')).toEqual([
		{ mood: 'not-great', topics: '["money"]', requestId: null }
	]);

	await young.getByRole('button', { name: 'Tell my PA' }).click();
	await expect(young.getByText('We have told your PA. They will get in touch.')).toBeVisible();
	await expect(young.getByRole('button', { name: 'Tell my PA' })).toHaveCount(0);
	const [row] = checkInsWith(username, 'Rent is late again');
	expect(row.requestId).toEqual(expect.any(Number));
	await young.getByRole('link', { name: 'See your message to your PA' }).click();
	await expect(young.getByText(/Check-in: Not great\. Please get in touch\./)).toBeVisible();
});
