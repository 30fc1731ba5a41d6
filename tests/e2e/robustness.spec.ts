import { expect, test } from '@playwright/test';
import { Agent, request as httpRequest } from 'node:http';

const odd = [
	'"',
	'*',
	'NEAR(',
	'%00',
	'<script>alert(1)</script>',
	"' OR 1=1 --",
	'x'.repeat(10_000),
	'💸',
	'%E2%82',
	''
];

test('odd ?q=, ?category= and ?age= values never break the offer list', async ({ request }) => {
	for (const value of odd) {
		for (const key of ['q', 'category', 'age']) {
			const response = await request.get(`/offers?${key}=${encodeURIComponent(value)}`);
			expect(response.status(), `${key}=${value.slice(0, 20)}`).toBe(200);
			const body = await response.text();
			expect(body).not.toMatch(/at .*\(.*\.js:\d+:\d+\)/);
			expect(body).not.toContain('<script>alert(1)</script>');
		}
	}
});

test('repeated and malformed query strings give 200 or 404, never 500', async ({ request }) => {
	const paths = [
		'/offers?q=a&q=b&category=money&category=health',
		'/offers?age=-1',
		'/offers?age=1e9',
		'/offers?age=19.5',
		'/offers?category=MONEY',
		'/offers?q=%',
		'/check?age=%ZZ',
		'/check?age=999&history=left-care',
		'/check?history=nonsense',
		'/check?dob=2007-02-30&history=left-care',
		'/offers/%3Cscript%3E',
		'/offers/' + 'a'.repeat(5000)
	];
	for (const path of paths) {
		const response = await request.get(path);
		expect([200, 400, 404], path).toContain(response.status());
	}
});

test('an unknown category or a bad age says so in plain words', async ({ page }) => {
	await page.goto('/offers?category=spaceships');
	await expect(
		page.getByText('We could not find that topic, so here is everything.')
	).toBeVisible();
	await page.goto('/offers?age=abc');
	await expect(page.getByText('Enter an age from 14 to 25')).toBeVisible();
});

test('GET /healthz answers ok', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(await response.json()).toEqual({ ok: true });
});

test('GET /api/offers lists published offers with the contract fields and an ETag', async ({
	request
}) => {
	const response = await request.get('/api/offers');
	expect(response.status()).toBe(200);
	const offers = await response.json();
	expect(offers.length).toBeGreaterThanOrEqual(25);
	for (const offer of offers) {
		expect(offer).toEqual(
			expect.objectContaining({
				slug: expect.any(String),
				title: expect.any(String),
				category: expect.any(String),
				summary: expect.any(String),
				updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/)
			})
		);
	}
	const etag = response.headers()['etag'];
	expect(etag).toBeTruthy();
	const again = await request.get('/api/offers', { headers: { 'if-none-match': etag } });
	expect(again.status()).toBe(304);
});

test('a body the app never read leaves the connection working for the next request', async ({
	baseURL
}) => {
	// One keep-alive connection, as a browser keeps one per site: a refused post must not break
	// whatever is sent next on it.
	const agent = new Agent({ keepAlive: true, maxSockets: 1 });
	const origin = new URL(baseURL!);
	const send = (method: string, path: string, headers: Record<string, string>, body?: Buffer) =>
		new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
			const request = httpRequest(
				{
					host: origin.hostname,
					port: origin.port,
					path,
					method,
					agent,
					headers: { origin: origin.origin, accept: 'text/html', ...headers }
				},
				(response) => {
					response.resume();
					response.on('end', () =>
						resolve({ status: response.statusCode ?? 0, reused: request.reusedSocket })
					);
				}
			);
			request.on('error', reject);
			request.end(body);
		});
	const boundary = 'unread';
	const form = Buffer.from(
		`--${boundary}\r\ncontent-disposition: form-data; name="message"\r\n\r\n${'x'.repeat(300_000)}\r\n--${boundary}--\r\n`
	);
	const multipart = { 'content-type': `multipart/form-data; boundary=${boundary}` };
	try {
		await send('GET', '/healthz', {});
		// Redirected to /lead before any hook runs; then sent to sign in; then a page with no actions.
		for (const path of ['/lead/?/unpublish', '/lead/offers/1?/unpublish', '/help']) {
			const refused = await send('POST', path, multipart, form);
			expect(refused.status, path).toBeGreaterThanOrEqual(300);
			expect(refused.reused, `${path} came on the same connection`).toBe(true);
			const next = await send('GET', '/healthz', {});
			expect(next, `the request after ${path}`).toEqual({ status: 200, reused: true });
		}
	} finally {
		agent.destroy();
	}
});
