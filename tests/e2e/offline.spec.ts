import { expect } from '@playwright/test';
import Database from 'better-sqlite3';
import { PERSONAL_PATHS } from '../../src/lib/personal-paths';
import { expectNoAxeViolations, PHONE_WIDTH, sidewaysScrolling } from './a11y';
import { DEMO_DB, DEMO_PASSWORD, queryDatabase, signIn } from './helpers';
import { readWorkerState, startDeployProxy, test, waitForOfflinePack } from './pwa';

// Each test starts its own Chromium with a service worker, which saves the whole offer on its
// first visit: one at a time keeps CI's two cores free, with time to spare for the saving.
test.describe.configure({ mode: 'serial', timeout: 60_000 });

test('after one visit to the home page, the whole offer, urgent help and the checker work offline', async ({
	profile: { context, page }
}) => {
	await page.goto('/');
	await waitForOfflinePack(page);
	await context.setOffline(true);

	// Never opened before.
	await page.goto('/offers/staying-put');
	await expect(page.getByRole('heading', { level: 1, name: /Staying put/ })).toBeVisible();
	await expect(
		page.getByRole('region', { name: 'How to get it' }).getByRole('listitem').first()
	).toBeVisible();
	// Said once the page's script runs, which on a busy machine can take a while from the saved copy.
	await expect(page.getByText(/You're offline/)).toBeVisible({ timeout: 30_000 });
	await expect(page.getByText(/showing saved information from \d+ \w+ \d{4}/)).toBeVisible();

	await page.goto('/help');
	await expect(page.getByRole('heading', { level: 1, name: 'Urgent help' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Call 116 123' })).toHaveAttribute(
		'href',
		'tel:116123'
	);

	// What changed, and what the council did about what young people said.
	await page.goto('/whats-new');
	await expect(page.getByRole('heading', { level: 1, name: "What's new" })).toBeVisible();
	await page.goto('/you-said-we-did');
	await expect(page.getByRole('heading', { level: 1, name: 'You said, we did' })).toBeVisible();

	await page.goto('/offers?category=money');
	await expect(page.getByRole('heading', { level: 1, name: 'Money' })).toBeVisible();
	// Moving on by tapping a link: SvelteKit's router cannot reach the server, loads the page in
	// full, and the service worker answers from the saved copy.
	await page
		.getByRole('link', { name: /council tax/i })
		.first()
		.click();
	await expect(page).toHaveURL(/\/offers\/council-tax-exemption$/);
	await expect(page.getByRole('heading', { name: 'How to get it' })).toBeVisible();

	// The checker's rules run in the browser on the saved /api/offers.
	await page.goto('/check');
	await page.getByLabel('How old are you?').fill('19');
	await page.getByRole('radio', { name: /I've left care/ }).check();
	await page.getByRole('checkbox', { name: /I live in/ }).check();
	await page.getByRole('button', { name: 'Show what I can get' }).click();
	await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
	await expect(
		page.getByRole('region', { name: 'Your results' }).getByRole('link', { name: /council tax/i })
	).toBeVisible();

	// Search needs the server: the offline page, with urgent help and the saved topics.
	await page.goto('/offers?q=bursary');
	await expect(
		page.getByRole('heading', { level: 1, name: 'This page is not saved on your phone' })
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Call 999' })).toBeVisible();
	await expect(page.getByRole('link', { name: /Money/ }).first()).toHaveAttribute(
		'href',
		'/offers?category=money'
	);
	await expectNoAxeViolations(page);

	await context.setOffline(false);
	await expect(page.getByText(/You're offline/)).toBeHidden();
});

test('in Arabic, the pack holds the Arabic pages (not every language), and they read offline', async ({
	profile: { context, page }
}) => {
	await page.goto('/ar');
	await waitForOfflinePack(page);
	const { pack, cached } = await readWorkerState(page);
	expect(pack?.language).toBe('ar');
	// One language only: data costs money.
	expect(cached.some((url) => new URL(url).pathname === '/offers/staying-put')).toBe(false);
	expect(cached.some((url) => new URL(url).pathname === '/ar/offers/staying-put')).toBe(true);
	// Installed from an Arabic page, the app is named and opens in Arabic, shortcuts too.
	const cdp = await context.newCDPSession(page);
	const manifest = await cdp.send('Page.getAppManifest');
	expect(manifest.url).toMatch(/\/manifest\.webmanifest\?language=ar$/);
	expect(JSON.parse(manifest.data ?? '{}')).toMatchObject({
		lang: 'ar',
		dir: 'rtl',
		start_url: '/ar',
		shortcuts: [
			{ name: 'مساعدة عاجلة', url: '/ar/help' },
			{ name: 'اسأل مستشارك الشخصي', url: '/ar/requests/new' }
		]
	});
	await context.setOffline(true);

	// Never opened before, in Arabic, right to left.
	await page.goto('/ar/offers/council-tax-exemption');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'الإعفاء من ضريبة المجلس (council tax)'
	);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	// Urgent help: each number reads left to right inside the Arabic.
	await page.goto('/ar/help');
	for (const number of ['999', '116 123', '85258']) {
		const link = page.locator(
			`a[href^="tel:${number.replace(' ', '')}"], a[href^="sms:${number}"]`
		);
		await expect(link.locator('[dir="ltr"]').first()).toHaveText(number);
	}
	// An English address (a home screen icon) opens the saved Arabic page.
	await page.goto('/offers/staying-put');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	await expectNoAxeViolations(page);
	await context.setOffline(false);
});

test('in Arabic on a 360 px phone, a young person reads an offer, checks what they can get, asks their PA, and reads on offline', async ({
	profile: { context, page }
}) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
	const fitsThePhone = async () => expect(await sidewaysScrolling(page)).toEqual([]);

	// Chooses Arabic from the header of the first page they open.
	await page.goto('/');
	await page.getByRole('link', { name: 'Language: English' }).click();
	await page.getByRole('button', { name: /^العربية/ }).click();
	await expect(page).toHaveURL(/\/ar$/);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

	// Reads an offer, found through its topic.
	await page.goto('/ar/offers?category=money');
	await page
		.getByRole('link', { name: /الإعفاء من ضريبة المجلس/ })
		.first()
		.click();
	await expect(page).toHaveURL(/\/ar\/offers\/council-tax-exemption$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'الإعفاء من ضريبة المجلس (council tax)'
	);
	await fitsThePhone();
	await expectNoAxeViolations(page);

	// Checks what they can get: 19, left care, lives in the borough.
	await page.goto('/ar/check');
	await page.locator('#age').fill('19');
	await page.locator('#history-left-care').check();
	await page.locator('input[name="livesInArea"]').check();
	await page.getByRole('button', { name: 'أظهر ما يمكنني الحصول عليه' }).click();
	await expect(page.getByRole('heading', { name: 'نتائجك' })).toBeVisible();
	await expect(
		page.locator('section[aria-labelledby="results"]').getByRole('link', {
			name: /الإعفاء من ضريبة المجلس/
		})
	).toBeVisible();
	await fitsThePhone();
	await expectNoAxeViolations(page);

	// Signs in and asks their PA, in Arabic.
	const marker = `journey-ar-${Date.now()}`;
	await page.goto('/ar/login?redirectTo=%2Far%2Frequests%2Fnew');
	await page.getByLabel('اسم المستخدم').fill('demo-leaver-2');
	await page.getByLabel('كلمة المرور').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
	await expect(page).toHaveURL(/\/ar\/requests\/new$/);
	await page.getByLabel('عن ماذا تريد أن تسأل؟').selectOption('money');
	await page.getByLabel('رسالتك').fill(`${marker} help with council tax`);
	await page.getByRole('button', { name: 'أرسل إلى مستشاري الشخصي' }).click();
	await expect(page).toHaveURL(/\/ar\/requests\/\d+\?sent=1/);
	await expect(page.getByText(/^تم الإرسال\./)).toBeVisible();
	await fitsThePhone();
	expect(
		queryDatabase<{ count: number }>(
			DEMO_DB,
			'SELECT count(*) AS count FROM request_message WHERE body LIKE ?',
			`${marker}%`
		)
	).toEqual([{ count: 1 }]);
	// Choosing a language before signing in leaves their account as it was.
	expect(
		queryDatabase<{ language: string | null }>(
			DEMO_DB,
			'SELECT language FROM user WHERE username = ?',
			'demo-leaver-2'
		)
	).toEqual([{ language: null }]);

	// No signal: the Arabic pages are still there, offers they never opened included.
	await waitForOfflinePack(page);
	expect((await readWorkerState(page)).pack?.language).toBe('ar');
	await context.setOffline(true);
	await page.goto('/ar/offers/staying-put');
	await expect(page.getByRole('heading', { level: 1 })).toContainText(/[\u0600-\u06ff]/);
	await page.goto('/ar/help');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('مساعدة عاجلة');
	await fitsThePhone();
	await context.setOffline(false);
});

test('Chromium finds the app installable from any first page, with a manifest made from the council settings', async ({
	profile: { context, page }
}) => {
	// A first visit deep in the site (from a search engine, say) installs the worker for the whole site.
	await page.goto('/offers/council-tax-exemption');
	await waitForOfflinePack(page);
	const cdp = await context.newCDPSession(page);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	expect(installabilityErrors).toEqual([]);
	const manifest = await cdp.send('Page.getAppManifest');
	expect(manifest.errors).toEqual([]);
	expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
	expect(JSON.parse(manifest.data ?? '{}')).toMatchObject({
		name: 'Stockton Local Offer',
		short_name: 'Stockton',
		display: 'standalone',
		start_url: '/',
		theme_color: '#1d5c63',
		shortcuts: [{ url: '/help' }, { url: '/requests/new' }]
	});

	// Where the browser offers to install, the home page has a button for it.
	await page.goto('/');
	await expect(page.getByRole('button', { name: 'Install the app' })).toBeVisible();
	await expectNoAxeViolations(page);
});

test('a changed offer reaches the phone: the refreshed pack serves the new words offline', async ({
	profile: { context, page }
}) => {
	const slug = 'celebration-events';
	const newStep = `Tell your PA you want to come (changed ${Date.now()}).`;
	// The server reads the database on every request.
	const db = new Database(DEMO_DB);
	const before = db.prepare('select summary, steps from offer where slug = ?').get(slug) as {
		summary: string;
		steps: string;
	};
	const update = db.prepare(
		'update offer set summary = ?, steps = ?, updated_at = ? where slug = ?'
	);
	try {
		await page.goto('/');
		const first = await waitForOfflinePack(page);

		update.run(
			`${before.summary} Now with a party.`,
			JSON.stringify([...JSON.parse(before.steps), newStep]),
			Date.now(),
			slug
		);
		// The next visit asks the server whether the offer changed: its ETag did.
		await page.goto('/help');
		await waitForOfflinePack(page, first.savedAt);

		await context.setOffline(true);
		await page.goto(`/offers/${slug}`);
		await expect(page.getByText(newStep)).toBeVisible();
		await expect(page.getByText('Now with a party.')).toBeVisible();
	} finally {
		update.run(before.summary, before.steps, Date.now(), slug);
		db.close();
	}
});

test('a new version is offered with a Refresh button, and loads only when it is pressed', async ({
	profile: { context, page },
	baseURL
}) => {
	// Two deploys, two worker installs and two axe runs: a long journey on a busy machine.
	test.setTimeout(120_000);
	const proxy = await startDeployProxy(baseURL ?? '');
	try {
		await page.goto(`${proxy.origin}/`);
		await waitForOfflinePack(page);

		proxy.deployNewVersion();
		// The next visit finds the new worker, which installs and waits.
		await page.goto(`${proxy.origin}/offers`);
		const prompt = page.getByText('A new version is ready');
		await expect(prompt).toBeVisible({ timeout: 30_000 });
		await page.evaluate(() => {
			(window as Window & { stillTheSamePage?: boolean }).stillTheSamePage = true;
		});
		await expectNoAxeViolations(page);
		await context.setOffline(true);
		await expect(page.getByText(/You're offline/)).toBeVisible();
		await expectNoAxeViolations(page);
		await context.setOffline(false);

		// Nothing reloaded by itself; pressing Refresh switches to the new version and reloads.
		const isSamePage = () =>
			page.evaluate(
				() => (window as Window & { stillTheSamePage?: boolean }).stillTheSamePage === true
			);
		expect(await isSamePage()).toBe(true);
		const reloaded = page.waitForEvent('load');
		await page.getByRole('button', { name: 'Refresh' }).click();
		await reloaded;
		expect(await isSamePage()).toBe(false);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(prompt).toBeHidden();
		const worker = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			return {
				waiting: Boolean(registration?.waiting),
				controlled: navigator.serviceWorker.controller !== null
			};
		});
		expect(worker).toEqual({ waiting: false, controlled: true });
	} finally {
		await proxy.close();
	}
});

test('nothing personal is kept on the phone: no personal page, nothing a signed-in person saw', async ({
	profile: { page }
}) => {
	await page.goto('/');
	await waitForOfflinePack(page);
	await signIn(page, 'demo-leaver');
	await page.goto('/account');
	await page.goto('/offers?q=rent');
	await page.goto('/offers/council-tax-exemption');

	const { cached } = await readWorkerState(page);
	const paths = cached.map((url) => new URL(url).pathname);
	expect(paths).toContain('/offers/council-tax-exemption');
	expect(paths.filter((path) => PERSONAL_PATHS.test(path))).toEqual([]);
	// Everything a signed-in person sees is marked no-store, so their search was not saved.
	expect(cached.filter((url) => url.includes('q=rent'))).toEqual([]);
	const pages = cached.filter((url) => !/\.(js|css|svg|png)(\?|$)/.test(url));
	const withName = await page.evaluate(async (urls) => {
		const found: string[] = [];
		for (const url of urls) {
			const response = await caches.match(url);
			if (response && (await response.text()).includes('Jordan')) {
				found.push(url);
			}
		}
		return found;
	}, pages);
	expect(withName).toEqual([]);
});

test.describe('on an iPhone', () => {
	test.use({
		userAgent:
			'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1'
	});

	test('the home page shows how to add the app to the home screen', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('heading', { name: /on your phone/ })).toBeVisible();
		await expect(page.getByText('Add to Home Screen')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Install the app' })).toHaveCount(0);
		await expectNoAxeViolations(page);
	});
});
