import { expect, test, type Browser } from '@playwright/test';
import { expectNoAxeViolations, PHONE_WIDTH, sidewaysScrolling } from './a11y';
import { DEMO_DB, queryDatabase, signIn, uniqueAddress } from './helpers';

/** A demo opportunity's id, by its title (the demo board is seeded when the server starts). */
function opportunityId(title: string) {
	const [row] = queryDatabase<{ id: number }>(
		DEMO_DB,
		'SELECT id FROM opportunity WHERE title = ?',
		title
	);
	return row.id;
}

const APPRENTICESHIP = 'Business administration apprenticeship';
const CLOSED = 'Summer activity leader';

async function newPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
	const context = await browser.newContext({
		...options,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress() }
	});
	return context.newPage();
}

/** A care leaver of this test's own, invited by demo-adviser: nobody else's requests change. */
async function freshCareLeaver(browser: Browser, name: string) {
	const pa = await newPage(browser);
	await signIn(pa, 'demo-adviser');
	await pa.goto('/staff/leavers/new');
	await pa.getByLabel('First name').fill(name);
	await pa.getByLabel('Date of birth').fill('2006-05-01');
	await pa.getByRole('button', { name: 'Add and get a code' }).click();
	const code = (await pa.getByTestId('invite-code').textContent())!.trim();
	const username = `${name.toLowerCase()}-${Date.now().toString(36)}`;
	const young = await newPage(browser, { javaScriptEnabled: false });
	await young.goto('/join');
	await young.getByLabel('Your code').fill(code);
	await young.getByLabel('Username').fill(username);
	await young.getByLabel('Password').fill('blue kettle sunrise');
	await young.getByRole('button', { name: 'Make my account' }).click();
	await expect(young.getByRole('button', { name: /Sign out/ })).toBeVisible();
	return { pa, young };
}

test.describe('the opportunities board', () => {
	test('reads well on a 360 px phone in English and Arabic, with no axe violations', async ({
		page
	}) => {
		await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
		const id = opportunityId(APPRENTICESHIP);
		for (const path of [
			'/opportunities',
			`/opportunities/${id}`,
			'/ar/opportunities',
			`/ar/opportunities/${id}`
		]) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			expect(await sidewaysScrolling(page), path).toEqual([]);
			await expectNoAxeViolations(page);
		}
		// Arabic: the page is right to left; the council's English words are marked as English.
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'en');
		await expect(page.getByText('التفاصيل مكتوبة بالإنجليزية')).toBeVisible();
	});

	test('an opportunity past its closing date is gone from the board, its page and the offline pack', async ({
		page,
		request
	}) => {
		const closed = opportunityId(CLOSED);
		const open = opportunityId(APPRENTICESHIP);
		await page.goto('/opportunities');
		await expect(page.getByRole('link', { name: APPRENTICESHIP })).toBeVisible();
		await expect(page.getByText(CLOSED)).toHaveCount(0);
		expect((await request.get(`/opportunities/${closed}`)).status()).toBe(404);

		const pack = await (await request.get('/api/offline-pack?language=en')).json();
		const urls: string[] = pack.files.map((file: { url: string }) => file.url);
		expect(urls).toContain('/opportunities');
		expect(urls).toContain(`/opportunities/${open}`);
		expect(urls).toContain('/events');
		expect(urls).not.toContain(`/opportunities/${closed}`);
		const board = pack.files.find((file: { url: string }) => file.url === '/opportunities');
		expect(board.body).toContain(APPRENTICESHIP);
		expect(board.body).not.toContain(CLOSED);
	});

	test('filters by kind and by what I can apply for', async ({ page }) => {
		await page.goto('/opportunities');
		await page.getByText('Filter the list').click();
		await page.getByLabel('What kind').selectOption('training');
		await page.getByLabel('Your age').fill('17');
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/kind=training/);
		const titles = await page.locator('.opportunity-card h2').allTextContents();
		expect(titles.map((title) => title.trim())).toContain('Introduction to construction skills');
		// English and maths is for 19 to 25: not for a 17-year-old.
		expect(titles.map((title) => title.trim())).not.toContain(
			'English and maths, Level 2, for adults'
		);
		// Each card's first badge is its kind.
		const kinds = await page
			.locator('.opportunity-card .badges .badge:first-child')
			.allTextContents();
		expect(kinds.length).toBeGreaterThan(0);
		expect(new Set(kinds.map((kind) => kind.trim()))).toEqual(new Set(['Training course']));
	});

	test('a visitor is told how to apply and that signing in tells their PA', async ({ page }) => {
		const id = opportunityId(APPRENTICESHIP);
		await page.goto(`/opportunities/${id}`);
		await expect(page.getByRole('heading', { name: 'How to apply' })).toBeVisible();
		await expect(page.getByRole('button', { name: "I'm interested" })).toHaveCount(0);
		const signInLink = page.getByRole('link', { name: 'Sign in to tell your PA' });
		await expect(signInLink).toHaveAttribute(
			'href',
			`/login?redirectTo=${encodeURIComponent(`/opportunities/${id}`)}`
		);
	});

	test('the short link on a poster opens the opportunity', async ({ request }) => {
		const id = opportunityId(APPRENTICESHIP);
		const response = await request.get(`/o/${id}`, { maxRedirects: 0 });
		expect(response.status()).toBe(308);
		expect(response.headers()['location']).toBe(`/opportunities/${id}`);
	});

	test('a signed-in care leaver sees "new for you" on the home page', async ({ page }) => {
		await signIn(page, 'demo-leaver');
		await page.goto('/');
		const section = page.getByRole('region', { name: 'New for you' });
		// Opportunities they can apply for and events they can go to, newest first: three at most.
		await expect(section.getByRole('listitem')).toHaveCount(3);
		await expect(section.getByText(CLOSED)).toHaveCount(0);
		await expect(
			section.getByRole('link', { name: 'See all jobs, training and more' })
		).toBeVisible();
		await expect(section.getByRole('link', { name: 'All events' })).toBeVisible();
		await expectNoAxeViolations(page);
		// A visitor has no "new for you".
		await page.context().clearCookies();
		await page.goto('/');
		await expect(page.getByRole('region', { name: 'New for you' })).toHaveCount(0);
	});
});

