import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import Database from 'better-sqlite3';

export const DEMO_PASSWORD = 'care-leavers-demo-2026';
export const DEMO_DB = '.e2e/demo/local-offer.db';
export const NO_DEMO_DB = '.e2e/no-demo/local-offer.db';

let addressCounter = 0;
/** A made-up client address of its own, so one test's sign-in throttle never holds back another. */
export function uniqueAddress() {
	addressCounter += 1;
	return `10.${process.pid % 250}.${Math.floor(addressCounter / 250) % 250}.${addressCounter % 250}`;
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('button', { name: /Sign out/ }).first()).toBeVisible();
}

/** Signs an API request context in by posting the login form, as a browser without JS would. */
export async function signInRequest(request: APIRequestContext, username: string, baseURL: string) {
	const response = await request.post('/login', {
		form: { username, password: DEMO_PASSWORD },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), `sign in as ${username}`).toBe(303);
}

/** Read-only look into the e2e server's database, for facts a person cannot see on a page. */
export function queryDatabase<T>(path: string, sql: string, ...params: unknown[]): T[] {
	const db = new Database(path, { readonly: true, fileMustExist: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

export function userId(path: string, username: string): number {
	const [row] = queryDatabase<{ id: number }>(
		path,
		'SELECT id FROM user WHERE username = ?',
		username
	);
	if (!row) {
		throw new Error(`No user ${username}`);
	}
	return row.id;
}

/**
 * Holds the page's scripts back, as a slow phone signal would, so a test can type into the page
 * the server sent before it hydrates. Call the returned function to let the scripts through.
 */
export async function holdScripts(page: Page) {
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	return release;
}

/** A page in a browser context of its own (its own cookies, its own sign-in throttle address). */
export async function newPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
	const context = await browser.newContext({
		...options,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress() }
	});
	return context.newPage();
}
