/**
 * The languages the app can speak: English plus the languages unaccompanied young people in the
 * North East most often speak. Which of these a council offers is a setting (`/lead/settings`);
 * this list is the default and the most there can be. Each is named in itself, so a young person
 * who reads no English can still find theirs.
 */
export const LANGUAGE_CODES = ['en', 'ar', 'fa', 'ps', 'ckb', 'ti', 'sq', 'vi'] as const;

export type LanguageCode = (typeof LANGUAGE_CODES)[number];

/** English is the language the offer is written in; every other one is translated from it. */
export const BASE_LANGUAGE: LanguageCode = 'en';

/** The languages other than English: the ones a translation can be made in. */
export const TRANSLATED_LANGUAGE_CODES = LANGUAGE_CODES.filter((code) => code !== BASE_LANGUAGE);

export function isLanguageCode(value: unknown): value is LanguageCode {
	return typeof value === 'string' && (LANGUAGE_CODES as readonly string[]).includes(value);
}

const LANGUAGE_PREFIX = new RegExp(`^/(${TRANSLATED_LANGUAGE_CODES.join('|')})(?=[/?#]|$)`);

/** The path a page has in English: `/ar/offers` → `/offers`, `/ar` → `/`, `/ar?x` → `/?x`. */
export function withoutLanguagePrefix(pathname: string) {
	const plain = pathname.replace(LANGUAGE_PREFIX, '');
	return plain.startsWith('/') ? plain : `/${plain}`;
}

/** Other names browsers use for a language the app speaks: Dari is written like Farsi. */
const BROWSER_ALIASES: Record<string, LanguageCode> = { prs: 'fa' };

/**
 * The language to offer someone on their first visit to the home page: the one their browser
 * prefers most among those offered, unless that is English or they have already chosen (the
 * `lang` cookie). `Accept-Language: fa-AF,fa;q=0.9,en;q=0.8` → `fa`.
 */
export function languageToOffer(
	acceptLanguage: string | null | undefined,
	chosen: string | null | undefined,
	offered: readonly LanguageCode[] = LANGUAGE_CODES
): LanguageCode | null {
	if (chosen || !acceptLanguage) {
		return null;
	}
	const preferences = acceptLanguage
		.split(',')
		.map((part, order) => {
			const [tag, ...parameters] = part.trim().split(';');
			const quality = parameters.find((parameter) => parameter.trim().startsWith('q='));
			const primary = tag.trim().toLowerCase().split('-')[0];
			return {
				code: BROWSER_ALIASES[primary] ?? primary,
				quality: quality ? Number(quality.trim().slice(2)) : 1,
				order
			};
		})
		.filter(({ quality }) => Number.isFinite(quality) && quality > 0)
		.sort((a, b) => b.quality - a.quality || a.order - b.order);
	const best = preferences.find(
		(preference): preference is typeof preference & { code: LanguageCode } =>
			isLanguageCode(preference.code) && offered.includes(preference.code)
	);
	return best && best.code !== BASE_LANGUAGE ? best.code : null;
}
