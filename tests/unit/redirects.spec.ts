import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '../../src/lib/server/auth/guards';

/** Every way found to leave the site through `?redirectTo=`: each must fall back. */
const OFF_SITE = [
	// Dot segments that the URL parser folds into a protocol-relative "//host".
	'/.//evil.example/x',
	'/x/..//evil.example/x',
	'/..//evil.example',
	'/./..//evil.example',
	'/%2e//evil.example',
	'/%2E%2E//evil.example',
	'/x/%2e%2e//evil.example',
	'/.\\/evil.example',
	'/x/..\\/evil.example',
	// The ones that already held.
	'//evil.example',
	'///evil.example',
	'/\\evil.example',
	'\\\\evil.example',
	'/%5Cevil.example',
	'/%5C/evil.example',
	'https://evil.example',
	'http:evil.example',
	'javascript:alert(1)',
	'/\t/evil.example',
	'\t//evil.example',
	'/\r\n/evil.example',
	'evil.example',
	''
];

describe('safeRedirectPath', () => {
	it.each(OFF_SITE)('never redirects off-site, whatever the dot segments: %j', (value) => {
		const path = safeRedirectPath(value, '/fallback');
		// Whatever comes back is read by the browser as a path on this site.
		expect(new URL(path, 'https://app.example').origin).toBe('https://app.example');
		expect(path.startsWith('//') || path.startsWith('/\\')).toBe(false);
	});

	it.each([
		['/requests/12', '/requests/12'],
		['/offers?category=money', '/offers?category=money'],
		['/lead/report?from=2026-01-01&to=2026-03-31', '/lead/report?from=2026-01-01&to=2026-03-31'],
		['/x/../staff', '/staff'],
		['/%2F%2Fevil.example', '/%2F%2Fevil.example']
	])('keeps a same-site path %j as %j', (value, expected) => {
		expect(safeRedirectPath(value)).toBe(expected);
	});

	it('falls back for nothing at all', () => {
		expect(safeRedirectPath(null, '/home')).toBe('/home');
		expect(safeRedirectPath(undefined, '/home')).toBe('/home');
	});
});
