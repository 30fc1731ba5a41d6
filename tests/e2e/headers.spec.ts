import { expect, request as playwrightRequest, test, type APIResponse } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { watchCspViolations } from './csp';
import { DEMO_DB, queryDatabase, signIn, signInRequest, uniqueAddress } from './helpers';
import { readWorkerState, test as pwaTest, waitForOfflinePack } from './pwa';

/** The directives a page's policy must have, whatever else it grows. */
function expectStrictPagePolicy(policy: string | undefined) {
	expect(policy, 'a content-security-policy header').toBeTruthy();
	const directives = new Map(
		policy!.split(';').map((part) => {
			const [name, ...values] = part.trim().split(/\s+/);
			return [name, values] as const;
		})
	);
	const scripts = directives.get('script-src') ?? [];
	expect(scripts).toContain("'self'");
	expect(scripts.some((value) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(value))).toBe(true);
	expect(scripts).not.toContain("'unsafe-inline'");
	expect(scripts).not.toContain("'unsafe-eval'");
	expect(directives.get('default-src')).toEqual(["'self'"]);
	expect(directives.get('object-src')).toEqual(["'none'"]);
	expect(directives.get('base-uri')).toEqual(["'none'"]);
	expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
	expect(directives.get('form-action')).toEqual(["'self'"]);
	// No <style> elements from anywhere but this site (style attributes: see security-headers.js).
	expect(directives.get('style-src') ?? []).not.toContain("'unsafe-inline'");
}

function expectBaseHeaders(response: APIResponse) {
	const headers = response.headers();
	expect(headers['x-content-type-options'], response.url()).toBe('nosniff');
	expect(headers['referrer-policy'], response.url()).toBe('strict-origin-when-cross-origin');
	expect(headers['permissions-policy'], response.url()).toBe(
		'camera=(), microphone=(), geolocation=()'
	);
	// The test servers' ORIGIN is http://localhost:PORT: no HSTS over http.
	expect(headers['strict-transport-security'], response.url()).toBeUndefined();
}

const NON_PAGE_POLICY =
	"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

test('a public page has the strict content security policy and the security headers', async ({
	request
}) => {
	const response = await request.get('/offers');
	expect(response.status()).toBe(200);
	expectBaseHeaders(response);
	expectStrictPagePolicy(response.headers()['content-security-policy']);
	// A fresh nonce on every response, and the page's start-up script carries it.
	const again = await request.get('/offers');
	const nonce = (policy: string) => /'nonce-([^']+)'/.exec(policy)?.[1];
	const first = nonce(response.headers()['content-security-policy']);
	expect(first).not.toBe(nonce(again.headers()['content-security-policy']));
	expect(await response.text()).toContain(`nonce="${first}"`);
});

test('a personal page has the policy, the headers and no-store', async ({ request, baseURL }) => {
	await signInRequest(request, 'demo-leaver', baseURL!);
	const response = await request.get('/requests', { maxRedirects: 0 });
	expect(response.status()).toBe(200);
	expectBaseHeaders(response);
	expectStrictPagePolicy(response.headers()['content-security-policy']);
	expect(response.headers()['cache-control']).toBe('no-store');
});

test('API answers, the theme, the manifest and static files get the headers and a policy that runs nothing', async ({
	request
}) => {
	const api = await request.get('/api/offers');
	expect(api.status()).toBe(200);
	const events = await request.post('/api/events', { data: { visitor: 'x', events: [] } });
	expect(events.status()).toBe(400);
	const home = await (await request.get('/')).text();
	const script = /_app\/immutable\/entry\/start\.[\w-]+\.js/.exec(home)?.[0];
	expect(script, 'the start-up script on the home page').toBeTruthy();
	for (const path of [
		'/api/offers',
		'/theme.css',
		'/manifest.webmanifest',
		'/logo.svg',
		'/robots.txt',
		`/${script}`
	]) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(200);
		expectBaseHeaders(response);
		expect(response.headers()['content-security-policy'], path).toBe(NON_PAGE_POLICY);
	}
	for (const response of [events]) {
		expectBaseHeaders(response);
		expect(response.headers()['content-security-policy']).toBe(NON_PAGE_POLICY);
	}
	// The service worker takes its script's policy: this site only, so it can still save the offer.
	const worker = await request.get('/service-worker.js');
	expectBaseHeaders(worker);
	expect(worker.headers()['content-security-policy']).toBe(
		"default-src 'self'; object-src 'none'; base-uri 'none'"
	);
});

