import { expect, test as base } from '@playwright/test';
import { signIn, signInRequest } from './helpers';
import { test, waitForOfflinePack } from './pwa';

/**
 * Data costs young people money: installing the app downloads the code of the pages they can
 * open and one language's offline pack, in one response. Staff pages' code loads only when staff
 * use it. `npm run bench` measures the bytes a first visit and the install cost.
 */
test.describe.configure({ mode: 'serial', timeout: 60_000 });

interface PackFile {
	url: string;
	headers: Record<string, string>;
	body: string;
}

/** The script of the page itself (SvelteKit's leaf node, `_app/immutable/nodes/N.hash.js`). */
function pageScript(html: string) {
	const leaf = /leaf:\s*\[\s*\w+\s*,\s*(\d+)\s*\]/.exec(html)?.[1];
	const file = new RegExp(`_app/immutable/nodes/${leaf}\\.[\\w-]+\\.js`).exec(html)?.[0];
	expect(file, 'the page names its script').toBeTruthy();
	return file!;
}

test("installing keeps young people's pages' code, not the staff pages', which still work", async ({
	profile: { page }
}) => {
	await page.goto('/offers/staying-put');
	await waitForOfflinePack(page);
	const worker = await (await page.request.get('/service-worker.js')).text();
	const precached = new Set([...worker.matchAll(/"url":"([^"]+)"/g)].map((match) => match[1]));
	expect(precached.size).toBeGreaterThan(10);

	const offerScript = pageScript(await page.content());
	expect(precached.has(offerScript), `${offerScript} of an offer page is precached`).toBe(true);

	await signIn(page, 'demo-lead');
	const fromNetwork: string[] = [];
	page.on('response', (response) => {
		if (response.url().includes('/_app/immutable/nodes/') && response.ok()) {
			fromNetwork.push(new URL(response.url()).pathname.slice(1));
		}
	});
	await page.goto('/lead/offers');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	const leadScript = pageScript(await page.content());
	expect(precached.has(leadScript), `${leadScript} of a staff page is not precached`).toBe(false);
	// The staff page's own code came from the network, and the page runs: a link opens the next
	// page in place (SvelteKit's router), not by loading a whole new document.
	expect(fromNetwork).toContain(leadScript);
	await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
	await page.getByRole('link', { name: 'Lead', exact: true }).first().click();
	await expect(page).toHaveURL(/\/lead$/);
	expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});

base(
	'the offline pack comes whole in one response, in the language asked for, and costs a 304 when unchanged',
	async ({ request, playwright, baseURL }) => {
		const response = await request.get('/api/offline-pack?language=ar', {
			headers: { 'accept-encoding': 'gzip, deflate, br' }
		});
		expect(response.status()).toBe(200);
		// Brotli where the browser takes it (every current one does); gzip where it takes only that.
		expect(response.headers()['content-encoding']).toBe('br');
		const gzipped = await request.get('/api/offline-pack?language=ar', {
			headers: { 'accept-encoding': 'gzip' }
		});
		expect(gzipped.headers()['content-encoding']).toBe('gzip');
		expect(((await gzipped.json()) as { language: string }).language).toBe('ar');
		const pack = (await response.json()) as {
			language: string;
			queryFreePages: string[];
			files: PackFile[];
		};
		expect(pack.language).toBe('ar');
		const urls = pack.files.map((file) => file.url);
		const offers = (await (await request.get('/api/offers?language=ar')).json()) as {
			slug: string;
		}[];
		expect(urls).toEqual(
			expect.arrayContaining([
				'/api/offers?language=ar',
				'/ar',
				'/ar/offers',
				'/ar/check',
				'/ar/help',
				'/ar/offline',
				...offers.map((offer) => `/ar/offers/${offer.slug}`)
			])
		);
		expect(urls.some((url) => /^\/i18n\/ar\.js\?v=/.test(url))).toBe(true);
		// One language, not all of them.
		expect(urls.filter((url) => url === '/help' || url.startsWith('/fa/'))).toEqual([]);
		const help = pack.files.find((file) => file.url === '/ar/help')!;
		expect(help.body).toContain('<html lang="ar" dir="rtl"');
		expect(help.headers['content-type']).toMatch(/^text\/html/);
		expect(help.headers['content-security-policy']).toContain('script-src');
		// The checker's page reads nothing from its query: its saved copy answers /ar/check?age=19.
		expect(pack.queryFreePages).toContain('/ar/check');

		const etag = response.headers()['etag'];
		expect(etag).toBeTruthy();
		const again = await request.get('/api/offline-pack?language=ar', {
			headers: { 'if-none-match': etag }
		});
		expect(again.status()).toBe(304);
		// Another language is another pack, with another tag.
		const english = await request.get('/api/offline-pack?language=en', {
			headers: { 'if-none-match': etag }
		});
		expect(english.status()).toBe(200);
		expect(((await english.json()) as { language: string }).language).toBe('en');
		// A language the app does not speak gets the English pack, as its addresses would.
		const unknown = await request.get('/api/offline-pack?language=xx');
		expect(((await unknown.json()) as { language: string }).language).toBe('en');

		// Public information only, even when a signed-in phone asks with its cookie.
		const signedIn = await playwright.request.newContext({ baseURL });
		await signInRequest(signedIn, 'demo-leaver', baseURL!);
		const theirs = (await (await signedIn.get('/api/offline-pack?language=en')).json()) as {
			files: PackFile[];
		};
		const home = theirs.files.find((file) => file.url === '/')!;
		expect(home.body).toContain('Sign in');
		expect(home.body).not.toContain('Sign out');
		await signedIn.dispose();
	}
);
