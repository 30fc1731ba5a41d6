import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			// SvelteKit bundles src/service-worker/index.ts; the plugin injects the precache list.
			strategies: 'injectManifest',
			// SvelteKit builds with relative paths ("./"); the worker must be registered from the root
			// on every page (/offers/x too) and control the whole site.
			base: '/',
			scope: '/',
			// The app registers the worker itself (src/lib/client/pwa.svelte.ts, without workbox-window) and asks before
			// switching to a new version, so nobody's page reloads under their thumb.
			injectRegister: false,
			registerType: 'prompt',
			// The manifest is data (the council's name and colours): src/routes/manifest.webmanifest.
			manifest: false,
			injectManifest: {
				globPatterns: ['client/**/*.{js,css,svg,woff2}'],
				// Home-screen icons are fetched once by the browser at install, never needed offline.
				globIgnores: ['server/**', 'client/icons/**', 'client/service-worker.js']
			}
		})
	],
	server: { port: 5173 },
	test: {
		include: ['tests/unit/**/*.spec.ts'],
		environment: 'node',
		pool: 'forks'
	}
});
