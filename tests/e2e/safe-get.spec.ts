import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './a11y';
import { DEMO_DB, queryDatabase, signIn, uniqueAddress, userId } from './helpers';

/**
 * GET is safe: no load writes anything. The layout preloads a page's data when a link to it is
 * hovered (data-sveltekit-preload-data="hover"), so a load that marked a request read or wrote
 * "opened" in the audit trail did so for a link someone's mouse merely passed over. Being read and
 * "opened" are now posted by the page once it is actually shown (`?/seen`).
 *
 * One young person of their own (invited by demo-adviser) keeps these counts away from the
 * other specs, which use the demo care leavers.
 */

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const PASSWORD = 'blue kettle sunrise';
const NAME = `Hover${Date.now().toString(36)}`;

let pa: Page;
let requestId: number;
let leaverId: number;
let young: Page;

async function newPage(browser: Browser, { javaScriptEnabled = true } = {}) {
	const context = await browser.newContext({
		javaScriptEnabled,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress() }
	});
	return context.newPage();
}

/** Rows of one kind in the audit trail, by one member of staff, about this young person. */
function auditCount(action: string, actor: string, target: string | null) {
	return queryDatabase<{ n: number }>(
		DEMO_DB,
		`SELECT count(*) AS n FROM audit_event a JOIN user u ON u.id = a.actor_id
		 WHERE a.action = ? AND u.username = ? AND a.subject_user_id = ? AND a.target IS ?`,
		action,
		actor,
		leaverId,
		target
	)[0].n;
}

/** Hovers the link (SvelteKit preloads the page's data) and fetches that data once more. */
async function hoverAndFetchData(page: Page, link: Locator, path: string) {
	const preloaded = page.waitForResponse(
		(response) => new URL(response.url()).pathname === `${path}/__data.json`
	);
	await link.hover();
	expect((await preloaded).status()).toBe(200);
	expect((await page.request.get(`${path}/__data.json`)).status()).toBe(200);
}

/** Waits for the page's own "I am shown" post. */
function seenPosted(page: Page, path: string) {
	return page.waitForResponse(
		(response) =>
			response.request().method() === 'POST' &&
			response.url().endsWith(`${path}?/seen`) &&
			response.ok(),
		{ timeout: 15_000 }
	);
}

function inboxItem(page: Page) {
	return page.getByRole('listitem').filter({ has: page.getByRole('link', { name: NAME }) });
}

test.beforeAll(async ({ browser }) => {
	pa = await newPage(browser);
	await signIn(pa, 'demo-adviser');
	await pa.goto('/staff/leavers/new');
	await pa.getByLabel('First name').fill(NAME);
	await pa.getByLabel('Date of birth').fill('2006-05-04');
	await pa.getByRole('button', { name: 'Add and get a code' }).click();
	const code = (await pa.getByTestId('invite-code').textContent())!.trim();

	young = await newPage(browser);
	const username = NAME.toLowerCase();
	await young.goto('/join');
	await young.getByLabel('Your code').fill(code);
	await young.getByLabel('Username').fill(username);
	await young.getByLabel('Password').fill(PASSWORD);
	await young.getByRole('button', { name: 'Make my account' }).click();
	await expect(young.getByRole('button', { name: /Sign out/ })).toBeVisible();
	leaverId = userId(DEMO_DB, username);

	await young.goto('/requests/new');
	await young.getByLabel('What is it about?').selectOption('money');
	await young.getByLabel('Your message').fill('Can I get help with my gas bill?');
	await young.getByRole('button', { name: 'Send to my PA' }).click();
	await expect(young).toHaveURL(/\/requests\/\d+\?sent=1/);
	requestId = Number(new URL(young.url()).pathname.split('/').pop());
});

test("a lead opening a PA's request is audited, and the PA's Unread badge stays", async ({
	browser
}) => {
	const lead = await newPage(browser);
	await signIn(lead, 'demo-lead');
	const path = `/staff/requests/${requestId}`;
	const seen = seenPosted(lead, path);
	await lead.goto(path);
	await expect(lead.getByText('Can I get help with my gas bill?')).toBeVisible();
	await seen;
	expect(auditCount('request-opened', 'demo-lead', `request:${requestId}`)).toBe(1);

	await pa.goto('/staff');
	await expect(inboxItem(pa)).toContainText('Unread');
});

test('hovering a request in the inbox or fetching its data leaves it unread and unaudited; opening it marks it read, audited once', async () => {
	const path = `/staff/requests/${requestId}`;
	await pa.goto('/staff');
	await expect(inboxItem(pa)).toContainText('Unread');
	await hoverAndFetchData(pa, inboxItem(pa).getByRole('link'), path);
	await pa.reload();
	await expect(inboxItem(pa)).toContainText('Unread');
	expect(auditCount('request-opened', 'demo-adviser', `request:${requestId}`)).toBe(0);

	const seen = seenPosted(pa, path);
	await inboxItem(pa).getByRole('link').click();
	await expect(pa.getByText('Can I get help with my gas bill?')).toBeVisible();
	await seen;
	await expectNoAxeViolations(pa);
	await pa.getByRole('link', { name: 'Back to the inbox' }).click();
	await expect(inboxItem(pa)).toBeVisible();
	await expect(inboxItem(pa)).not.toContainText('Unread');
	expect(auditCount('request-opened', 'demo-adviser', `request:${requestId}`)).toBe(1);
});

