import { describe, expect, it } from 'vitest';
import { clientAddressOf } from '$lib/server/client-address';

describe('clientAddressOf', () => {
	it('gives the address adapter-node read', () => {
		expect(clientAddressOf({ getClientAddress: () => '203.0.113.4' })).toBe('203.0.113.4');
	});

	it('never fails a request that lacks the proxy header: it shares one bucket instead', () => {
		const missing = () => {
			throw new Error(
				'Address header was specified with ADDRESS_HEADER=x-forwarded-for but is absent'
			);
		};
		expect(clientAddressOf({ getClientAddress: missing })).toBe('no-address-header');
	});
});
