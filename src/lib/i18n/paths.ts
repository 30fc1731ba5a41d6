import {
	BASE_LANGUAGE,
	isLanguageCode,
	withoutLanguagePrefix,
	type LanguageCode
} from '$lib/languages';

/**
 * Pages a young person can reach speak every offered language, at `/ar/...` and the like.
 * Staff pages (`/staff`, `/lead`) are in English, and APIs, files and the feed have no language.
 */
const NOT_TRANSLATED =
	/^\/(staff|lead|api|i18n|_app|healthz|manifest\.webmanifest|service-worker\.js)(\/|$)|\.[a-z0-9]+$/i;

export function isTranslatedPath(pathname: string) {
	return !NOT_TRANSLATED.test(pathname);
}

/**
 * The language pages are being made in. In the browser it is the page's own (`<html lang>`: a
 * page never changes language in place); on the server src/lib/server/i18n.ts sets it to the
 * request's. Not Paraglide's runtime: its address handling would cost every page 1.5 KB.
 */
let currentLanguage = (): LanguageCode => {
	const lang = typeof document === 'undefined' ? '' : document.documentElement.lang.split('-')[0];
	return isLanguageCode(lang) ? lang : BASE_LANGUAGE;
};

/** The language pages are being made in now. */
export function pageLanguage(): LanguageCode {
	return currentLanguage();
}

export function setLanguageSource(source: () => LanguageCode) {
	currentLanguage = source;
}

/**
 * The address of a page in the current language (or the one given): `/offers` in Arabic is
 * `/ar/offers`, and home is `/ar`. Staff pages, data and files keep their one address.
 */
export function localizePath(path: string, options?: { locale?: LanguageCode }) {
	const language = options?.locale ?? currentLanguage();
	const plain = withoutLanguagePrefix(path);
	if (language === BASE_LANGUAGE || !isTranslatedPath(plain.split(/[?#]/)[0])) {
		return plain;
	}
	return `/${language}${plain.startsWith('/?') || plain.startsWith('/#') || plain === '/' ? plain.slice(1) : plain}`;
}
