import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsEncoding, acceptsGzip, compressResponse, etagMatches } from '$lib/server/compress';

const page = '<!doctype html><p>' + 'Council tax: you pay nothing until you are 25. '.repeat(100);

function request(acceptEncoding?: string, method = 'GET') {
	return new Request('http://localhost/offers', {
		method,
		headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}
	});
}

function html(body = page, headers: Record<string, string> = {}) {
	return new Response(body, { headers: { 'content-type': 'text/html', ...headers } });
}

describe('gzip for rendered pages and JSON', () => {
	it('gzips a page for a browser that accepts it, and the bytes unzip to the page', async () => {
		const response = compressResponse(request('gzip, deflate, br'), html());
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('vary')).toMatch(/Accept-Encoding/);
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBeLessThan(page.length / 5);
		expect(gunzipSync(bytes).toString('utf8')).toBe(page);
	});

	it('keeps the status, cookies and other headers', async () => {
		const original = html(page, { 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
		original.headers.append('set-cookie', 'a=1; Path=/');
		original.headers.append('set-cookie', 'b=2; Path=/');
		const response = compressResponse(
			request('gzip'),
			new Response(original.body, { status: 400, headers: original.headers })
		);
		expect(response.status).toBe(400);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
	});

	it('sends plain bytes (marked Vary) to a client that does not ask for gzip', async () => {
		for (const accept of [undefined, 'br', 'identity', 'gzip;q=0']) {
			const response = compressResponse(request(accept), html());
			expect(response.headers.get('content-encoding'), String(accept)).toBeNull();
			expect(response.headers.get('vary')).toMatch(/Accept-Encoding/);
			expect(await response.text()).toBe(page);
		}
	});

	it('leaves alone small answers, images, HEAD, 304 and what is already encoded', async () => {
		const cases: [Request, Response][] = [
			[request('gzip'), html('<p>short</p>', { 'content-length': '12' })],
			[request('gzip'), new Response(page, { headers: { 'content-type': 'image/png' } })],
			[request('gzip', 'HEAD'), html()],
			[request('gzip'), new Response(null, { status: 304 })],
			[request('gzip'), html(page, { 'content-encoding': 'br' })]
		];
		for (const [req, res] of cases) {
			expect(compressResponse(req, res).headers.get('content-encoding')).not.toBe('gzip');
		}
	});

	it('weakens a strong ETag on the gzipped copy, and If-None-Match still matches it', () => {
		const response = compressResponse(
			request('gzip'),
			new Response(page, { headers: { 'content-type': 'application/json', etag: '"abc"' } })
		);
		expect(response.headers.get('etag')).toBe('W/"abc"');
		expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
		expect(etagMatches('"x", W/"abc"', '"abc"')).toBe(true);
		expect(etagMatches('"abd"', '"abc"')).toBe(false);
		expect(etagMatches(null, '"abc"')).toBe(false);
	});

	it('reads Accept-Encoding as browsers write it', () => {
		expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
		expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
		expect(acceptsGzip('*')).toBe(true);
		expect(acceptsGzip('gzip;q=0')).toBe(false);
		expect(acceptsGzip('')).toBe(false);
		expect(acceptsEncoding('gzip, deflate, br, zstd', 'br')).toBe(true);
		expect(acceptsEncoding('gzip, br;q=0', 'br')).toBe(false);
		expect(acceptsEncoding('gzip', 'br')).toBe(false);
		expect(acceptsGzip(null)).toBe(false);
	});
});
