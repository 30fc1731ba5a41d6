import { describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import {
	createCachedPageServer,
	createPageCache,
	isShareable,
	offerCachedPageServer,
	pageCacheKey
} from '$lib/server/page-cache';
import { answerCachedPagesFirst } from '$lib/server/node-server.js';
import { createTestDatabase } from './helpers';

const POLICY = "script-src 'self' 'nonce-abc123=='; object-src 'none'";

function page(body: string, headers: Record<string, string> = {}, status = 200) {
	return new Response(body, {
		status,
		headers: { 'content-type': 'text/html', ...headers }
	});
}

describe('the page cache for visitors who are not signed in', () => {
	it('renders once, then serves the stored page until the content changes', async () => {
		const db = createTestDatabase();
		const cache = createPageCache(db);
		expect(cache.get('/offers')).toBeUndefined();
		const first = await cache.put('/offers', page('<h1>Everything you can get</h1>'));
		expect(await first.text()).toBe('<h1>Everything you can get</h1>');
		expect(await cache.get('/offers')?.text()).toBe('<h1>Everything you can get</h1>');

		// Usage counting and sign-ins do not change pages...
		db.$client.prepare('DELETE FROM session').run();
		expect(cache.get('/offers')).toBeDefined();
		// ...a lead's edit does.
		db.$client
			.prepare("UPDATE offer SET title = 'New' WHERE id = (SELECT min(id) FROM offer)")
			.run();
		expect(cache.get('/offers')).toBeUndefined();
	});

	it('gives every copy a new nonce, in the policy and in the page alike', async () => {
		const cache = createPageCache(createTestDatabase());
		const html = '<script nonce="abc123==">start()</script><link nonce="abc123==">';
		await cache.put('/', page(html, { 'content-security-policy': POLICY, etag: '"x"' }));
		const nonces = new Set<string>();
		for (let i = 0; i < 3; i += 1) {
			const copy = cache.get('/')!;
			const policy = copy.headers.get('content-security-policy')!;
			const nonce = policy.match(/'nonce-([^']+)'/)![1];
			expect(nonce).not.toBe('abc123==');
			expect(await copy.text()).toBe(
				`<script nonce="${nonce}">start()</script><link nonce="${nonce}">`
			);
			expect(copy.headers.get('etag')).toBeNull();
			nonces.add(nonce);
		}
		expect(nonces.size).toBe(3);
	});

	it('never keeps errors, cookies, private or no-store answers, or anything but HTML', () => {
		expect(isShareable(page('ok'))).toBe(true);
		expect(isShareable(page('gone', {}, 404))).toBe(false);
		expect(isShareable(page('ok', { 'set-cookie': 'a=1' }))).toBe(false);
		expect(isShareable(page('ok', { 'cache-control': 'no-store' }))).toBe(false);
		expect(isShareable(page('ok', { 'cache-control': 'private, max-age=0' }))).toBe(false);
		expect(isShareable(page('{}', { 'content-type': 'application/json' }))).toBe(false);
	});

	it('holds a bounded number of pages, dropping the least recently used', async () => {
		const cache = createPageCache(createTestDatabase(), { maxPages: 2 });
		await cache.put('/a', page('a'));
		await cache.put('/b', page('b'));
		cache.get('/a');
		await cache.put('/c', page('c'));
		expect(cache.size).toBe(2);
		expect(cache.get('/b')).toBeUndefined();
		expect(cache.get('/a')).toBeDefined();
		expect(cache.get('/c')).toBeDefined();
	});

	it('gzips each copy once asked, around its own nonce, with the headers compression would send', async () => {
		const cache = createPageCache(createTestDatabase());
		const html = `<script nonce="abc123==">start()</script>${'<li>Money</li>'.repeat(200)}`;
		await cache.put('/offers', page(html, { 'content-security-policy': POLICY }));
		const zipped = cache.answer('/offers', { gzip: true })!;
		const headers = new Headers(zipped.headers);
		const nonce = headers.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1];
		expect(headers.get('content-encoding')).toBe('gzip');
		expect(headers.get('vary')).toBe('Accept-Encoding');
		expect(headers.get('content-length')).toBe(String(zipped.body.length));
		expect(gunzipSync(zipped.body).toString()).toBe(html.replace('abc123==', nonce));

		const plain = cache.answer('/offers')!;
		expect(new Headers(plain.headers).get('content-encoding')).toBeNull();
		expect(new Headers(plain.headers).get('vary')).toBe('Accept-Encoding');
		expect(plain.body.toString()).toMatch(/^<script nonce="[^"]+">start\(\)<\/script>/);

		// Too small to gain from gzip, as compressResponse decides.
		await cache.put('/tiny', page('<p>Hi</p>'));
		expect(
			new Headers(cache.answer('/tiny', { gzip: true })!.headers).get('content-encoding')
		).toBeNull();
	});
});

