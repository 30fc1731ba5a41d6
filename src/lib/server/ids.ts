import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A random key for a form, so a form sent twice (a double tap, a retry) is stored once. */
export function generateIdempotencyKey() {
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}
