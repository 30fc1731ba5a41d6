import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, PHONE_WIDTH, sidewaysScrolling } from './a11y';
import { DEMO_DB, newPage, queryDatabase, signIn } from './helpers';

/** The id of the pledge whose supporter's words contain `words`. */
function pledgeId(words: string) {
	const [row] = queryDatabase<{ id: number }>(
		DEMO_DB,
		'SELECT id FROM pledge WHERE details LIKE ?',
		`%${words}%`
	);
	return row?.id;
}

/** Runs axe and the 360 px check on the page that is open. */
async function checkOnPhone(page: Page) {
	const size = page.viewportSize();
	await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
	expect(await sidewaysScrolling(page), page.url()).toEqual([]);
	await expectNoAxeViolations(page);
	if (size) {
		await page.setViewportSize(size);
	}
}

test.describe('Helping Hands pledges', () => {
	test('a supporter pledges interview practice, a lead approves it, demo-leaver asks, demo-adviser matches, and the outcome is recorded', async ({
		browser
	}) => {
		test.setTimeout(120_000);
		const mark = `e2e ${Date.now().toString(36)}`;
		const title = `Interview practice with an expert (${mark})`;

		// The supporter pledges their time.
		const supporter = await newPage(browser);
		await signIn(supporter, 'demo-supporter');
		await expect(supporter).toHaveURL(/\/supporter$/);
		await supporter.goto('/supporter/pledges/new');
		await checkOnPhone(supporter);
		// Refused without saying what the time is for: the words typed are kept.
		await supporter.getByLabel('My time').check();
		await supporter
			.getByLabel('What you are offering')
			.fill(`A practice interview over an hour, weekday afternoons. ${mark}`);
		await supporter.getByLabel('How many young people').fill('1');
		await supporter.getByRole('button', { name: 'Send for approval' }).click();
		await expect(supporter.getByText('Choose what your time is for').first()).toBeVisible();
		await expect(supporter.getByLabel('What you are offering')).toHaveValue(new RegExp(mark));
		await supporter
			.getByLabel('If you are giving time: what for')
			.selectOption('interview-practice');
		await supporter.getByRole('button', { name: 'Send for approval' }).click();
		await expect(supporter.getByText('Your pledge is waiting for a lead')).toBeVisible();
		const id = pledgeId(mark);
		expect(id).toBeDefined();

		// Waiting: no young person can see it.
		const leaver = await newPage(browser);
		await signIn(leaver, 'demo-leaver');
		expect((await leaver.goto(`/helping-hands/${id}`))?.status()).toBe(404);

		// The lead approves it, choosing what young people see.
		const lead = await newPage(browser);
		await signIn(lead, 'demo-lead');
		await lead.goto('/lead/pledges');
		await lead.getByRole('link', { name: 'Interview practice' }).first().waitFor();
		await checkOnPhone(lead);
		await lead.goto(`/lead/pledges/${id}`);
		await expect(lead.getByText('Morgan Supporter')).toBeVisible();
		await checkOnPhone(lead);
		await lead.getByLabel('Title').fill(title);
		await lead
			.getByLabel('Short description')
			.fill('Practise a job interview and get friendly tips on how it went.');
		await lead
			.getByLabel('Who it is from, as young people see it')
			.fill('Someone from the council’s HR team');
		await lead.getByRole('button', { name: 'Approve and put on the board' }).click();
		await expect(lead.getByText('Young people can see it on the board')).toBeVisible();

		// demo-leaver finds it on the board, without the supporter's name, and asks their PA.
		await leaver.goto('/opportunities');
		await leaver.getByRole('link', { name: title }).click();
		await expect(leaver.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(leaver.getByText('Someone from the council’s HR team')).toBeVisible();
		await expect(leaver.getByText('Morgan')).toHaveCount(0);
		expect(await leaver.content()).not.toContain('Morgan Supporter');
		await checkOnPhone(leaver);
		await leaver.getByRole('button', { name: 'Ask my PA' }).click();
		await expect(leaver).toHaveURL(/\/requests\/\d+\?sent=1/);
		const requestId = Number(new URL(leaver.url()).pathname.split('/').pop());

		// demo-adviser sees the pledge on the request and matches them.
		const pa = await newPage(browser);
		await signIn(pa, 'demo-adviser');
		await pa.goto(`/staff/requests/${requestId}`);
		await expect(pa.getByRole('heading', { name: `Helping Hands: ${title}` })).toBeVisible();
		await pa.getByLabel('When').fill('Tuesday, 2pm');
		await pa.getByLabel('Where').fill('The leaving care office');
		await pa.getByLabel('Note for the supporter').fill('Jordan is going for a shop job.');
		await pa.getByRole('button', { name: 'Match Jordan with this pledge' }).click();
		await expect(pa.getByRole('heading', { name: 'Matched' })).toBeVisible();
		await checkOnPhone(pa);

		// The pledge had one place: it has left the board.
		expect((await leaver.goto(`/helping-hands/${id}`))?.status()).toBe(404);

		// The supporter sees the match: a first name, what, when and where; and records how it went.
		await supporter.goto('/supporter');
		const match = supporter.getByRole('listitem').filter({ hasText: title });
		await expect(match.getByRole('heading', { name: `Jordan: ${title}` })).toBeVisible();
		await expect(match.getByText('Tuesday, 2pm')).toBeVisible();
		await expect(match.getByText('The leaving care office')).toBeVisible();
		await checkOnPhone(supporter);
		await match.getByRole('radio', { name: 'It took place' }).check();
		await match.getByLabel('Hours given').fill('1.5');
		await match.getByRole('button', { name: 'Save how it went' }).click();
		await expect(supporter.getByText('Saved. Thank you.')).toBeVisible();
		await expect(
			supporter
				.getByRole('listitem')
				.filter({ hasText: title })
				.getByText('It took place (1.5 hours)')
		).toBeVisible();

		// The PA and the lead see the outcome too.
		await pa.goto(`/staff/requests/${requestId}`);
		await expect(pa.getByText('It took place (1.5 hours)')).toBeVisible();
		await lead.goto(`/lead/pledges/${id}`);
		await expect(lead.getByText('It took place (1.5 hours)')).toBeVisible();
	});

	test('a pledge on the board reads well in Arabic on a phone; a supporter never sees requests or other supporters’ pledges', async ({
		page,
		browser
	}) => {
		const [open] = queryDatabase<{ id: number }>(
			DEMO_DB,
			"SELECT id FROM pledge WHERE status = 'approved' AND kind = 'money' ORDER BY id LIMIT 1"
		);
		await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
		for (const path of [
			`/helping-hands/${open.id}`,
			`/ar/helping-hands/${open.id}`,
			'/ar/opportunities'
		]) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			expect(await sidewaysScrolling(page), path).toEqual([]);
			await expectNoAxeViolations(page);
		}
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.getByRole('heading', { name: 'Helping Hands' })).toBeVisible();

		const supporter = await newPage(browser);
		await signIn(supporter, 'demo-supporter');
		for (const path of ['/staff', '/staff/leavers', '/lead', '/lead/pledges', '/requests']) {
			expect((await supporter.goto(path))?.status(), path).toBe(403);
		}
	});

	test('a lead invites a supporter by work email; they join, land on their pledges, and get 404 for someone else’s pledge or match', async ({
		browser
	}) => {
		const stamp = Date.now().toString(36);
		const lead = await newPage(browser);
		await signIn(lead, 'demo-lead');
		await lead.goto('/lead/staff');
		await lead.getByLabel('Full name').fill('Casey Councillor');
		await lead.getByLabel('Work email', { exact: true }).fill(`casey-${stamp}@example.org`);
		await lead.getByLabel('Supporter (Helping Hands pledges)').check();
		await lead.getByRole('button', { name: 'Invite', exact: true }).click();
		const code = (await lead.getByTestId('invite-code').textContent())!.trim();

		const casey = await newPage(browser);
		await casey.goto('/join');
		await casey.getByLabel('Your code').fill(code);
		await casey.getByLabel('Username').fill(`casey-${stamp}`);
		await casey.getByLabel('Password').fill('blue kettle sunrise');
		await casey.getByRole('button', { name: 'Make my account' }).click();
		// No two-step set-up forced on a supporter: straight to their pledges, none yet.
		await expect(casey).toHaveURL(/\/supporter\?welcome=1$/);
		await expect(casey.getByText('You have not made a pledge yet.')).toBeVisible();

		// demo-supporter's pledge and a match of theirs are not Casey's to end or to record.
		const [theirs] = queryDatabase<{ id: number }>(
			DEMO_DB,
			"SELECT id FROM pledge WHERE status = 'approved' ORDER BY id LIMIT 1"
		);
		const origin = new URL(casey.url()).origin;
		const ended = await casey.request.post('/supporter?/end', {
			form: { pledge: String(theirs.id) },
			headers: { origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(ended.status()).toBe(404);
		const [match] = queryDatabase<{ id: number }>(DEMO_DB, 'SELECT id FROM pledge_match LIMIT 1');
		if (match) {
			const recorded = await casey.request.post('/supporter?/outcome', {
				form: { match: String(match.id), outcome: 'did-not' },
				headers: { origin, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(recorded.status()).toBe(404);
		}
		expect(
			queryDatabase<{ status: string }>(
				DEMO_DB,
				'SELECT status FROM pledge WHERE id = ?',
				theirs.id
			)[0].status
		).toBe('approved');
	});
});