describe('the page cache’s keys: only the query a page reads', () => {
	const key = (address: string) => pageCacheKey(new URL(address, 'http://localhost'));

	it('keeps one copy of a page whatever made-up query it is asked with', async () => {
		expect(key('/?utm=x&random=y')).toBe('/');
		expect(key('/offers/staying-put?fbclid=abc')).toBe('/offers/staying-put');
		const cache = createPageCache(createTestDatabase());
		await cache.put(key('/')!, page('<h1>Home</h1>'));
		expect(await cache.get(key('/?utm=x&random=y')!)?.text()).toBe('<h1>Home</h1>');
		for (let i = 0; i < 5; i += 1) {
			await cache.put(key(`/?random=${i}`)!, page(`<h1>Home ${i}</h1>`));
		}
		expect(cache.size).toBe(1);
	});

	it('keeps a page’s own parameters apart, in one order, and drops the rest', () => {
		expect(key('/offers?category=money')).toBe('/offers?category=money');
		expect(key('/offers?age=19&utm=x&category=money')).toBe('/offers?category=money&age=19');
		expect(key('/offers?category=money&age=19')).toBe(key('/offers?age=19&category=money'));
		expect(key('/offers?category=money')).not.toBe(key('/offers'));
		expect(key('/offers?category=&age=')).toBe('/offers');
	});

	it.each([
		'/offers?q=rent',
		'/offers?category=money&q=random',
		'/offers?category=made-up',
		'/offers?age=99',
		'/check?age=19&history=left-care',
		'/check?dob=2008-07-15&history=in-care',
		'/off%65rs?q=rent',
		'/%E0%A4%A'
	])('keeps no copy of %s: a search, a made-up filter, answers or a bad address', (address) => {
		expect(key(address)).toBeNull();
	});

	it('keys a path by what SvelteKit routes it to, but keeps it apart from the plain path', () => {
		expect(key('/off%65rs?category=money&utm=x')).toBe('/off%65rs?category=money');
		expect(key('/check?dob=2008-07-15')).toBe('/check');
	});
});

describe('cached pages answered by Node before SvelteKit', () => {
	/** A server whose app answers "app"; the cache answers first where it may. */
	async function serverWithCache() {
		const cache = createPageCache(createTestDatabase());
		await cache.put('/offers', page('<h1>From the cache</h1>'));
		await cache.put('/x', page('<h1>Only for /x</h1>'));
		offerCachedPageServer(createCachedPageServer(cache, 'auth_session'));
		const server = createServer((_request, response) => {
			response.end('app');
		});
		answerCachedPagesFirst(server);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return server;
	}

	function send(
		server: Server,
		method: string,
		path: string,
		headers: Record<string, string> = {}
	) {
		const { port } = server.address() as { port: number };
		return new Promise<string>((resolve, reject) => {
			const outgoing = request({ host: '127.0.0.1', port, method, path, headers }, (response) => {
				let text = '';
				response.on('data', (chunk) => (text += chunk));
				response.on('end', () => resolve(text));
			});
			outgoing.on('error', reject);
			outgoing.end();
		});
	}

	it('answers only what the page-cache hook would answer from the cache', async () => {
		const server = await serverWithCache();
		try {
			expect(await send(server, 'GET', '/offers')).toBe('<h1>From the cache</h1>');
			expect(await send(server, 'GET', '/offers', { cookie: 'theme=dark' })).toBe(
				'<h1>From the cache</h1>'
			);
			// Signed in: their own render. Not a GET, not stored, or a different URL: the app.
			expect(await send(server, 'GET', '/offers', { cookie: 'a=1; auth_session=t' })).toBe('app');
			expect(await send(server, 'POST', '/offers')).toBe('app');
			expect(await send(server, 'GET', '/offers?q=rent')).toBe('app');
			expect(await send(server, 'GET', '/help')).toBe('app');
			// adapter-node reads "//x" as the path "//x", not the host "x" with the path "/x".
			expect(await send(server, 'GET', '//x')).toBe('app');
			expect(await send(server, 'GET', '/x')).toBe('<h1>Only for /x</h1>');
			expect(await send(server, 'GET', '/x?utm=x&random=y')).toBe('<h1>Only for /x</h1>');
			expect(await send(server, 'GET', '/offers?category=money')).toBe('app');
		} finally {
			server.close();
			offerCachedPageServer(() => false);
		}
	});
});
