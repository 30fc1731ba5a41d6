// Which of the build's files the service worker downloads when the app is installed: the code of
// every page a young person can open (public and care leaver pages), never the staff pages' code
// (the PA inbox, the dashboard, the editor), which loads from the network when staff use it.
// Data costs young people money. Used by vite.config.ts; checked by tests/e2e/precache.spec.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Route folders only staff can open. */
export const STAFF_ROUTES = /(^|\/)src\/routes\/(staff|lead)\//;

const NODE_KEY = /^\.svelte-kit\/generated\/client-optimized\/nodes\/\d+\.js$/;

/**
 * The build's files a young person's pages need, from Vite's manifest of the client build:
 * SvelteKit's entries and every page node that is not staff-only, with everything they import
 * (statically or when a page asks: the Listen button, say), their stylesheets and assets.
 * `readNode` gives the source of a generated node file (`export { default as component } from
 * "../../../../src/routes/lead/+page.svelte"`), which names the route it belongs to.
 */
/**
 * @typedef {{ file: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[],
 *   css?: string[], assets?: string[] }} ManifestChunk
 * @param {Record<string, ManifestChunk>} manifest
 * @param {(key: string) => string} readNode
 */
export function youngPersonFiles(manifest, readNode) {
	/** @param {string} key */
	const isStaffNode = (key) => {
		const routes = [...readNode(key).matchAll(/src\/routes\/[^"']+/g)].map((match) => match[0]);
		return routes.length > 0 && routes.every((route) => STAFF_ROUTES.test(route));
	};
	/** @type {Set<string>} */
	const keep = new Set();
	/** @param {string} key */
	const visit = (key) => {
		const chunk = manifest[key];
		if (!chunk || keep.has(chunk.file)) {
			return;
		}
		keep.add(chunk.file);
		for (const file of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) {
			keep.add(file);
		}
		for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) {
			visit(next);
		}
	};
	for (const [key, chunk] of Object.entries(manifest)) {
		if (chunk.isEntry && !(NODE_KEY.test(key) && isStaffNode(key))) {
			visit(key);
		}
	}
	return keep;
}

/**
 * A workbox `manifestTransforms` step: addresses relative to the site (as @vite-pwa/sveltekit
 * writes them when no transform is given), and of the build's own code only what
 * `youngPersonFiles` keeps. Files outside `_app/immutable/` (the logo, icons) all stay.
 */
/** @param {string} outputDir */
export function youngPersonPrecache(outputDir) {
	/** @param {{ url: string, revision: string | null, size: number }[]} entries */
	return async (entries) => {
		const clientDir = join(outputDir, 'client');
		const manifest = JSON.parse(readFileSync(join(clientDir, '.vite', 'manifest.json'), 'utf8'));
		const keep = youngPersonFiles(manifest, (key) => readFileSync(key, 'utf8'));
		const site = entries.map((entry) => ({
			...entry,
			url: entry.url.startsWith('client/') ? entry.url.slice('client/'.length) : entry.url
		}));
		const manifestEntries = site.filter(
			(entry) => !entry.url.startsWith('_app/immutable/') || keep.has(entry.url)
		);
		return { manifest: manifestEntries, warnings: [] };
	};
}
