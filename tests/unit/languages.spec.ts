import { describe, expect, it } from 'vitest';
import { isTranslatedPath, localizePath } from '$lib/i18n/paths';
import { LANGUAGES } from '$lib/language-names';
import { LANGUAGE_CODES, languageToOffer, withoutLanguagePrefix } from '$lib/languages';
import { mayOfferLanguage } from '$lib/server/page-cache';

describe('the languages the app speaks', () => {
	it('names each language in itself, with its direction', () => {
		expect(LANGUAGES.map(({ code, name, dir }) => `${code} ${name} ${dir}`)).toEqual([
			'en English ltr',
			'ar العربية rtl',
			'fa فارسی rtl',
			'ps پښتو rtl',
			'ckb کوردی rtl',
			'ti ትግርኛ ltr',
			'sq Shqip ltr',
			'vi Tiếng Việt ltr'
		]);
	});

	it('names each language in the catalogue as in the list', async () => {
		const { m } = await import('$lib/paraglide/messages');
		for (const { code, name } of LANGUAGES) {
			expect(m.language_name({}, { locale: code })).toBe(name);
		}
		expect(LANGUAGES.map(({ code }) => code)).toEqual([...LANGUAGE_CODES]);
	});
});

describe('addresses', () => {
	it.each([
		['/', 'ar', '/ar'],
		['/offers', 'ar', '/ar/offers'],
		['/offers/staying-put', 'ckb', '/ckb/offers/staying-put'],
		['/offers?category=money', 'fa', '/fa/offers?category=money'],
		['/help', 'en', '/help'],
		['/', 'en', '/'],
		['/?x=1', 'ar', '/ar?x=1'],
		// Already in a language: the other language's address.
		['/ar/help', 'vi', '/vi/help'],
		['/ar/help', 'en', '/help'],
		// Staff pages and data have one address.
		['/staff/leavers', 'ar', '/staff/leavers'],
		['/api/offers', 'fa', '/api/offers']
	] as const)('%s in %s is %s', (path, locale, expected) => {
		expect(localizePath(path, { locale })).toBe(expected);
	});

	it.each([
		['/ar', '/'],
		['/ar/offers/x', '/offers/x'],
		['/vi/help', '/help'],
		['/offers', '/offers'],
		// Not a language: a page whose name starts like one.
		['/argh', '/argh'],
		['/arabic/x', '/arabic/x']
	])('%s is the page %s', (path, plain) => {
		expect(withoutLanguagePrefix(path)).toBe(plain);
	});

	it('translates pages a young person can reach, not staff pages, APIs or files', () => {
		expect(isTranslatedPath('/offers/x')).toBe(true);
		expect(isTranslatedPath('/requests/new')).toBe(true);
		expect(isTranslatedPath('/staff/requests/1')).toBe(false);
		expect(isTranslatedPath('/lead')).toBe(false);
		expect(isTranslatedPath('/api/offers')).toBe(false);
		expect(isTranslatedPath('/theme.css')).toBe(false);
	});
});

describe('offering a first-time visitor their browser’s language', () => {
	it.each([
		['ar', 'ar'],
		['ar-SA,ar;q=0.9,en;q=0.8', 'ar'],
		['fa-AF,fa;q=0.9,en;q=0.8', 'fa'],
		['prs-AF', 'fa'],
		['ckb-IQ', 'ckb'],
		['ti-ER,en;q=0.5', 'ti'],
		['vi-VN', 'vi'],
		// English first, or no language the app speaks: nothing to offer.
		['en-GB,en;q=0.9,ar;q=0.8', null],
		['de-DE,fr;q=0.9', null],
		// Quality decides, not order; a language the app speaks after one it does not.
		['en;q=0.5,sq;q=0.9', 'sq'],
		['de,ps;q=0.7', 'ps'],
		['ar;q=0', null],
		['', null]
	])('%s → %s', (header, expected) => {
		expect(languageToOffer(header, undefined)).toBe(expected);
	});

	it('asks only once: a remembered choice, either way, ends it', () => {
		expect(languageToOffer('ar', 'en')).toBeNull();
		expect(languageToOffer('ar', 'ar')).toBeNull();
	});

	it('offers only what the council offers', () => {
		expect(languageToOffer('ar', undefined, ['en', 'fa'])).toBeNull();
		expect(languageToOffer('ar,fa;q=0.5', undefined, ['en', 'fa'])).toBe('fa');
	});

	it('makes that home page for the visitor rather than from the page cache', () => {
		expect(mayOfferLanguage('/', 'ar', undefined)).toBe(true);
		expect(mayOfferLanguage('/', 'ar', 'en')).toBe(false);
		expect(mayOfferLanguage('/offers', 'ar', undefined)).toBe(false);
		expect(mayOfferLanguage('/', 'en-GB', undefined)).toBe(false);
	});
});
