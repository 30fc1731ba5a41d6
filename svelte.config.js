import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES } from './src/lib/server/security-headers.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { discloseVersion: false },
	kit: {
		adapter: adapter({ precompress: true }),
		// The service worker is built by @vite-pwa/sveltekit, not by SvelteKit itself.
		serviceWorker: { register: false },
		// The server says which page a link opens, so the browser does not download the list of
		// every route (staff and lead pages included) on a young person's first visit: 2.5 KB less
		// JavaScript on every public page (the 45 KB budget). Offline, the service worker answers
		// "no route" and SvelteKit loads the page in full from the saved copy (src/service-worker).
		router: { resolution: 'server' },
		// Nonces for server-rendered pages, hashes for any prerendered one; the directives and why
		// each is as it is: src/lib/server/security-headers.js.
		typescript: {
			// Paraglide's generated server middleware (src/lib/paraglide/server.js) is not used as code
			// (src/lib/server/i18n.ts reads its compiled messages as text) and does not type-check.
			config: (config) => {
				config.exclude = [...(config.exclude ?? []), '../src/lib/paraglide/server.js'];
			}
		},
		csp: {
			mode: 'auto',
			directives: /** @type {import('@sveltejs/kit').CspDirectives} */ (CSP_DIRECTIVES)
		}
	}
};

export default config;
