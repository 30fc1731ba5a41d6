import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ precompress: true }),
		// The service worker is built by @vite-pwa/sveltekit, not by SvelteKit itself.
		serviceWorker: { register: false }
	}
};

export default config;
