// http_ece (the encryption web-push uses) ships no types; the test only decrypts.
declare module 'http_ece' {
	export function decrypt(buffer: Buffer, params: Record<string, unknown>): Buffer;
}
