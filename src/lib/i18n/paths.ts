import type { LanguageCode } from '$lib/languages';
import { localizeHref } from '$lib/paraglide/runtime';

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
 * The address of a page in the current language (or the one given): `/offers` in Arabic is
 * `/ar/offers`, and home is `/ar` (without the slash Paraglide adds, which the server would
 * only redirect away: `trailingSlash` is `never`).
 */
export function localizePath(path: string, options?: { locale?: LanguageCode }) {
	const localized = localizeHref(path, options);
	return localized.replace(/^(\/[^/?#]+)\/(?=$|[?#])/, '$1');
}
