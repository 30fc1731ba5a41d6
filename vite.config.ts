import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './paraglide.config.js';
import { youngPersonPrecache } from './scripts/precache.js';

/** In the browser, the message catalogue is a thin stand-in: src/lib/i18n/client.svelte.ts. */
const CLIENT_MESSAGES = fileURLToPath(new URL('./src/lib/i18n/client.svelte.ts', import.meta.url));
const clientMessages: Plugin = {
	name: 'local-offer:client-messages',
	enforce: 'pre',
	resolveId(source, _importer, options) {
		const isCatalogue =
			source === '$lib/paraglide/messages' || /\/paraglide\/messages(\.js)?$/.test(source);
		return isCatalogue && !options?.ssr ? CLIENT_MESSAGES : null;
	}
};

export default defineConfig({
	plugins: [
		clientMessages,
		paraglideVitePlugin(paraglideOptions),
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
				globIgnores: ['server/**', 'client/icons/**', 'client/service-worker.js'],
				// Only what a young person's pages need: staff pages' code loads when staff use it.
				manifestTransforms: [youngPersonPrecache('.svelte-kit/output')]
			}
		})
	],
	build: {
		// Every page loads the Svelte and SvelteKit runtimes, the layout, the error page (kept ready for
		// a lost connection), their modules and the few small ones most public pages share; as one
		// file they gzip better than as twenty small ones, and a
		// first visit stays inside the 45 KB JavaScript budget (tests/e2e/budget.spec.ts).
		rolldownOptions: {
			output: {
				codeSplitting: {
					groups: [
						{
							name: 'shell',
							test: /node_modules[\\/](svelte|@sveltejs[\\/]kit)[\\/]|src[\\/]routes[\\/]\+(layout|error)\.svelte|preload-helper|rolldown[\\/]runtime|src[\\/]lib[\\/](client[\\/](analytics|pwa|saved)|i18n[\\/]|languages|london-time|phone-links|components[\\/](PwaStatus|Sentence|Field\.|field-ids))/
						}
					]
				}
			}
		}
	},
	server: { port: 5173 },
	test: {
		include: ['tests/unit/**/*.spec.ts'],
		environment: 'node',
		pool: 'forks'
	}
});
