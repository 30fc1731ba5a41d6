import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './a11y';
import { DEMO_DB, queryDatabase, signIn, uniqueAddress } from './helpers';

/** Keeping the offer current: leads edit, publish and review; young people see the result. */

// Several full pages and axe sweeps a test, on a machine that may be busy with other work.
test.describe.configure({ timeout: 360_000 });

function offerId(slug: string) {
	const [row] = queryDatabase<{ id: number }>(DEMO_DB, 'SELECT id FROM offer WHERE slug = ?', slug);
	if (!row) {
		throw new Error(`No offer ${slug}`);
	}
	return row.id;
}

async function newSignedInPage(browser: Browser, username: string, javaScriptEnabled = true) {
	const context = await browser.newContext({
		javaScriptEnabled,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress() }
	});
	const page = await context.newPage();
	if (javaScriptEnabled) {
		await signIn(page, username);
	} else {
		await page.goto('/login');
		await page.getByLabel('Username').fill(username);
		await page.getByLabel('Password').fill('care-leavers-demo-2026');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('button', { name: /Sign out/ }).first()).toBeVisible();
	}
	return page;
}

/** Fills the fields every new offer needs. */
async function fillNewOffer(page: Page, slug: string, title: string) {
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Page address').fill(slug);
	await page.getByLabel('Topic').selectOption('money');
	await page.getByLabel('A right by law (statutory)').check();
	await page.getByLabel('Summary').fill('A secret draft that young people must never see.');
	await page
		.getByLabel('Main text', { exact: true })
		.fill('This draft is only for testing that drafts stay hidden from everyone.');
	await page.getByLabel('How to get it').fill('Ask your PA\nFill in the form');
	await page.getByRole('group', { name: 'Contact 1' }).getByLabel('Name').fill('Draft team');
	await page.getByRole('group', { name: 'Contact 1' }).getByLabel('Phone').fill('01642 000000');
}

