import { describe, expect, it } from 'vitest';
import { createPageCache, isShareable } from '$lib/server/page-cache';
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
});
