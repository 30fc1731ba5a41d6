import {
	expect,
	request as playwrightRequest,
	test,
	type Browser,
	type Page
} from '@playwright/test';
import { DEMO_DB, DEMO_PASSWORD, queryDatabase, signIn, uniqueAddress } from './helpers';

// Whole journeys across several devices: allow for a slow, busy CI machine.
test.describe.configure({ timeout: 120_000 });

const NEW_PASSWORD = 'blue kettle sunrise';

async function newPage(browser: Browser) {
	const context = await browser.newContext({
		extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress() }
	});
	return context.newPage();
}

function storedEndpoints(marker: string) {
	return queryDatabase<{ endpoint: string }>(
		DEMO_DB,
		'SELECT endpoint FROM push_subscription WHERE endpoint LIKE ? ORDER BY endpoint',
		`%${marker}%`
	).map((row) => row.endpoint);
}

/** The same request the notifications button sends, from this device's signed-in session. */
async function turnOnNotifications(page: Page, endpoint: string) {
	const response = await page.request.post('/api/push', {
		data: { endpoint, keys: { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) } }
	});
	expect(response.status(), endpoint).toBe(201);
}

test('turning on notifications refuses any address that is not a public push service', async ({
	baseURL
}) => {
	const marker = `ssrf-${Date.now()}`;
	const leaver = await playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress(), origin: baseURL! }
	});
	const signedIn = await leaver.post('/login', {
		form: { username: 'demo-leaver', password: DEMO_PASSWORD },
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	expect(signedIn.status()).toBe(303);
	const keys = { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) };
	for (const endpoint of [
		`http://169.254.169.254/latest/meta-data/${marker}`,
		`https://169.254.169.254/${marker}`,
		`https://127.0.0.1/${marker}`,
		`https://[::1]/${marker}`,
		`https://10.0.0.5/${marker}`,
		`https://192.168.1.1/${marker}`,
		`https://fcm.googleapis.com.evil.example/${marker}`,
		`https://evil.example/fcm.googleapis.com/${marker}`,
		`https://fcm.googleapis.com@evil.example/${marker}`,
		`https://fcm.googleapis.com:8443/fcm/send/${marker}`
	]) {
		const response = await leaver.post('/api/push', { data: { endpoint, keys } });
		expect(response.status(), endpoint).toBe(400);
		expect((await response.json()).message, endpoint).toMatch(/not the address of a push service/);
	}
	expect(storedEndpoints(marker)).toEqual([]);

	const real = `https://fcm.googleapis.com/fcm/send/${marker}`;
	expect((await leaver.post('/api/push', { data: { endpoint: real, keys } })).status()).toBe(201);
	expect(storedEndpoints(marker)).toEqual([real]);
	expect((await leaver.delete('/api/push', { data: { endpoint: real } })).status()).toBe(200);
	expect(storedEndpoints(marker)).toEqual([]);
});

test('signing out turns notifications off on that device; signing out everywhere, on all', async ({
	browser
}) => {
	const pa = await newPage(browser);
	await signIn(pa, 'demo-adviser');
	await pa.goto('/staff/leavers/new');
	await pa.getByLabel('First name').fill('Robin');
	await pa.getByLabel('Date of birth').fill('2006-03-03');
	await pa.getByRole('button', { name: 'Add and get a code' }).click();
	const code = (await pa.getByTestId('invite-code').textContent())!.trim();

	const marker = `devices-${Date.now()}`;
	const username = `robin-${Date.now().toString(36)}`;
	const phone = await newPage(browser);
	await phone.goto('/join');
	await phone.getByLabel('Your code').fill(code);
	await phone.getByLabel('Username').fill(username);
	await phone.getByLabel('Password').fill(NEW_PASSWORD);
	await phone.getByRole('button', { name: 'Make my account' }).click();
	await expect(phone.getByRole('button', { name: /Sign out/ }).first()).toBeVisible();
	const laptop = await newPage(browser);
	await signIn(laptop, username, NEW_PASSWORD);
	const tablet = await newPage(browser);
	await signIn(tablet, username, NEW_PASSWORD);

	// Loopback addresses: the e2e server allows them for its fake push service (nothing listens
	// on port 9, so a notice sent there meanwhile goes nowhere).
	const at = (device: string) => `http://127.0.0.1:9/push/${marker}-${device}`;
	await turnOnNotifications(phone, at('phone'));
	await turnOnNotifications(laptop, at('laptop'));
	await turnOnNotifications(tablet, at('tablet'));

	await laptop.getByRole('button', { name: /Sign out/ }).click();
	await expect(laptop).toHaveURL(/\/login/);
	expect(storedEndpoints(marker)).toEqual([at('phone'), at('tablet')]);

	// The only other device left in the phone's list is the tablet.
	await phone.goto('/account');
	await phone
		.getByRole('listitem')
		.filter({ hasText: 'Last used' })
		.filter({ hasNotText: 'This device' })
		.getByRole('button', { name: /Sign out this one/ })
		.click();
	await expect(phone.getByRole('status')).toContainText('Signed out');
	expect(storedEndpoints(marker)).toEqual([at('phone')]);

	await signIn(laptop, username, NEW_PASSWORD);
	await turnOnNotifications(laptop, at('laptop'));
	await phone.getByRole('button', { name: 'Sign out everywhere' }).click();
	await expect(phone).toHaveURL(/\/login/);
	expect(storedEndpoints(marker)).toEqual([]);
});
