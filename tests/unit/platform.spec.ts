import { describe, expect, it } from 'vitest';
import { isIosSafari } from '$lib/client/platform';

const SAFARI = 'AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

describe('who sees the Add to Home Screen steps', () => {
	it.each([
		[
			'Safari on an iPhone',
			`Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) ${SAFARI}`,
			5,
			true
		],
		[
			'Safari on an iPad (says Mac)',
			`Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) ${SAFARI}`,
			5,
			true
		],
		['Safari on a Mac', `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) ${SAFARI}`, 0, false],
		[
			'Chrome on an iPhone',
			'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/130.0 Mobile/15E148 Safari/604.1',
			5,
			false
		],
		[
			'Chrome on Android',
			'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36',
			5,
			false
		]
	])('%s: %s', (_name, userAgent, touchPoints, expected) => {
		expect(isIosSafari(userAgent, touchPoints)).toBe(expected);
	});
});