test('signing out sends Clear-Site-Data for cookies and cache, never storage', async ({
	baseURL
}) => {
	const context = await playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress(), origin: baseURL!, accept: 'text/html' }
	});
	await signInRequest(context, 'demo-leaver', baseURL!);
	const response = await context.post('/logout', { form: {}, maxRedirects: 0 });
	expect(response.status()).toBe(303);
	expect(response.headers()['clear-site-data']).toBe('"cache", "cookies"');
	expectBaseHeaders(response);
	// Still signed out on the next request.
	const after = await context.get('/requests', { maxRedirects: 0 });
	expect(after.status()).toBe(303);
	await context.dispose();
});

pwaTest(
	'after signing out the session cookie is gone but the offline offer stays on the phone',
	async ({ profile: { context, page } }) => {
		pwaTest.setTimeout(90_000);
		await page.goto('/');
		await waitForOfflinePack(page);
		await signIn(page, 'demo-leaver');
		// A cookie the app never sets, so only Clear-Site-Data can remove it.
		await context.addCookies([{ name: 'marker', value: '1', url: page.url() }]);
		// The service worker passes the Sign out form to the server (and answers it itself with no
		// signal), so the server's answer is the worker's request, not the page's.
		const signOut = context.waitForEvent(
			'response',
			(response) =>
				response.url().endsWith('/logout') &&
				response.request().method() === 'POST' &&
				!response.fromServiceWorker()
		);
		await page.getByRole('button', { name: /Sign out/ }).click();
		// allHeaders(): Playwright's headers() leaves out security-related ones.
		expect((await (await signOut).allHeaders())['clear-site-data']).toBe('"cache", "cookies"');
		await expect(page).toHaveURL(/\/login/);
		expect((await context.cookies()).map((cookie) => cookie.name)).toEqual([]);
		const { controlled, pack } = await readWorkerState(page);
		expect(controlled).toBe(true);
		expect(pack?.complete).toBe(true);
		await context.setOffline(true);
		await page.goto('/help');
		await expect(page.getByRole('heading', { level: 1, name: 'Urgent help' })).toBeVisible();
		await context.setOffline(false);
	}
);

test.describe('the pages work under the policy', () => {
	// The service worker must start under the policy too.
	test.use({ serviceWorkers: 'allow' });
	const PAGES: Record<string, string[]> = {
		anonymous: ['/', '/offers', '/offers/council-tax-exemption', '/help', '/feedback', '/login'],
		'demo-leaver': ['/requests', '/requests/new', '/saved', '/account', '/account/mfa'],
		'demo-adviser': ['/staff', '/staff/leavers', '/staff/leavers/new'],
		'demo-lead': ['/lead', '/lead/staff', '/lead/settings', '/lead/audit']
	};
	for (const [role, paths] of Object.entries(PAGES)) {
		test(`no policy violations on the main pages as ${role}`, async ({ page }) => {
			await page.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueAddress() });
			const violations = await watchCspViolations(page);
			if (role !== 'anonymous') {
				await signIn(page, role);
			}
			for (const path of paths) {
				await page.goto(path);
				await expect(page.locator('h1').first()).toBeVisible();
			}
			// The council's colours arrive through /theme.css, a stylesheet the policy allows.
			expect(
				await page.evaluate(() =>
					[...document.styleSheets].some(
						(sheet) => sheet.href?.includes('/theme.css') && sheet.cssRules.length > 0
					)
				)
			).toBe(true);
			// A move inside the app: SvelteKit's router and its route announcer (style attributes).
			await page.getByRole('link', { name: 'Urgent help' }).first().click();
			await expect(page.getByRole('heading', { level: 1, name: 'Urgent help' })).toBeVisible();
			await expect(page.locator('#svelte-announcer')).toHaveCSS('position', 'absolute');
			// The service worker is registered and runs.
			expect(
				await page.evaluate(async () =>
					Boolean((await navigator.serviceWorker.ready).active?.scriptURL)
				)
			).toBe(true);
			expect(violations).toEqual([]);
		});
	}

	test('the eligibility checker runs its rules in the browser under the policy', async ({
		page
	}) => {
		const violations = await watchCspViolations(page);
		await page.goto('/check');
		await page.getByLabel('How old are you?').fill('19');
		await page.getByRole('radio', { name: /I've left care/ }).check();
		await page.getByRole('checkbox', { name: /I live in/ }).check();
		await page.getByRole('button', { name: 'Show what I can get' }).click();
		await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
		expect(violations).toEqual([]);
	});
});