test.describe('without JavaScript', () => {
	test('a lead edits how-to steps and publishes; a care leaver sees them and What’s new lists it', async ({
		browser,
		request
	}) => {
		const before = (await request.get('/api/offers')).headers()['etag'];
		const lead = await newSignedInPage(browser, 'demo-lead', false);
		await lead.goto('/lead/offers');
		await expect(lead.getByRole('heading', { level: 1, name: 'The offer' })).toBeVisible();

		await lead.getByRole('link', { name: 'Work experience' }).click();
		await expect(
			lead.getByRole('heading', { level: 1, name: 'Edit: Work experience' })
		).toBeVisible();
		await lead
			.getByLabel('How to get it')
			.fill('Tell your PA what kind of work you like\nVisit the workplace for a taster week');
		await lead.getByLabel('Tell young people about this change').check();
		await lead.getByLabel('One sentence for young people').fill('You can now try a taster week.');
		await lead.getByRole('button', { name: 'Save and publish changes' }).click();
		await expect(lead.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

		const after = (await request.get('/api/offers')).headers()['etag'];
		expect(after, 'the offline pack refreshes when published content changes').not.toBe(before);

		const leaver = await newSignedInPage(browser, 'demo-leaver', false);
		await leaver.goto('/offers/work-experience');
		await expect(leaver.getByText('Visit the workplace for a taster week')).toBeVisible();
		await leaver.goto('/whats-new');
		await expect(leaver.getByRole('link', { name: 'Work experience' })).toBeVisible();
		await expect(leaver.getByText('You can now try a taster week.')).toBeVisible();
		await leaver.goto('/');
		await expect(
			leaver
				.getByRole('region', { name: "What's new" })
				.getByRole('link', { name: 'Work experience' })
		).toBeVisible();

		await lead.getByRole('link', { name: 'History and older versions' }).click();
		await expect(lead.getByRole('heading', { name: /Version 2/ })).toBeVisible();
		await expect(lead.locator('ins').filter({ hasText: 'taster week' }).first()).toBeVisible();
		await lead.context().close();
		await leaver.context().close();

		// axe needs JavaScript: the same pages again in a browser that runs it.
		const withJs = await newSignedInPage(browser, 'demo-lead');
		const id = offerId('work-experience');
		for (const path of [
			'/lead/offers',
			`/lead/offers/${id}`,
			`/lead/offers/${id}/history`,
			'/whats-new',
			'/'
		]) {
			await withJs.goto(path);
			await expectNoAxeViolations(withJs);
		}
		await withJs.context().close();
	});
});

test('the second of two leads saving the same offer is refused, and keeps their words', async ({
	browser
}) => {
	const id = offerId('interview-preparation');
	const first = await newSignedInPage(browser, 'demo-lead');
	const second = await newSignedInPage(browser, 'demo-lead');
	await first.goto(`/lead/offers/${id}`);
	await second.goto(`/lead/offers/${id}`);

	await first
		.getByLabel('Summary')
		.fill('Practise interviews with someone who does them for a living.');
	await first.getByRole('button', { name: 'Save and publish changes' }).click();
	await expect(first.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

	const mine = 'Get ready for a job interview with help from our team, for free.';
	await second.getByLabel('Summary').fill(mine);
	await second.getByRole('button', { name: 'Save and publish changes' }).click();
	await expect(second.getByRole('alert')).toContainText('Not saved');
	await expect(second.getByLabel('Summary')).toHaveValue(mine);
	await expectNoAxeViolations(second);
	expect(
		queryDatabase<{ summary: string }>(DEMO_DB, 'SELECT summary FROM offer WHERE id = ?', id)[0]
			.summary
	).toMatch(/for a living/);

	// Having seen the message, saving again is a deliberate choice and goes through.
	await second.getByRole('button', { name: 'Save and publish changes' }).click();
	await expect(second.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
	await expect(second.getByLabel('Summary')).toHaveValue(mine);
	await first.context().close();
	await second.context().close();
});

test('a draft never appears on public pages, in /api/offers or in the ORUK feed', async ({
	browser,
	request
}) => {
	const slug = `secret-draft-${Date.now()}`;
	const lead = await newSignedInPage(browser, 'demo-lead');
	await lead.goto('/lead/offers/new');
	await expectNoAxeViolations(lead);
	await fillNewOffer(lead, slug, 'Secret draft offer');
	await lead.getByLabel('Tell young people about this change').check();
	await lead
		.getByLabel('One sentence for young people')
		.fill('This must never be shown to anyone.');
	await lead.getByRole('button', { name: 'Save as draft' }).click();
	await expect(
		lead.getByRole('heading', { level: 1, name: 'Edit: Secret draft offer' })
	).toBeVisible();
	await expect(lead.getByText('Draft (young people cannot see it)')).toBeVisible();

	expect((await request.get(`/offers/${slug}`)).status()).toBe(404);
	const offers = (await (await request.get('/api/offers')).json()) as { slug: string }[];
	expect(offers.map((item) => item.slug)).not.toContain(slug);
	const feed = await (
		await request.get('/api/oruk/services?search=secret%20draft&per_page=200')
	).json();
	expect(feed.contents.map((s: { name: string }) => s.name)).not.toContain('Secret draft offer');
	const all = await (await request.get('/api/oruk/services?per_page=200')).json();
	expect(all.contents.map((s: { name: string }) => s.name)).not.toContain('Secret draft offer');
	expect(await (await request.get('/whats-new')).text()).not.toContain('Secret draft offer');
	expect(await (await request.get('/offers?q=secret')).text()).not.toContain('Secret draft offer');

	await lead.goto('/lead/offers?status=draft');
	await expect(lead.getByRole('link', { name: 'Secret draft offer' })).toBeVisible();
	await lead.context().close();
});

test('hostile content is refused beside each field, what was typed is kept, nothing is saved', async ({
	browser
}) => {
	const lead = await newSignedInPage(browser, 'demo-lead');
	// Offers with this title only: other tests add offers of their own at the same time.
	const count = () =>
		queryDatabase<{ n: number }>(
			DEMO_DB,
			"SELECT count(*) AS n FROM offer WHERE title LIKE '%Free money%'"
		)[0].n;
	const before = count();
	expect(before).toBe(0);
	await lead.goto('/lead/offers/new');
	await fillNewOffer(lead, 'council-tax-exemption', '<script>alert(1)</script> Free money 💷');
	await lead.getByLabel('Main text', { exact: true }).fill(`Hello ${'a'.repeat(100_000)}`);
	await lead
		.getByRole('group', { name: 'Contact 1' })
		.getByLabel('Website')
		.fill('javascript:alert(1)');
	await lead.getByRole('button', { name: 'Publish' }).click();

	await expect(lead.getByRole('alert')).toContainText('There is a problem');
	await expect(lead.locator('#title-error')).toContainText('cannot contain scripts');
	await expect(lead.locator('#body-error')).toContainText('at most 20000 characters');
	await expect(lead.locator('#contact-0-url-error')).toContainText('https://');
	await expect(lead.getByLabel('Title')).toHaveValue('<script>alert(1)</script> Free money 💷');
	await expectNoAxeViolations(lead);
	expect(count()).toBe(before);

	// Emoji are fine; the only thing left is the web address another offer uses.
	await lead.getByLabel('Title').fill('Free money 💷');
	await lead
		.getByLabel('Main text', { exact: true })
		.fill('Plain words about free money, with an emoji 🎉.');
	await lead.getByRole('group', { name: 'Contact 1' }).getByLabel('Website').fill('');
	await lead.getByRole('button', { name: 'Publish' }).click();
	await expect(lead.locator('#slug-error')).toContainText('Another offer already uses');
	await expect(lead.getByLabel('Title')).toHaveValue('Free money 💷');
	expect(count()).toBe(before);
	await lead.context().close();
});

test('an offer with two contacts of the same name shows both and its buttons work', async ({
	browser
}) => {
	const slug = 'helping-hands';
	const lead = await newSignedInPage(browser, 'demo-lead');
	await lead.goto(`/lead/offers/${offerId(slug)}`);
	const first = lead.getByRole('group', { name: 'Contact 1' });
	const second = lead.getByRole('group', { name: 'Contact 2' });
	const name = await first.getByLabel('Name').inputValue();
	// Two offices of one team: the same name, another number.
	await second.getByLabel('Name').fill(name);
	await second.getByLabel('Phone').fill('01642 111222');
	await lead.getByRole('button', { name: 'Save and publish changes' }).click();
	await expect(lead.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
	await lead.context().close();

	const visitor = await browser.newPage();
	await visitor.goto(`/offers/${slug}`);
	const contacts = visitor.getByRole('complementary', { name: 'Who to contact' });
	await expect(contacts.getByRole('heading', { level: 3, name })).toHaveCount(2);
	await expect(contacts.getByRole('link', { name: /01642 111222/ })).toBeVisible();
	// The page's script started: its buttons appear only then.
	await visitor.getByRole('button', { name: 'Save' }).click();
	await expect(visitor.getByRole('button', { name: 'Save' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await visitor.close();
});

test('the editor previews Markdown as the lead types, sanitised', async ({ browser }) => {
	const lead = await newSignedInPage(browser, 'demo-lead');
	await lead.goto(`/lead/offers/${offerId('care-leaver-covenant')}`);
	await lead
		.getByLabel('Main text', { exact: true })
		.fill('Some **bold words** and [a bad link](javascript:alert(1)) <script>x()</script>');
	const preview = lead.getByRole('region', { name: 'Preview of the main text' });
	await expect(preview.locator('strong')).toHaveText('bold words');
	await expect(preview.locator('script')).toHaveCount(0);
	await expect(preview.locator('a[href^="javascript"]')).toHaveCount(0);
	await lead.context().close();
});

test('changing a slug keeps the old address working', async ({ browser, request }) => {
	const id = offerId('junior-isa-savings');
	const lead = await newSignedInPage(browser, 'demo-lead');
	await lead.goto(`/lead/offers/${id}`);
	await lead.getByLabel('Page address').fill('junior-isa');
	await lead.getByRole('button', { name: 'Save and publish changes' }).click();
	await expect(lead.getByRole('link', { name: '/offers/junior-isa' })).toBeVisible();
	const old = await request.get('/offers/junior-isa-savings', { maxRedirects: 0 });
	expect(old.status()).toBe(308);
	expect(old.headers()['location']).toBe('/offers/junior-isa');
	expect((await request.get('/offers/junior-isa')).status()).toBe(200);

	// The history can restore the first version's words as a new version.
	await lead.goto(`/lead/offers/${id}/history`);
	await expectNoAxeViolations(lead);
	await lead.getByRole('button', { name: 'Restore version 1' }).click();
	await expect(lead.getByText(/^3, saved/)).toBeVisible();
	await lead.context().close();
});

test('an adviser cannot reach the lead’s offer pages', async ({ browser }) => {
	const adviser = await newSignedInPage(browser, 'demo-adviser');
	for (const path of ['/lead/offers', '/lead/offers/new', '/lead/you-said-we-did']) {
		const response = await adviser.goto(path);
		expect(response?.status(), path).toBe(403);
	}
	await adviser.context().close();
});

test('topics, council colours and You said, we did are edited by a lead', async ({ browser }) => {
	const lead = await newSignedInPage(browser, 'demo-lead');
	await lead.goto('/lead/settings');
	await expectNoAxeViolations(lead);
	await lead.getByLabel('Main colour').fill('#ffff00');
	await lead.getByRole('button', { name: 'Save council details' }).click();
	await expect(lead.locator('#council-primary-error')).toContainText('too hard to read');
	await expect(lead.getByLabel('Main colour')).toHaveValue('#ffff00');
	await expectNoAxeViolations(lead);

	// Every language is offered until a lead says otherwise; saving them all changes nothing for
	// the other tests, which read every language.
	const languages = lead.getByRole('group', { name: 'Languages offered besides English' });
	for (const name of ['Arabic', 'Tigrinya', 'Vietnamese']) {
		await expect(languages.getByRole('checkbox', { name: new RegExp(`^${name}`) })).toBeChecked();
	}
	await lead.getByRole('button', { name: 'Save languages' }).click();
	await expect(
		lead.getByRole('region', { name: 'Languages' }).getByRole('status').filter({ hasText: 'Saved' })
	).toBeVisible();
	await expect(languages.getByRole('checkbox', { name: /^Tigrinya/ })).toBeChecked();

	await lead.goto('/lead/you-said-we-did');
	await expectNoAxeViolations(lead);
	const said = `The bursary form was too long (${Date.now()}).`;
	await lead
		.getByRole('region', { name: 'Add an entry' })
		.getByLabel('You said', { exact: true })
		.fill(said);
	await lead
		.getByRole('region', { name: 'Add an entry' })
		.getByLabel('We did', { exact: true })
		.fill('We cut the form down to one page.');
	await lead
		.getByRole('region', { name: 'Add an entry' })
		.getByLabel('The part of the offer that changed')
		.selectOption('higher-education-bursary');
	await lead.getByRole('button', { name: 'Add entry' }).click();
	await expect(lead.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

	const visitor = await (await browser.newContext()).newPage();
	await visitor.goto('/feedback');
	await visitor.getByRole('link', { name: 'You said, we did' }).click();
	await expect(visitor.getByText(said)).toBeVisible();
	await expect(visitor.getByRole('link', { name: /Higher education bursary/ })).toBeVisible();
	await expectNoAxeViolations(visitor);
	await visitor.context().close();
	await lead.context().close();
});
