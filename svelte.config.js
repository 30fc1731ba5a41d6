import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES } from './src/lib/server/security-headers.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ precompress: true }),
		// The service worker is built by @vite-pwa/sveltekit, not by SvelteKit itself.
		serviceWorker: { register: false },
		// Nonces for server-rendered pages, hashes for any prerendered one; the directives and why
		// each is as it is: src/lib/server/security-headers.js.
		csp: {
			mode: 'auto',
			directives: /** @type {import('@sveltejs/kit').CspDirectives} */ (CSP_DIRECTIVES)
		}
	}
};

export default config;