/** Every +server.ts under src/routes/api with a handler that changes data. */
function discoverWritingEndpoints() {
	const found: { route: string; method: string }[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) {
				walk(path);
				continue;
			}
			if (name !== '+server.ts' && name !== '+server.js') {
				continue;
			}
			const route = '/' + relative('src/routes', dir).split('/').filter(Boolean).join('/');
			const source = readFileSync(path, 'utf8');
			for (const match of source.matchAll(
				/export (?:const|async function|function) (POST|PUT|PATCH|DELETE)\b/g
			)) {
				found.push({ route, method: match[1] });
			}
		}
	};
	walk('src/routes/api');
	return found;
}

test('every JSON endpoint that changes data refuses another site, whoever is signed in', async ({
	baseURL
}) => {
	const endpoints = discoverWritingEndpoints();
	expect(endpoints.length).toBeGreaterThanOrEqual(5);
	const [request] = queryDatabase<{ id: number }>(
		DEMO_DB,
		"SELECT r.id FROM support_request r JOIN user u ON u.id = r.leaver_id WHERE u.username = 'demo-leaver' LIMIT 1"
	);
	// Rows this test could have caused, found by its own marker (other tests may write at the same time).
	const marker = `cross-site-${Date.now()}`;
	const markerAt = Date.now() - 61_000;
	const counts = () =>
		queryDatabase<{ n: number }>(
			DEMO_DB,
			`SELECT (SELECT count(*) FROM support_request WHERE idempotency_key LIKE @prefix)
			 + (SELECT count(*) FROM request_message WHERE idempotency_key LIKE @prefix OR body LIKE @contains)
			 + (SELECT count(*) FROM push_subscription WHERE endpoint LIKE @contains)
			 + (SELECT count(*) FROM analytics_event WHERE at = @at) AS n`,
			{ prefix: `${marker}%`, contains: `%${marker}%`, at: markerAt }
		)[0].n;
	const failures: string[] = [];
	for (const role of ['anonymous', 'demo-leaver', 'demo-adviser', 'demo-lead']) {
		const context = await playwrightRequest.newContext({
			baseURL,
			extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress() }
		});
		if (role !== 'anonymous') {
			await signInRequest(context, role, baseURL!);
		}
		// Another site's Origin, or a browser's word that the request is cross-site (no Origin).
		const crossSite: Record<string, string>[] = [
			{ origin: 'https://evil.example' },
			{ 'sec-fetch-site': 'cross-site' }
		];
		for (const [{ route, method }, marks] of endpoints.flatMap((e) =>
			crossSite.map((marks) => [e, marks] as const)
		)) {
			const path = route.replace(/\[[^\]]+\]/g, String(request?.id ?? 1));
			const response = await context.fetch(path, {
				method,
				headers: { ...marks, 'content-type': 'application/json' },
				data: {
					visitor: 'aaaaaaaaaaaaaaaaaaaa',
					events: [{ type: 'page_view', path: '/', at: new Date(markerAt).toISOString() }],
					topic: 'money',
					message: `sent from another site ${marker}`,
					contactBy: 'app',
					idempotencyKey: `${marker}-${role}`,
					endpoint: `https://fcm.googleapis.com/fcm/send/${marker}`,
					keys: { p256dh: 'x'.repeat(87), auth: 'x'.repeat(22) }
				}
			});
			if (response.status() !== 403) {
				failures.push(
					`${method} ${path} as ${role} ${JSON.stringify(marks)}: ${response.status()}`
				);
			}
		}
		await context.dispose();
	}
	expect(failures).toEqual([]);
	expect(counts(), 'rows stored from cross-site requests').toBe(0);
});