test("hovering a young person's request or fetching its data leaves the new reply unread; opening it reads it", async () => {
	await pa.goto(`/staff/requests/${requestId}`);
	await pa
		.getByRole('textbox', { name: 'Message', exact: true })
		.fill('Yes: the council has a fund for that.');
	await pa.getByRole('button', { name: 'Send reply' }).click();
	await expect(pa.getByText('Yes: the council has a fund for that.')).toBeVisible();

	const path = `/requests/${requestId}`;
	const newReplies = young.getByRole('link', { name: /My requests\s*1\s*with new replies/ });
	await young.goto('/requests');
	await expect(newReplies).toBeVisible();
	const link = young.getByRole('main').getByRole('link', { name: 'Money', exact: true });
	await hoverAndFetchData(young, link, path);
	await young.reload();
	await expect(newReplies).toBeVisible();

	const seen = seenPosted(young, path);
	await link.click();
	await expect(young.getByText('Yes: the council has a fund for that.')).toBeVisible();
	await seen;
	// The count in the header goes as soon as the reply has been seen.
	await expect(young.getByRole('link', { name: 'My requests', exact: true })).toBeVisible();
	await expectNoAxeViolations(young);
	await young.goto('/requests');
	await expect(young.getByRole('link', { name: 'My requests', exact: true })).toBeVisible();
});

test('a "seen" post counts only from the app itself: one from another site is refused', async ({
	baseURL
}) => {
	const opened = () => auditCount('request-opened', 'demo-adviser', `request:${requestId}`);
	const before = opened();
	const post = (origin: string) =>
		pa.request.post(`/staff/requests/${requestId}?/seen`, {
			multipart: { seenUpTo: String(Date.now()) },
			headers: { origin, accept: 'application/json' }
		});
	expect((await post('https://evil.example')).status()).toBe(403);
	expect(opened()).toBe(before);
	expect((await post(baseURL!)).status()).toBe(200);
	expect(opened()).toBe(before + 1);
});

test("hovering a young person's record or fetching its data records nothing; opening it records it once", async () => {
	const path = `/staff/leavers/${leaverId}`;
	const link = pa.getByRole('link', { name: NAME, exact: true });
	await pa.goto('/staff/leavers');
	await hoverAndFetchData(pa, link, path);
	await pa.reload();
	expect(auditCount('leaver-record-opened', 'demo-adviser', null)).toBe(0);

	const seen = seenPosted(pa, path);
	await link.click();
	await expect(pa.getByRole('heading', { name: NAME, level: 1 })).toBeVisible();
	await seen;
	await pa.getByRole('link', { name: 'Back to young people' }).click();
	await expect(link).toBeVisible();
	expect(auditCount('leaver-record-opened', 'demo-adviser', null)).toBe(1);
});

test('without JavaScript the page shows and marks nothing read, and "Mark as read" does it', async ({
	browser
}) => {
	await pa.goto(`/staff/requests/${requestId}`);
	await pa
		.getByRole('textbox', { name: 'Message', exact: true })
		.fill('Can you come in on Friday?');
	await pa.getByRole('button', { name: 'Send reply' }).click();
	await expect(pa.getByText('Can you come in on Friday?')).toBeVisible();

	const youngNoJs = await newPage(browser, { javaScriptEnabled: false });
	await signIn(youngNoJs, NAME.toLowerCase(), PASSWORD);
	await youngNoJs.goto(`/requests/${requestId}`);
	await expect(youngNoJs.getByText('Can you come in on Friday?')).toBeVisible();
	await expect(
		youngNoJs.getByRole('link', { name: /My requests\s*1\s*with new replies/ })
	).toBeVisible();
	await youngNoJs.getByRole('button', { name: 'Mark as read' }).click();
	await expect(youngNoJs.getByRole('link', { name: 'My requests', exact: true })).toBeVisible();
	await expect(youngNoJs.getByRole('button', { name: 'Mark as read' })).toHaveCount(0);
	await youngNoJs.getByLabel('Your message').fill('Yes, Friday is fine.');
	await youngNoJs.getByRole('button', { name: 'Send' }).click();
	await expect(youngNoJs.getByText('Yes, Friday is fine.')).toBeVisible();

	const paNoJs = await newPage(browser, { javaScriptEnabled: false });
	await signIn(paNoJs, 'demo-adviser');
	const openedBefore = auditCount('request-opened', 'demo-adviser', `request:${requestId}`);
	await paNoJs.goto(`/staff/requests/${requestId}`);
	await expect(paNoJs.getByText('Yes, Friday is fine.')).toBeVisible();
	await paNoJs.goto('/staff');
	await expect(inboxItem(paNoJs)).toContainText('Unread');
	expect(auditCount('request-opened', 'demo-adviser', `request:${requestId}`)).toBe(openedBefore);
	await inboxItem(paNoJs).getByRole('link').click();
	await paNoJs.getByRole('button', { name: 'Mark as read' }).click();
	await expect(paNoJs.getByRole('button', { name: 'Mark as read' })).toHaveCount(0);
	await paNoJs.goto('/staff');
	await expect(inboxItem(paNoJs)).not.toContainText('Unread');
	expect(auditCount('request-opened', 'demo-adviser', `request:${requestId}`)).toBe(
		openedBefore + 1
	);
});
