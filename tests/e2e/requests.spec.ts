import { expect, request as playwrightRequest, test, type Browser } from '@playwright/test';
import { expectNoAxeViolations } from './a11y';
import { DEMO_DB, DEMO_PASSWORD, queryDatabase, signIn, uniqueAddress } from './helpers';
import { startFakePushService } from './push-service';

test.describe.configure({ timeout: 180_000 });

async function newPage(browser: Browser) {
	const context = await browser.newContext({
		extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress() }
	});
	return context.newPage();
}

async function apiAs(username: string, baseURL: string) {
	const context = await playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress(), origin: baseURL, accept: 'text/html' }
	});
	const response = await context.post('/login', {
		form: { username, password: DEMO_PASSWORD },
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	return context;
}

function requestCount(username: string, text: string) {
	return queryDatabase<{ n: number }>(
		DEMO_DB,
		`SELECT count(*) AS n FROM support_request r JOIN user u ON u.id = r.leaver_id
		 JOIN request_message m ON m.request_id = r.id
		 WHERE u.username = ? AND m.body LIKE ?`,
		username,
		`%${text}%`
	)[0].n;
}

test('a care leaver asks about an offer, their PA replies with a note, and they say it helped', async ({
	browser
}) => {
	const marker = `bus pass ${Date.now()}`;
	const leaver = await newPage(browser);
	await signIn(leaver, 'demo-leaver');
	await leaver.goto('/offers/council-tax-exemption');
	await leaver.getByRole('link', { name: 'Ask your PA about this' }).click();
	await expect(leaver).toHaveURL(/\/requests\/new\?offer=council-tax-exemption/);
	await expect(leaver.getByText('Your message goes to your PA, Alex Adviser')).toBeVisible();
	await expect(leaver.getByLabel('Is it about one thing from the offer?')).toHaveValue(
		'council-tax-exemption'
	);
	await expectNoAxeViolations(leaver);
	await leaver.getByLabel('Your message').fill(`Do I need to tell anyone about my ${marker}?`);
	await leaver.getByRole('button', { name: 'Send to my PA' }).click();
	await expect(leaver).toHaveURL(/\/requests\/\d+\?sent=1/);
	await expect(leaver.getByText(/^Sent\./)).toBeVisible();
	await expectNoAxeViolations(leaver);
	const requestUrl = new URL(leaver.url()).pathname;
	const id = requestUrl.split('/').pop()!;

	const pa = await newPage(browser);
	await signIn(pa, 'demo-adviser');
	await pa.goto('/staff');
	const item = pa
		.getByRole('listitem')
		.filter({ hasText: 'Jordan' })
		.filter({ has: pa.locator(`a[href="/staff/requests/${id}"]`) });
	await expect(item).toContainText('New');
	await expect(item).toContainText('Unread');
	await expectNoAxeViolations(pa);
	await item.getByRole('link').click();
	await expect(pa.getByText(marker)).toBeVisible();
	await expectNoAxeViolations(pa);
	await pa
		.getByRole('textbox', { name: 'Message', exact: true })
		.fill('No, you do not need to tell anyone. I will sort the rest.');
	await pa.getByRole('button', { name: 'Send reply' }).click();
	await pa
		.getByRole('textbox', { name: 'Note', exact: true })
		.fill('SECRET-NOTE: check the council tax account');
	await pa.getByRole('button', { name: 'Add note' }).click();
	await expect(pa.getByText('SECRET-NOTE')).toBeVisible();
	await expect(pa.getByRole('heading', { name: /Status: In progress/ })).toBeVisible();

	await leaver.goto(requestUrl);
	await expect(leaver.getByText('No, you do not need to tell anyone.')).toBeVisible();
	await expect(leaver.getByText('SECRET-NOTE')).toHaveCount(0);
	expect(await leaver.content()).not.toContain('SECRET-NOTE');
	await leaver.getByRole('button', { name: 'This is sorted' }).click();
	await expect(leaver.getByRole('heading', { name: 'Did we help?' })).toBeVisible();
	await expectNoAxeViolations(leaver);
	await leaver.getByRole('radio', { name: 'Yes' }).check();
	await leaver.getByLabel('Anything you want to add?').fill('Thank you');
	await leaver.getByRole('button', { name: 'Send answer' }).click();
	await expect(leaver.getByText('Thank you for telling us.')).toBeVisible();

	// "Download my data" has the request and both messages, but never the PA's internal note.
	const download = await leaver.request.get('/account/my-data');
	expect(download.status()).toBe(200);
	const text = await download.text();
	expect(text).not.toContain('SECRET-NOTE');
	const mine = (
		JSON.parse(text) as { requests: { number: number; messages: { text: string }[] }[] }
	).requests.find((request) => String(request.number) === id);
	expect(mine?.messages.map((message) => message.text)).toEqual([
		`Do I need to tell anyone about my ${marker}?`,
		'No, you do not need to tell anyone. I will sort the rest.'
	]);

	const other = await newPage(browser);
	await signIn(other, 'demo-adviser-2');
	const response = await other.goto(`/staff/requests/${id}`);
	expect(response?.status()).toBe(404);
	const otherLeaver = await newPage(browser);
	await signIn(otherLeaver, 'demo-leaver-2');
	expect((await otherLeaver.goto(requestUrl))?.status()).toBe(404);
});

test('crisis words show urgent help at once, and the request still sends, flagged urgent', async ({
	browser
}) => {
	const leaver = await newPage(browser);
	await signIn(leaver, 'demo-leaver-2');
	await leaver.goto('/requests/new');
	await leaver.getByLabel('What is it about?').selectOption('accommodation');
	await leaver.getByLabel('Your message').fill(`I am homeless tonight ${Date.now()}`);
	await expect(
		leaver.getByRole('heading', { name: 'If you are not safe right now' })
	).toBeVisible();
	await expect(leaver.getByRole('link', { name: 'Call 116 123' }).first()).toBeVisible();
	await expectNoAxeViolations(leaver);
	await leaver.getByRole('button', { name: 'Send to my PA' }).click();
	await expect(leaver).toHaveURL(/crisis=1/);
	await expect(
		leaver.getByRole('heading', { name: 'If you are not safe right now' })
	).toBeVisible();
	await expect(leaver.getByText('Urgent', { exact: true })).toBeVisible();
});

test('two requests written offline arrive exactly once each', async ({ browser }) => {
	const marker = `offline-${Date.now()}`;
	const page = await newPage(browser);
	await signIn(page, 'demo-leaver-2');
	await page.goto('/requests/new');
	await expect(page.getByRole('button', { name: 'Send to my PA' })).toBeVisible();
	await page.context().setOffline(true);
	for (const n of [1, 2]) {
		await page.getByLabel('What is it about?').selectOption('money');
		await page.getByLabel('Your message').fill(`${marker} number ${n}`);
		await page.getByRole('button', { name: 'Send to my PA' }).click();
		await expect(
			page.getByRole('heading', { name: "Will send when you're back online" })
		).toBeVisible();
		if (n === 1) {
			await page.getByRole('button', { name: 'Write another' }).click();
		}
	}
	expect(requestCount('demo-leaver-2', marker)).toBe(0);
	await page.context().setOffline(false);
	// Reload while sending: the flush at start and the "online" flush both run; nothing doubles.
	await page.reload();
	await expect.poll(() => requestCount('demo-leaver-2', marker), { timeout: 15_000 }).toBe(2);
	await page.goto('/requests');
	await page.reload();
	await expect.poll(() => requestCount('demo-leaver-2', marker)).toBe(2);
	expect(requestCount('demo-leaver-2', `${marker} number 1`)).toBe(1);
	expect(requestCount('demo-leaver-2', `${marker} number 2`)).toBe(1);
});

test('a reply sends a push the young person can decrypt, with nothing personal in it', async ({
	baseURL
}) => {
	const push = await startFakePushService();
	const leaver = await apiAs('demo-leaver', baseURL!);
	const subscribe = await leaver.post('/api/push', { data: push.subscription });
	expect(subscribe.status()).toBe(201);
	const created = await leaver.post('/api/requests', {
		data: {
			topic: 'health',
			message: 'Where is the dentist?',
			contactBy: 'app',
			idempotencyKey: `push-${Date.now()}-aaaaaaaa`
		}
	});
	expect(created.status()).toBe(201);
	const { id } = await created.json();

	const pa = await apiAs('demo-adviser', baseURL!);
	const reply = await pa.post(`/staff/requests/${id}?/reply`, {
		form: { message: 'The dentist is on the high street.' },
		maxRedirects: 0
	});
	expect(reply.status()).toBe(303);

	await expect.poll(() => push.received.length, { timeout: 10_000 }).toBeGreaterThan(0);
	push.close();
	const sent = push.received[0];
	expect(sent.headers['content-encoding']).toBe('aes128gcm');
	expect(String(sent.headers['authorization'])).toMatch(/^vapid t=/);
	const plain = push.plainText(0);
	const payload = JSON.parse(plain);
	expect(payload.body).toBe('You have a new reply from your PA.');
	expect(payload.url).toBe(`/requests/${id}`);
	expect(plain).not.toMatch(/dentist|Jordan/);
});

test('a young person who reads the app in Arabic gets their notices in Arabic, and their next phone opens in Arabic', async ({
	browser,
	baseURL
}) => {
	// A young person of their own: their language must not change anyone else's test.
	const pa = await browser.newPage({ extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress() } });
	await signIn(pa, 'demo-adviser');
	await pa.goto('/staff/leavers/new');
	await pa.getByLabel('First name').fill('Samir');
	await pa.getByLabel('Date of birth').fill('2006-05-01');
	await pa.getByRole('button', { name: 'Add and get a code' }).click();
	const code = (await pa.getByTestId('invite-code').textContent())!.trim();
	const username = `samir-${Date.now().toString(36)}`;
	const password = 'blue kettle sunrise';
	const young = await browser.newPage({ extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress() } });
	await young.goto('/join');
	await young.getByLabel('Your code').fill(code);
	await young.getByLabel('Username').fill(username);
	await young.getByLabel('Password').fill(password);
	await young.getByRole('button', { name: 'Make my account' }).click();
	await expect(young.getByRole('button', { name: /Sign out/ })).toBeVisible();

	// They choose Arabic from the chooser: this phone and their account remember it.
	await young.goto('/language');
	await young.getByRole('button', { name: /العربية/ }).click();
	await expect(young.locator('html')).toHaveAttribute('lang', 'ar');
	expect(
		queryDatabase<{ language: string }>(
			DEMO_DB,
			'SELECT language FROM user WHERE username = ?',
			username
		)
	).toEqual([{ language: 'ar' }]);

	const push = await startFakePushService();
	expect((await young.request.post('/api/push', { data: push.subscription })).status()).toBe(201);
	const created = await young.request.post('/api/requests', {
		data: {
			topic: 'money',
			message: 'Can I get help with my bills?',
			contactBy: 'app',
			idempotencyKey: `lang-${Date.now()}-aaaaaaaa`
		}
	});
	expect(created.status()).toBe(201);
	const { id } = await created.json();
	const reply = await pa.request.post(`/staff/requests/${id}?/reply`, {
		form: { message: 'Yes: come in on Monday.' },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(reply.status()).toBe(303);
	await expect.poll(() => push.received.length, { timeout: 10_000 }).toBeGreaterThan(0);
	const payload = JSON.parse(push.plainText(0));
	expect(payload.body).toBe('وصلك رد جديد من مستشارك الشخصي (PA).');
	expect(payload.url).toBe(`/ar/requests/${id}`);
	push.close();

	// Signing in on a phone that has no language chosen opens the app in theirs.
	const newPhone = await playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress(), origin: baseURL!, accept: 'text/html' }
	});
	const signedIn = await newPhone.post('/login', {
		form: { username, password },
		maxRedirects: 0
	});
	expect(signedIn.status()).toBe(303);
	const home = await newPhone.get('/', { maxRedirects: 0 });
	expect(home.status()).toBe(307);
	expect(home.headers()['location']).toBe('/ar');
	await newPhone.dispose();
	await pa.context().close();
	await young.context().close();
});

