import { AsyncLocalStorage } from 'node:async_hooks';
import type { Cookies, Handle } from '@sveltejs/kit';
import {
	baseLocale,
	getLocale,
	overwriteServerAsyncLocalStorage,
	type Locale
} from '$lib/paraglide/runtime';
import compiledServer from '$lib/paraglide/server.js?raw';
import { languageOf } from '$lib/language-names';
import {
	isLanguageCode,
	LANGUAGE_CODES,
	withoutLanguagePrefix,
	type LanguageCode
} from '$lib/languages';
import { isTranslatedPath, localizePath, setLanguageSource } from '$lib/i18n/paths';

/**
 * Which language a page is in comes from its address: `/ar/offers` is Arabic, `/offers` English
 * (Paraglide's `url` strategy; `reroute` in src/hooks.ts routes both to the same page). While the
 * page renders, the language and the words it uses are kept for this request alone.
 */
type RequestStore = { locale: Locale; origin: string; messageCalls: Set<string> };
const storage = new AsyncLocalStorage<RequestStore>();
overwriteServerAsyncLocalStorage(
	storage as unknown as Parameters<typeof overwriteServerAsyncLocalStorage>[0]
);
// Links made while a page renders are in its language.
setLanguageSource(() => storage.getStore()?.locale ?? 'en');

/** The cookie that remembers a chosen language (a preference, not tracking: no consent needed). */
export const LANGUAGE_COOKIE = 'lang';
const YEAR_SECONDS = 60 * 60 * 24 * 365;

export function languageFromUrl(url: URL): LanguageCode {
	const first = url.pathname.split('/')[1];
	return isLanguageCode(first) && first !== baseLocale ? first : 'en';
}

/**
 * Every message in every language as the source of a function, as Paraglide compiled them
 * (`compiledBundles` in its server.js). A language without its own words for a message uses the
 * English.
 */
const compiled = (() => {
	const match = /const compiledBundles = (\{.*\});\s*$/m.exec(compiledServer);
	if (!match) {
		throw new Error('The compiled message catalogue has changed shape: see src/lib/server/i18n.ts');
	}
	const bundles = JSON.parse(match[1]) as Record<string, Partial<Record<string, string>>>;
	const strip = (source: string) => source.replace(/\/\*\*.*?\*\/\s*/gs, '');
	return (id: string, locale: string) => {
		const source = bundles[id]?.[locale] ?? bundles[id]?.[baseLocale];
		return source === undefined ? undefined : strip(source);
	};
})();

export const MESSAGE_IDS = (() => {
	const match = /const compiledBundles = (\{.*\});\s*$/m.exec(compiledServer);
	return match ? Object.keys(JSON.parse(match[1]) as object) : [];
})();

/** `{ id: (i) => "...", ... }` for the given message ids in one language, as JavaScript source. */
export function messagesSource(ids: Iterable<string>, locale: string) {
	const entries: string[] = [];
	for (const id of ids) {
		const source = compiled(id, locale);
		if (source !== undefined) {
			entries.push(`${JSON.stringify(id)}:${source}`);
		}
	}
	// Nothing a translator writes may end the script early.
	return `{${entries.join(',')}}`.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * Runs the request in its language and writes into the page the words it used, so its
 * JavaScript (which carries none) can show them without asking again. `lang` and `dir` go on
 * `<html>` (`%lang%` and `%dir%` in src/app.html).
 */
/** The languages the council offers (a setting): English and all the others unless told. */
let offered: () => readonly LanguageCode[] = () => LANGUAGE_CODES;

export function setOfferedLanguagesSource(source: () => readonly LanguageCode[]) {
	offered = source;
}

export function isOffered(language: LanguageCode) {
	return offered().includes(language);
}

export const handleLanguage: Handle = ({ event, resolve }) => {
	const elsewhere = rememberedLanguageRedirect(event.request, event.url, event.cookies);
	if (elsewhere) {
		return new Response(null, { status: 307, headers: { location: elsewhere, vary: 'cookie' } });
	}
	const language = languageFromUrl(event.url);
	const plain = withoutLanguagePrefix(event.url.pathname);
	if (!isOffered(language)) {
		// A language the council does not offer (no longer, or not yet): the English page.
		return new Response(null, {
			status: 307,
			headers: { location: `${plain}${event.url.search}` }
		});
	}
	if (language !== 'en' && !isTranslatedPath(plain)) {
		// Staff pages, data and files have one address, in English.
		return new Response(null, {
			status: 308,
			headers: { location: `${plain}${event.url.search}` }
		});
	}
	const store: RequestStore = {
		locale: language,
		origin: event.url.origin,
		messageCalls: new Set()
	};
	return storage.run(store, () =>
		resolve(event, {
			transformPageChunk: ({ html, done }) => {
				if (!done) {
					return html;
				}
				const used = [...store.messageCalls].map((call) => call.slice(0, call.lastIndexOf(':')));
				const nonce = /<script nonce="([^"]+)"/.exec(html)?.[1];
				const script = `<script${nonce ? ` nonce="${nonce}"` : ''}>(globalThis.__paraglide??={}).ssr=${messagesSource(new Set(used), language)}</script>`;
				return html
					.replace('</head>', `${alternateLinks(event.url)}</head>`)
					.replace('%lang%', language === 'en' ? 'en-GB' : language)
					.replace('%dir%', languageOf(language).dir)
					.replace(
						'href="/manifest.webmanifest"',
						`href="/manifest.webmanifest${language === 'en' ? '' : `?language=${language}`}"`
					)
					.replace('</head>', `${script}</head>`);
			}
		})
	);
};

/**
 * The same page in every language, for search engines and translation tools: written by the
 * server alone, as no page's script needs them.
 */
export function alternateLinks(url: URL) {
	const path = withoutLanguagePrefix(url.pathname);
	if (!isTranslatedPath(path)) {
		return '';
	}
	const link = (hreflang: string, href: string) =>
		`<link rel="alternate" hreflang="${hreflang}" href="${escapeAttribute(url.origin + href)}">`;
	return [
		...offered().map((code) => link(code, localizePath(path, { locale: code }))),
		link('x-default', path)
	].join('');
}

function escapeAttribute(value: string) {
	return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}

/**
 * A remembered language: someone who chose Arabic and opens an English address of a page that
 * speaks their language (`/`, from the home screen; a link a friend sent) is sent to its Arabic
 * address. Only page views: never data, forms or staff pages.
 */
export function rememberedLanguageRedirect(
	request: Request,
	url: URL,
	cookies: Cookies
): string | null {
	const remembered = cookies.get(LANGUAGE_COOKIE);
	if (
		request.method !== 'GET' ||
		!isLanguageCode(remembered) ||
		remembered === 'en' ||
		!isOffered(remembered) ||
		languageFromUrl(url) !== 'en' ||
		request.headers.get('sec-fetch-dest') === 'empty' ||
		url.pathname.endsWith('/__data.json') ||
		!isTranslatedPath(url.pathname)
	) {
		return null;
	}
	return localizePath(`${url.pathname}${url.search}`, { locale: remembered });
}

export function rememberLanguage(cookies: Cookies, language: LanguageCode, secure: boolean) {
	cookies.set(LANGUAGE_COOKIE, language, {
		path: '/',
		maxAge: YEAR_SECONDS,
		httpOnly: true,
		sameSite: 'lax',
		secure
	});
}

/** The address of the same page in another language. */
export function sameAddressIn(url: URL, language: LanguageCode) {
	return localizePath(`${url.pathname}${url.search}`, { locale: language });
}

export { getLocale, LANGUAGE_CODES };
