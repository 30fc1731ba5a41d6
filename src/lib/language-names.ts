import { LANGUAGE_CODES, type LanguageCode } from './languages';

/** Each language's names and direction (the codes are apart, so pages need not carry the names). */
export const LANGUAGES: readonly {
	code: LanguageCode;
	name: string;
	englishName: string;
	dir: 'ltr' | 'rtl';
}[] = [
	{ code: 'en', name: 'English', englishName: 'English', dir: 'ltr' },
	{ code: 'ar', name: 'العربية', englishName: 'Arabic', dir: 'rtl' },
	{ code: 'fa', name: 'فارسی', englishName: 'Farsi and Dari', dir: 'rtl' },
	{ code: 'ps', name: 'پښتو', englishName: 'Pashto', dir: 'rtl' },
	{ code: 'ckb', name: 'کوردی', englishName: 'Kurdish (Sorani)', dir: 'rtl' },
	{ code: 'ti', name: 'ትግርኛ', englishName: 'Tigrinya', dir: 'ltr' },
	{ code: 'sq', name: 'Shqip', englishName: 'Albanian', dir: 'ltr' },
	{ code: 'vi', name: 'Tiếng Việt', englishName: 'Vietnamese', dir: 'ltr' }
];

export function languageOf(code: LanguageCode) {
	return LANGUAGES.find((language) => language.code === code) ?? LANGUAGES[0];
}

export function isRightToLeft(code: LanguageCode) {
	return languageOf(code).dir === 'rtl';
}

export { LANGUAGE_CODES };