test('50 requests and 50 replies sent at once are all stored, with no errors', async ({
	baseURL
}) => {
	const leaver = await apiAs('demo-leaver-2', baseURL!);
	const marker = `burst-${Date.now()}`;
	const first = await leaver.post('/api/requests', {
		data: {
			topic: 'money',
			message: `${marker} first`,
			contactBy: 'app',
			idempotencyKey: `${marker}-first-000`
		}
	});
	const { id } = await first.json();
	const responses = await Promise.all([
		...Array.from({ length: 50 }, (_, n) =>
			leaver.post('/api/requests', {
				data: {
					topic: 'money',
					message: `${marker} request ${n}`,
					contactBy: 'app',
					idempotencyKey: `${marker}-req-${n}-xx`
				}
			})
		),
		...Array.from({ length: 50 }, (_, n) =>
			leaver.post(`/api/requests/${id}/messages`, {
				data: { message: `${marker} reply ${n}`, idempotencyKey: `${marker}-rep-${n}-xx` }
			})
		)
	]);
	expect(responses.map((r) => r.status()).filter((s) => s !== 201)).toEqual([]);
	const stored = queryDatabase<{ n: number }>(
		DEMO_DB,
		'SELECT count(*) AS n FROM request_message WHERE body LIKE ?',
		`${marker}%`
	)[0].n;
	expect(stored).toBe(101);
});

