import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import {
	addSecurityHeadersToServer,
	baseSecurityHeaders,
	CSP_DIRECTIVES,
	NON_PAGE_CSP,
	SERVICE_WORKER_CSP
} from '$lib/server/security-headers.js';

describe('security headers', () => {
	it('sends HSTS for one year with subdomains only when the public address is https', () => {
		expect(baseSecurityHeaders('https://local-offer.example.gov.uk')).toMatchObject({
			'strict-transport-security': 'max-age=31536000; includeSubDomains'
		});
		expect(baseSecurityHeaders('http://localhost:3000')).not.toHaveProperty(
			'strict-transport-security'
		);
	});

	it('never lets inline or evaluated script run on a page', () => {
		expect(CSP_DIRECTIVES['script-src']).toEqual(['self']);
		expect(CSP_DIRECTIVES['style-src']).not.toContain('unsafe-inline');
		expect(CSP_DIRECTIVES['object-src']).toEqual(['none']);
		expect(CSP_DIRECTIVES['frame-ancestors']).toEqual(['none']);
	});

	describe('on the static file server', () => {
		let server: Server;
		afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

		async function get(path: string) {
			const { port } = server.address() as AddressInfo;
			return new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
				request({ port, path }, (response) => {
					response.resume();
					resolve(response.headers);
				})
					.on('error', reject)
					.end();
			});
		}

		it('adds the headers before the file server answers, and lets its own headers win', async () => {
			server = createServer((_request, response) => {
				response.writeHead(200, { 'content-type': 'text/javascript' }).end('');
			});
			addSecurityHeadersToServer(server, 'https://local-offer.example.gov.uk');
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

			const file = await get('/_app/immutable/entry/start.js?v=1');
			expect(file['x-content-type-options']).toBe('nosniff');
			expect(file['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
			expect(file['content-security-policy']).toBe(NON_PAGE_CSP);
			expect(file['content-type']).toBe('text/javascript');
			expect((await get('/service-worker.js'))['content-security-policy']).toBe(SERVICE_WORKER_CSP);
		});
	});
});
