// Council sign-in with real parts: the app (its third test server, with OIDC_* set) and a real
// OpenID provider (tests/e2e/oidc-provider.js: oidc-provider, whose development login form
// takes any login as the account and its verified email). Chromium goes through the whole trip.
import { expect, test, type Page, type Request } from '@playwright/test';
import { expectNoAxeViolations } from './a11y';
import { DEMO_PASSWORD, queryDatabase, uniqueAddress } from './helpers';

/** The third server in playwright.config.ts (OIDC_APP_PORT). */
const APP = `http://localhost:${Number(process.env.E2E_PORT ?? 4173) + 2}`;
const OIDC_DB = '.e2e/oidc/local-offer.db';
const BUTTON = 'Sign in with your Stockton account';

test.use({ baseURL: APP });

test.beforeEach(async ({ page }) => {
	await page.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueAddress() });
});

/** Presses the council button and signs in at the provider's own form as `email`. */
async function signInAtProvider(page: Page, email: string) {
	await page.goto('/login');
	await page.getByRole('button', { name: BUTTON }).click();
	await page.getByPlaceholder('Enter any login').fill(email);
	await page.getByPlaceholder('and password').fill('anything');
	await page.getByRole('button', { name: 'Sign-in' }).click();
	await page.getByRole('button', { name: 'Continue' }).click();
}

async function signInWithPassword(page: Page, username: string) {
	await page.goto('/login');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await expect(page.getByRole('button', { name: /Sign out/ }).first()).toBeVisible();
}

function auditCount(action: string) {
	return queryDatabase<{ n: number }>(
		OIDC_DB,
		'SELECT count(*) AS n FROM audit_event WHERE action = ?',
		action
	)[0].n;
}

test('an invited PA signs in with the council button and lands on /staff', async ({ page }) => {
	await page.goto('/login');
	await expect(page.getByRole('button', { name: BUTTON })).toBeVisible();
	await expectNoAxeViolations(page);
	await signInAtProvider(page, 'Demo-Adviser@example.org');
	await expect(page).toHaveURL(`${APP}/staff`);
	await expect(page.getByRole('button', { name: /Sign out/ }).first()).toBeVisible();
	const [session] = queryDatabase<{ method: string; mfa: number }>(
		OIDC_DB,
		`SELECT session.method AS method, session.mfa_verified AS mfa FROM session
		 JOIN user ON user.id = session.user_id WHERE user.username = 'demo-adviser'
		 ORDER BY session.created_at DESC LIMIT 1`
	);
	expect(session).toEqual({ method: 'oidc', mfa: 1 });
});

test('a newly invited member of staff needs no code, password or app two-step sign-in', async ({
	page,
	browser
}) => {
	const email = `casey-${Date.now()}@example.org`;
	await signInWithPassword(page, 'demo-lead');
	await page.goto('/lead/staff');
	await page.getByLabel('Full name').fill('Casey Newpa');
	await page.getByLabel('Work email', { exact: true }).fill(email.toUpperCase());
	await page.getByRole('button', { name: 'Invite', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Invite code for Casey Newpa' })).toBeVisible();
	await expect(page.getByText(`Work email: ${email}`)).toBeVisible();
	await expect(page.getByText('has not signed in with a council account yet').last()).toBeVisible();

	// Not a demo account: a password sign-in would owe the app's two-step code.
	const casey = await browser.newPage({ baseURL: APP });
	await casey.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueAddress() });
	await signInAtProvider(casey, email);
	await expect(casey).toHaveURL(`${APP}/staff`);
	await expect(casey.getByRole('button', { name: /Sign out/ }).first()).toBeVisible();
	await casey.close();

	await page.reload();
	const row = page.getByRole('listitem').filter({ hasText: 'Casey Newpa' });
	await expect(row.getByText('signs in with their council account')).toBeVisible();
	await expect(row.getByRole('button', { name: /New invite code/ })).toHaveCount(0);
});

