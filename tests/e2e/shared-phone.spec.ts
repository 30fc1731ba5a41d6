import {
	expect,
	request as playwrightRequest,
	type BrowserContext,
	type Page
} from '@playwright/test';
import { expectNoAxeViolations } from './a11y';
import { DEMO_DB, DEMO_PASSWORD, queryDatabase, signIn, uniqueAddress } from './helpers';
import { test, waitForOfflinePack } from './pwa';

// Two young people share one phone: Riley (demo-leaver-2) and Jordan (demo-leaver). Each test
// starts its own Chromium with a service worker, which saves the whole offer on its first visit:
// one at a time keeps CI's two cores free.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

/** How many requests and replies hold `text`, by anyone: what reached the server at all. */
function messagesWith(text: string) {
	return queryDatabase<{ n: number }>(
		DEMO_DB,
		'SELECT count(*) AS n FROM request_message WHERE body LIKE ?',
		`%${text}%`
	)[0].n;
}

function requestsOf(username: string, text: string) {
	return queryDatabase<{ n: number }>(
		DEMO_DB,
		`SELECT count(*) AS n FROM support_request r JOIN user u ON u.id = r.leaver_id
		 JOIN request_message m ON m.request_id = r.id
		 WHERE u.username = ? AND m.body LIKE ?`,
		username,
		`%${text}%`
	)[0].n;
}

/** Another client holding the phone's session cookie now: what the server makes of that cookie. */
async function clientWithPhoneCookie(context: BrowserContext, baseURL: string) {
	const cookies = (await context.cookies()).filter((cookie) => cookie.name === 'session');
	expect(cookies, 'the phone holds a session cookie').toHaveLength(1);
	return playwrightRequest.newContext({
		baseURL,
		storageState: { cookies, origins: [] },
		extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress(), origin: baseURL, accept: 'text/html' }
	});
}

/** Whether a client's session cookie still opens a care leaver's page. */
async function opensRequests(client: Awaited<ReturnType<typeof clientWithPhoneCookie>>) {
	const response = await client.get('/requests', { maxRedirects: 0 });
	return response.status() === 200;
}

/** The session on the phone ends elsewhere: "Sign out everywhere" on another device, or time. */
async function endPhoneSessionElsewhere(context: BrowserContext, baseURL: string) {
	const elsewhere = await clientWithPhoneCookie(context, baseURL);
	const response = await elsewhere.post('/logout', { form: {}, maxRedirects: 0 });
	expect(response.status()).toBe(303);
	await elsewhere.dispose();
}

/** What waits in the phone's outbox (IndexedDB), as the service worker and the page see it. */
function outboxSize(page: Page) {
	return page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('local-offer-outbox');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains('items')) {
						db.close();
						resolve(0);
						return;
					}
					const count = db.transaction('items').objectStore('items').count();
					count.onsuccess = () => {
						db.close();
						resolve(count.result);
					};
					count.onerror = () => reject(count.error);
				};
			})
	);
}

async function writeRequestOffline(page: Page, context: BrowserContext, message: string) {
	await page.goto('/requests/new');
	await expect(page.getByRole('button', { name: 'Send to my PA' })).toBeVisible();
	await context.setOffline(true);
	await page.getByLabel('What is it about?').selectOption('money');
	await page.getByLabel('Your message').fill(message);
	await page.getByRole('button', { name: 'Send to my PA' }).click();
	await expect(
		page.getByRole('heading', { name: "Will send when you're back online" })
	).toBeVisible();
}

test('words waiting on a shared phone are sent only as the person who wrote them, and never shown to the next person', async ({
	profile: { context, page },
	baseURL
}) => {
	const marker = `shared-phone-${Date.now()}`;
	await page.goto('/');
	await waitForOfflinePack(page);

	// Riley writes with no signal; meanwhile Riley's session ends elsewhere.
	await signIn(page, 'demo-leaver-2');
	await writeRequestOffline(page, context, `${marker} first from Riley`);
	await endPhoneSessionElsewhere(context, baseURL!);
	await context.setOffline(false);
	// Nobody is signed in: the words wait on the phone for Riley.
	await page.goto('/');
	await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
	expect(await outboxSize(page)).toBe(1);

	// Riley signs in again: they go, as Riley's.
	await signIn(page, 'demo-leaver-2');
	await expect.poll(() => requestsOf('demo-leaver-2', `${marker} first`)).toBe(1);
	await expect.poll(() => outboxSize(page)).toBe(0);

	// Riley writes again with no signal, the session ends elsewhere, and Jordan signs in here.
	await writeRequestOffline(page, context, `${marker} second from Riley`);
	await endPhoneSessionElsewhere(context, baseURL!);
	await context.setOffline(false);
	await signIn(page, 'demo-leaver');
	await page.goto('/requests');
	await expect(page.getByRole('heading', { level: 1, name: 'Your requests' })).toBeVisible();
	// Deleted from the phone unsent, and never shown to Jordan.
	await expect.poll(() => outboxSize(page)).toBe(0);
	await expect(page.getByText(marker)).toHaveCount(0);
	await expect(page.getByRole('heading', { name: /Waiting to send/ })).toHaveCount(0);
	await expectNoAxeViolations(page);
	expect(requestsOf('demo-leaver', marker)).toBe(0);
	expect(messagesWith(`${marker} second`)).toBe(0);

	// Nor did it reach Jordan's PA.
	const pa = await playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress(), origin: baseURL!, accept: 'text/html' }
	});
	const signedIn = await pa.post('/login', {
		form: { username: 'demo-adviser', password: DEMO_PASSWORD },
		maxRedirects: 0
	});
	expect(signedIn.status()).toBe(303);
	const inbox = await pa.get('/staff');
	expect(inbox.status()).toBe(200);
	expect(await inbox.text()).not.toContain(`${marker} second`);
	await pa.dispose();
});

test('signing out with no signal signs out on the phone at once, and on the server as soon as the signal is back', async ({
	profile: { context, page },
	baseURL
}) => {
	await page.goto('/');
	await waitForOfflinePack(page);
	await signIn(page, 'demo-leaver');
	await page.goto('/requests');
	await expect(page.getByRole('heading', { level: 1, name: 'Your requests' })).toBeVisible();
	const oldCookie = await clientWithPhoneCookie(context, baseURL!);

	await context.setOffline(true);
	await page.getByRole('button', { name: /Sign out/ }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: "You're signed out on this phone" })
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
	await expect(page.getByRole('button', { name: /Sign out/ })).toHaveCount(0);
	await expectNoAxeViolations(page);

	// With no signal, no page of Jordan's can be shown again on the phone: not by going back,
	// nor by opening it.
	await page.goBack();
	await expect(page.getByRole('heading', { level: 1, name: 'Your requests' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: /Sign out/ })).toHaveCount(0);
	await page.goto('/requests');
	await expect(
		page.getByRole('heading', { level: 1, name: "You're signed out on this phone" })
	).toBeVisible();
	// The server has not heard yet: the cookie (which the phone cannot delete) still works there.
	expect(await opensRequests(oldCookie)).toBe(true);

	// Signal again: the sign-out goes to the server before anything else, unasked.
	await context.setOffline(false);
	await expect.poll(() => opensRequests(oldCookie), { timeout: 15_000 }).toBe(false);
	await page.goto('/requests');
	await expect(page).toHaveURL(/\/login/);
	expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('session');
	await oldCookie.dispose();
});