test('bad input gets a clear answer and stores nothing', async ({ baseURL, browser }) => {
	const leaver = await apiAs('demo-leaver', baseURL!);
	const marker = `bad-${Date.now()}`;
	const cases = [
		{ topic: 'money', message: '', contactBy: 'app' },
		{ topic: 'money', message: `${marker} ${'x'.repeat(20_000)}`, contactBy: 'app' },
		{ topic: 'spaceships', message: `${marker} unknown topic`, contactBy: 'app' },
		{ topic: 'money', message: `${marker} no number`, contactBy: 'phone' },
		{ topic: 'money', message: `${marker} bad offer`, contactBy: 'app', offer: 'no-such-offer' }
	];
	for (const [n, data] of cases.entries()) {
		const response = await leaver.post('/api/requests', {
			data: { ...data, idempotencyKey: `${marker}-case-${n}-aaaa` }
		});
		expect([400, 413], JSON.stringify(data).slice(0, 60)).toContain(response.status());
		expect(await response.text()).not.toMatch(/at .*\.js:\d+/);
	}
	expect(requestCount('demo-leaver', marker)).toBe(0);

	// Someone else's request: 404, and nothing stored.
	const riley = await apiAs('demo-leaver-2', baseURL!);
	const theirs = await riley.post('/api/requests', {
		data: {
			topic: 'money',
			message: `${marker} riley`,
			contactBy: 'app',
			idempotencyKey: `${marker}-riley-aaaa`
		}
	});
	const { id } = await theirs.json();
	const intrude = await leaver.post(`/api/requests/${id}/messages`, {
		data: { message: `${marker} intruder`, idempotencyKey: `${marker}-intruder-a` }
	});
	expect(intrude.status()).toBe(404);
	expect(requestCount('demo-leaver-2', `${marker} intruder`)).toBe(0);

	// A forged status from the PA's form: refused with a message, nothing changes.
	const pa = await apiAs('demo-adviser-2', baseURL!);
	const forged = await pa.post(`/staff/requests/${id}?/status`, {
		form: { status: 'closed-forever' },
		maxRedirects: 0
	});
	expect(forged.status()).toBe(400);
	expect(await forged.text()).toContain('Choose a status from the list.');
	const illegal = await pa.post(`/staff/requests/${id}?/status`, {
		form: { status: 'new' },
		maxRedirects: 0
	});
	expect(illegal.status()).toBe(400);
	const [row] = queryDatabase<{ status: string }>(
		DEMO_DB,
		'SELECT status FROM support_request WHERE id = ?',
		id
	);
	expect(row.status).toBe('new');

	// In the browser, an empty message is explained beside the field and the rest is kept.
	const page = await newPage(browser);
	await signIn(page, 'demo-leaver');
	await page.goto('/requests/new');
	await page.getByLabel('What is it about?').selectOption('health');
	await page.getByLabel('Your message').fill('   ');
	await page.getByLabel('When suits you?').fill('after 3pm');
	await page.getByRole('button', { name: 'Send to my PA' }).click();
	await expect(page.getByRole('alert')).toContainText('Write a message');
	await expect(page.getByLabel('When suits you?')).toHaveValue('after 3pm');
	await expect(page.getByLabel('What is it about?')).toHaveValue('health');
	await expectNoAxeViolations(page);
});