test('an email nobody invited is refused, with no account made', async ({ page }) => {
	const users = queryDatabase<{ n: number }>(OIDC_DB, 'SELECT count(*) AS n FROM user')[0].n;
	const refused = auditCount('sign-in-refused');
	await signInAtProvider(page, 'stranger@example.org');
	await expect(
		page.getByRole('heading', { name: 'Ask your service lead to add you' })
	).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto('/staff');
	await expect(page).toHaveURL(/\/login\?redirectTo=/);
	expect(queryDatabase<{ n: number }>(OIDC_DB, 'SELECT count(*) AS n FROM user')[0].n).toBe(users);
	expect(auditCount('sign-in-refused')).toBe(refused + 1);
});

test('a staff account the lead turned off is refused', async ({ page, browser }) => {
	await signInWithPassword(page, 'demo-lead');
	await page.goto('/lead/staff');
	await page.getByRole('button', { name: 'Turn off Sam Adviser' }).click();
	await expect(
		page.getByText('Sam Adviser is turned off and signed out everywhere.')
	).toBeVisible();

	const sam = await browser.newPage({ baseURL: APP });
	await sam.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueAddress() });
	await signInAtProvider(sam, 'demo-adviser-2@example.org');
	await expect(
		sam.getByRole('heading', { name: 'Ask your service lead to add you' })
	).toBeVisible();
	await sam.goto('/staff');
	await expect(sam).toHaveURL(/\/login\?redirectTo=/);
	await sam.close();
});

/**
 * Changes where a redirect leads. The browser does not route the hops of a redirect, so the
 * request the page makes (`pattern`) is sent from here, its redirects are followed one hop at a
 * time (with the browser's cookies) until one leads to an address `isTarget` picks, and the
 * browser is sent there with `change` made to it.
 */
async function changeRedirect(
	page: Page,
	pattern: string | RegExp,
	isTarget: (url: URL) => boolean,
	change: (url: URL) => void,
	only: (request: Request) => boolean = () => true
) {
	await page.route(pattern, async (route) => {
		if (!only(route.request())) {
			await route.continue();
			return;
		}
		let response = await route.fetch({ maxRedirects: 0 });
		let from = route.request().url();
		for (let hop = 0; hop < 5; hop++) {
			const location = response.headers()['location'];
			if (!location) {
				break;
			}
			const next = new URL(location, from);
			if (isTarget(next)) {
				change(next);
				await route.fulfill({ response, headers: { ...response.headers(), location: next.href } });
				return;
			}
			response = await page.context().request.get(next.href, { maxRedirects: 0 });
			from = next.href;
		}
		throw new Error(`No redirect from ${route.request().url()} reached the address looked for`);
	});
}

test('a callback whose state was changed is refused', async ({ page }) => {
	// The provider's answer after "Continue" (its consent form), with one more letter on its state.
	await changeRedirect(
		page,
		/^http:\/\/127\.0\.0\.1:\d+\/interaction\//,
		(url) => url.pathname === '/login/oidc/callback',
		(url) => url.searchParams.set('state', `${url.searchParams.get('state')}x`),
		(request) => request.method() === 'POST' && /prompt=consent/.test(request.postData() ?? '')
	);
	await signInAtProvider(page, 'demo-lead@example.org');
	await expect(page.getByRole('heading', { name: 'That did not work' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto('/lead');
	await expect(page).toHaveURL(/\/login\?redirectTo=/);
});

test('an ID token made for another nonce is refused', async ({ page }) => {
	// The authorization request is changed on its way to the provider, which then puts the other
	// nonce in the ID token, while the state and the PKCE verifier still match this browser's.
	await changeRedirect(
		page,
		`${APP}/login/oidc`,
		(url) => url.pathname === '/auth',
		(url) => url.searchParams.set('nonce', 'a-nonce-this-browser-never-made')
	);
	await signInAtProvider(page, 'demo-lead@example.org');
	await expect(page.getByRole('heading', { name: 'That did not work' })).toBeVisible();
	await page.goto('/lead');
	await expect(page).toHaveURL(/\/login\?redirectTo=/);
});

test('a callback without a sign-in started in this browser is refused kindly', async ({ page }) => {
	const response = await page.goto('/login/oidc/callback?code=made-up&state=made-up');
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { name: 'That did not work' })).toBeVisible();
});
