import { version } from '$app/environment';
import { withoutLanguagePrefix } from '$lib/languages';
import type { m as catalogue } from '$lib/paraglide/messages';

/**
 * The page's words on the phone. The page's JavaScript carries no words: in the browser
 * `import { m } from '$lib/paraglide/messages'` is this module's `m` (vite.config.ts swaps it in;
 * Paraglide's own would bring its runtime, 1.3 KB of address and cookie handling, to every first
 * visit), which reads the words the server wrote into the page, in its one language
 * (`globalThis.__paraglide.ssr`, src/lib/server/i18n.ts).
 * Words the page did not use on the server (a message shown after a tap, the next page) come
 * with the rest of the language, `/i18n/LANG.js`, loaded the first time one is missing or a link
 * is followed: until then a missing word is empty, and the page fills in when they arrive.
 */
type Message = (inputs?: Record<string, unknown>) => string;
type WordsGlobal = {
	__paraglide?: { ssr?: Record<string, Message>; all?: Record<string, Record<string, Message>> };
};

const words: Record<string, Message> = {};
let arrived = $state(0);
let loading: Promise<void> | undefined;

/** The page's language, as the server wrote it on `<html>` (en-GB is English). */
export function pageLanguage() {
	return document.documentElement.lang.split('-')[0] || 'en';
}

/** Every word of the page's language; resolves once they are there (or could not come). */
export function loadAllWords(): Promise<void> {
	// A plain script (src/routes/i18n/[language].js): a module `import()` would bring Vite's
	// preloading helper onto every page.
	loading ??= new Promise<void>((resolve) => {
		const language = pageLanguage();
		const script = document.createElement('script');
		script.src = `/i18n/${language}.js?v=${version}`;
		script.onload = () => {
			Object.assign(words, (globalThis as WordsGlobal).__paraglide?.all?.[language]);
			arrived += 1;
			resolve();
		};
		script.onerror = () => {
			// No signal and not saved: try again at the next need.
			script.remove();
			loading = undefined;
			resolve();
		};
		document.head.append(script);
	});
	return loading;
}

function missing(): string {
	void loadAllWords();
	return '';
}

export function installWords() {
	Object.assign(words, (globalThis as WordsGlobal).__paraglide?.ssr);
}

/** The message catalogue in the browser: `m.nav_home()` is the page's word for it. */
export const m = new Proxy({} as typeof catalogue, {
	get(_, id) {
		if (typeof id !== 'string' || id === 'then') {
			return undefined;
		}
		return (inputs?: Record<string, unknown>) => {
			// Read so that a page showing a missing word shows it when the words arrive.
			void arrived;
			const message = words[id];
			return message ? message(inputs) : missing();
		};
	}
});

/** The language a path is in: `/ar/offers` is Arabic. */
export function languageOfPath(pathname: string) {
	const prefix = pathname.split('/')[1];
	return withoutLanguagePrefix(pathname) === pathname ? 'en' : prefix;
}