test('a "Did we help?" answer sent without a choice keeps the comment they wrote', async ({
	baseURL,
	browser
}) => {
	const leaver = await apiAs('demo-leaver', baseURL!);
	const marker = `helpful-${Date.now()}`;
	const created = await leaver.post('/api/requests', {
		data: {
			topic: 'money',
			message: `${marker} help with rent`,
			contactBy: 'app',
			idempotencyKey: `${marker}-aaaa`
		}
	});
	const { id } = await created.json();
	const sorted = await leaver.post(`/requests/${id}?/sorted`, { form: {}, maxRedirects: 0 });
	expect(sorted.status()).toBe(303);

	const page = await newPage(browser);
	await signIn(page, 'demo-leaver');
	await page.goto(`/requests/${id}`);
	await page.getByLabel('Anything you want to add?').fill(`${marker} my PA was kind`);
	await page.getByRole('button', { name: 'Send answer' }).click();
	await expect(page.getByRole('alert')).toContainText('Choose an answer');
	await expect(page.getByLabel('Anything you want to add?')).toHaveValue(
		`${marker} my PA was kind`
	);
	await expectNoAxeViolations(page);
});

test('a care leaver asks their PA in Arabic: the form, its errors and the request stay in Arabic', async ({
	browser
}) => {
	const marker = `arabic-${Date.now()}`;
	const page = await newPage(browser);
	await signIn(page, 'demo-leaver');
	await page.goto('/ar/requests/new');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('اسأل مستشارك الشخصي');
	const topic = page.getByLabel('عن ماذا تريد أن تسأل؟');
	await expect(topic.getByRole('option', { name: 'المال' })).toHaveAttribute('value', 'money');
	await topic.selectOption('money');
	await page.getByLabel('رسالتك').fill('   ');
	await page.getByRole('button', { name: 'أرسل إلى مستشاري الشخصي' }).click();
	await expect(page.getByRole('alert')).toContainText('اكتب رسالة حتى يعرف مستشارك كيف يساعدك');
	await expect(page).toHaveURL(/\/ar\/requests\/new/);
	await expectNoAxeViolations(page);

	await page.getByLabel('رسالتك').fill(`${marker} help with my phone bill`);
	await page.getByRole('button', { name: 'أرسل إلى مستشاري الشخصي' }).click();
	await expect(page).toHaveURL(/\/ar\/requests\/\d+\?sent=1/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('المال');
	await expect(page.getByText(/^تم الإرسال\./)).toBeVisible();
	await page.getByRole('link', { name: 'كل طلباتك' }).click();
	await expect(page).toHaveURL(/\/ar\/requests$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('طلباتك');
	expect(requestCount('demo-leaver', marker)).toBe(1);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a care leaver can send a request and a reply', async ({ page }) => {
		const marker = `nojs-${Date.now()}`;
		await signIn(page, 'demo-leaver');
		await page.goto('/requests/new');
		await page.getByLabel('What is it about?').selectOption('employment');
		await page.getByLabel('Your message').fill(`${marker} can I get an apprenticeship?`);
		await page.getByRole('radio', { name: 'A text message' }).check();
		await page.getByLabel('Your phone number or email').fill('07700 900123');
		await page.getByRole('button', { name: 'Send to my PA' }).click();
		await expect(page).toHaveURL(/\/requests\/\d+/);
		await page.getByLabel('Your message').fill(`${marker} also work experience`);
		await page.getByRole('button', { name: 'Send' }).click();
		await expect(page.getByText(`${marker} also work experience`)).toBeVisible();
		expect(requestCount('demo-leaver', marker)).toBe(2);
	});
});