test('without JavaScript, a care leaver says "I\'m interested" and their PA sees it with the closing date', async ({
	browser
}) => {
	const { pa, young } = await freshCareLeaver(browser, 'Kai');
	const id = opportunityId(APPRENTICESHIP);
	await young.goto(`/opportunities/${id}`);
	await young
		.getByLabel('Anything your PA should know? (optional)')
		.fill('I did office work at school.');
	await young.getByRole('button', { name: "I'm interested" }).click();
	await expect(young).toHaveURL(/\/requests\/\d+\?sent=1/);
	await expect(young.getByText('I did office work at school.')).toBeVisible();
	const requestId = Number(/\/requests\/(\d+)/.exec(young.url())![1]);

	// Told once: the page now says so and links to the request.
	await young.goto(`/opportunities/${id}`);
	await expect(young.getByText(/You told your PA you are interested on/)).toBeVisible();
	await expect(young.getByRole('button', { name: "I'm interested" })).toHaveCount(0);
	await young.getByRole('link', { name: 'See your request' }).click();
	await expect(young).toHaveURL(new RegExp(`/requests/${requestId}$`));

	const [{ closesOn }] = queryDatabase<{ closesOn: string }>(
		DEMO_DB,
		'SELECT closes_on AS closesOn FROM opportunity WHERE id = ?',
		id
	);
	const closes = new Intl.DateTimeFormat('en-GB', {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${closesOn}T12:00:00Z`));
	await pa.goto('/staff');
	const card = pa.locator('li.card', { has: pa.locator(`a[href="/staff/requests/${requestId}"]`) });
	await expect(card).toContainText(`Interested in ${APPRENTICESHIP} · closes ${closes}`);
	await pa.goto(`/staff/requests/${requestId}`);
	await expect(pa.getByRole('link', { name: APPRENTICESHIP })).toHaveAttribute(
		'href',
		`/lead/opportunities/${id}`
	);
	await expect(pa.getByText(`Closes ${closes}`)).toBeVisible();
});

test('a PA adds an opportunity as a draft, publishes it, and closes it early', async ({
	browser
}) => {
	const pa = await newPage(browser);
	await signIn(pa, 'demo-adviser-2');
	const title = `Warehouse work experience ${Date.now().toString(36)}`;
	await pa.goto('/lead/opportunities/new');
	// A form with a problem keeps what was typed and says what to put right, beside the field.
	await pa.getByLabel('What kind').selectOption('work-experience');
	await pa.getByLabel('Title').fill(title);
	await pa.getByRole('button', { name: 'Save as a draft' }).click();
	await expect(pa.getByLabel('Title')).toHaveValue(title);
	await expect(pa.locator('#organisation-error')).toContainText(
		'Organisation needs at least 2 characters'
	);
	await expectNoAxeViolations(pa);

	await pa.getByLabel('Organisation').fill('A local warehouse');
	await pa.getByLabel('Summary').fill('Two weeks seeing how a busy warehouse works.');
	await pa.getByLabel('Main text').fill('Learn how orders are picked, packed and sent.');
	await pa.getByLabel('Steps').fill('Tell your PA\nVisit the warehouse');
	await pa.getByLabel('Contact', { exact: true }).fill('Leaving care team');
	await pa.getByLabel('Contact phone').fill('01642 527764');
	await pa.getByRole('button', { name: 'Save as a draft' }).click();
	await expect(pa.getByText('Saved as a draft.')).toBeVisible();
	const id = Number(/\/lead\/opportunities\/(\d+)/.exec(pa.url())![1]);

	const visitor = await newPage(browser);
	expect((await visitor.request.get(`/opportunities/${id}`)).status()).toBe(404);

	await pa.getByRole('button', { name: 'Publish' }).click();
	await expect(pa.getByText('Published: it is on the board now.')).toBeVisible();
	// The poster's QR code opens the short link.
	await expect(pa.getByText(`/o/${id}`)).toBeVisible();
	await expect(pa.locator('.qr svg')).toBeVisible();
	await expectNoAxeViolations(pa);
	await pa.goto('/lead/opportunities');
	await expect(pa.getByRole('link', { name: title })).toBeVisible();
	await expectNoAxeViolations(pa);
	await pa.goto(`/lead/opportunities/${id}`);
	await visitor.goto('/opportunities');
	await expect(visitor.getByRole('link', { name: title })).toBeVisible();

	await pa.getByRole('button', { name: 'Close early' }).click();
	await expect(pa.getByText('Closed: it has left the board.')).toBeVisible();
	await visitor.goto('/opportunities');
	await expect(visitor.getByRole('link', { name: title })).toHaveCount(0);
	expect((await visitor.request.get(`/opportunities/${id}`)).status()).toBe(404);
});

test('a partner’s CSV is checked row by row, and imported whole or not at all', async ({
	browser
}) => {
	const lead = await newPage(browser);
	await signIn(lead, 'demo-lead');
	const stamp = Date.now().toString(36);
	const header =
		'kind,title,organisation,summary,body,closesOn,minAge,maxAge,statuses,steps,contactName,contactPhone';
	const row = (title: string, closes: string) =>
		`volunteering,${title},A charity,Help out at weekend events in the park.,Friendly team and free lunch.,${closes},16,25,relevant;former-relevant,Tell your PA|Meet the team,Team,01642 527764`;
	const upload = async (rows: string[]) => {
		await lead.goto('/lead/opportunities/import');
		await lead.getByLabel('CSV file').setInputFiles({
			name: 'partner.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from([header, ...rows].join('\r\n'))
		});
		await lead.getByRole('button', { name: 'Import' }).click();
	};
	const imported = () =>
		queryDatabase<{ n: number }>(
			DEMO_DB,
			"SELECT count(*) AS n FROM opportunity WHERE title LIKE '%' || ?",
			stamp
		)[0].n;

	await upload([
		row(`Park events A ${stamp}`, '2099-01-31'),
		row(`Park events B ${stamp}`, 'soon')
	]);
	await expect(lead.getByText('Nothing was imported.')).toBeVisible();
	const problems = lead.getByRole('region', { name: 'What to put right' });
	await expect(problems.getByRole('cell', { name: '3', exact: true })).toBeVisible();
	await expect(problems.getByRole('cell', { name: 'closesOn' })).toBeVisible();
	await expect(problems.getByText('Enter the closing date like 2027-01-31')).toBeVisible();
	expect(imported()).toBe(0);
	await expectNoAxeViolations(lead);

	await upload([
		row(`Park events A ${stamp}`, '2099-01-31'),
		row(`Park events B ${stamp}`, '2099-02-28')
	]);
	await expect(lead.getByText('Imported 2 opportunities as drafts.')).toBeVisible();
	expect(imported()).toBe(2);
	// Drafts: not on the board until someone checks and publishes them.
	await lead.goto('/opportunities');
	await expect(lead.getByText(`Park events A ${stamp}`)).toHaveCount(0);
});
