import { describe, expect, it } from 'vitest';
import { getCouncilSettings } from '$lib/server/settings';
import { buildWebManifest } from '$lib/server/web-manifest';
import { createTestDatabase } from './helpers';

describe('the web app manifest', () => {
	const council = getCouncilSettings(createTestDatabase());

	it('takes the name and colours from the council settings', () => {
		const manifest = buildWebManifest(
			{
				...council,
				appName: 'Elsewhere Care Leavers',
				shortName: 'Elsewhere',
				name: 'Elsewhere Council',
				colours: { primary: '#112233', accent: '#445566' }
			},
			'en'
		);
		expect(manifest).toMatchObject({
			name: 'Elsewhere Care Leavers',
			short_name: 'Elsewhere',
			theme_color: '#112233',
			background_color: '#112233'
		});
		expect(manifest.description).toContain('Elsewhere Council');
	});

	it('opens standalone at the home page, with 192 px, 512 px and maskable icons', () => {
		const manifest = buildWebManifest(council, 'en');
		expect(manifest).toMatchObject({ start_url: '/', scope: '/', display: 'standalone' });
		expect(manifest.icons.map(({ sizes, purpose }) => `${sizes} ${purpose}`)).toEqual([
			'192x192 any',
			'512x512 any',
			'512x512 maskable'
		]);
	});

	it('has shortcuts to urgent help and to asking the PA', () => {
		expect(buildWebManifest(council, 'en').shortcuts.map(({ name, url }) => [name, url])).toEqual([
			['Urgent help', '/help'],
			['Ask your PA', '/requests/new']
		]);
	});

	it('speaks the language it was installed in: its words, direction, home page and shortcuts', () => {
		const manifest = buildWebManifest(council, 'ar');
		expect(manifest).toMatchObject({
			id: '/',
			lang: 'ar',
			dir: 'rtl',
			start_url: '/ar',
			scope: '/'
		});
		expect(manifest.description).toContain(council.name);
		expect(manifest.description).toMatch(/[\u0600-\u06ff]/);
		expect(manifest.shortcuts.map(({ name, url }) => [name, url])).toEqual([
			['مساعدة عاجلة', '/ar/help'],
			['اسأل مستشارك الشخصي', '/ar/requests/new']
		]);
		for (const shortcut of manifest.shortcuts) {
			expect(shortcut.description).not.toMatch(/[a-z]{3}/i);
		}
		// Every language has its own words for every one of them.
		for (const locale of ['fa', 'ps', 'ckb', 'ti', 'sq', 'vi'] as const) {
			const other = buildWebManifest(council, locale);
			expect(other.start_url).toBe(`/${locale}`);
			expect(other.description).not.toBe(buildWebManifest(council, 'en').description);
			expect(other.shortcuts[1].description).not.toBe('Send a message to your personal adviser.');
		}
	});
});
