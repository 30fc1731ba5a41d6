// How the message catalogue (messages/*/LOCALE.json) is compiled to src/lib/paraglide, shared by
// Vite (vite.config.ts) and `npm run check` (scripts/compile-messages.js), which runs before Vite.
/** @type {import('@inlang/paraglide-js').CompilerOptions} */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	// The address decides: /ar/offers is Arabic, /offers English. A remembered choice (the `lang`
	// cookie) sends someone from an English address to their language's (src/lib/server/i18n.ts).
	strategy: ['url', 'baseLocale'],
	// A page's JavaScript carries no words: the server writes the ones the page used into it, in
	// its one language, and the rest of the language's words load when they are first needed
	// (src/lib/i18n/client.svelte.ts). Without this every word would ship in all eight languages.
	experimentalMiddlewareLocaleSplitting: true,
	// Vite sets import.meta.env; the command-line scripts (scripts/*.js) load schemas without it.
	isServer: "typeof import.meta.env === 'undefined' || import.meta.env.SSR",
	emitTsDeclarations: false
};
