import { afterEach, describe, expect, it } from 'vitest';
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { LANGUAGE_CODES } from '$lib/languages';
import {
	alternateLinks,
	handleLanguage,
	rememberedLanguageRedirect,
	setOfferedLanguagesSource
} from '$lib/server/i18n';
import { setting } from '$lib/server/db/schema';
import { getOfferedLanguages } from '$lib/server/settings';
import { createTestDatabase } from './helpers';

const cookies = (lang?: string) => ({ get: () => lang }) as unknown as Cookies;

function visit(path: string, lang?: string) {
	const url = new URL(path, 'https://offer.example');
	const event = {
		url,
		request: new Request(url),
		cookies: cookies(lang)
	} as unknown as RequestEvent;
	return handleLanguage({ event, resolve: async () => new Response('the page') });
}

describe('the languages a council offers', () => {
	afterEach(() => setOfferedLanguagesSource(() => LANGUAGE_CODES));

	it('are all of them until a lead chooses, and always English', () => {
		const db = createTestDatabase();
		expect(getOfferedLanguages(db)).toEqual(LANGUAGE_CODES);
		db.insert(setting)
			.values({ key: 'languages', value: ['vi', 'ar'] })
			.run();
		expect(getOfferedLanguages(db)).toEqual(['en', 'ar', 'vi']);
	});

	it('send a language no longer offered to the English page, and leave offered ones alone', async () => {
		setOfferedLanguagesSource(() => ['en', 'ar']);
		const tigrinya = await visit('/ti/offers/staying-put?x=1');
		expect(tigrinya.status).toBe(307);
		expect(tigrinya.headers.get('location')).toBe('/offers/staying-put?x=1');
		expect(await (await visit('/ar/offers/staying-put')).text()).toBe('the page');
	});

	it('forget a remembered language no longer offered, and list only offered ones as alternates', () => {
		setOfferedLanguagesSource(() => ['en', 'ar']);
		const url = new URL('https://offer.example/help');
		const request = new Request(url);
		expect(rememberedLanguageRedirect(request, url, cookies('ti'))).toBeNull();
		expect(rememberedLanguageRedirect(request, url, cookies('ar'))).toBe('/ar/help');
		const links = alternateLinks(url);
		expect(links).toContain('hreflang="ar"');
		expect(links).not.toContain('hreflang="ti"');
	});
});
