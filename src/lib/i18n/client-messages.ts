import type { m as catalogue } from '$lib/paraglide/messages';

/**
 * What `import { m } from '$lib/paraglide/messages'` gives in the browser (vite.config.ts swaps the
 * module there; the server keeps Paraglide's own). In the browser Paraglide's message functions
 * only ask `globalThis.__paraglide.ssr` for the page's words (src/lib/i18n/client.svelte.ts), but
 * bring its runtime along: 1.3 KB of address and cookie handling on every first visit, which the
 * words need none of.
 */
type Words = Record<string, (inputs?: Record<string, unknown>) => string>;

export const m = new Proxy({} as typeof catalogue, {
	get(_, id) {
		if (typeof id !== 'string' || id === 'then') {
			return undefined;
		}
		return (inputs?: Record<string, unknown>) =>
			(globalThis as { __paraglide?: { ssr?: Words } }).__paraglide?.ssr?.[id]?.(inputs) ?? '';
	}
});
