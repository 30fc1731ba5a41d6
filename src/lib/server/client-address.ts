import type { RequestEvent } from '@sveltejs/kit';

/**
 * The client's address, for the per-address limits. Behind a proxy adapter-node reads it from
 * ADDRESS_HEADER and throws when a request lacks that header (one that reached the app without
 * passing the proxy). Such requests share one bucket instead of failing with a 500.
 */
export function clientAddressOf(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'no-address-header';
	}
}
