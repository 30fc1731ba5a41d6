import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ precompress: true }),
		// The service worker is built by @vite-pwa/sveltekit, not by SvelteKit itself.
		serviceWorker: { register: false },
		// The server says which page a link opens, so the browser does not download the list of
		// every route (staff and lead pages included) on a young person's first visit: 2.5 KB less
		// JavaScript on every public page (issue 3's budget). Offline, the service worker answers
		// "no route" and SvelteKit loads the page in full from the saved copy (src/service-worker).
		router: { resolution: 'server' }
	}
};

export default config;
