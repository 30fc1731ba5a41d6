import { describe, expect, it } from 'vitest';
import { getCouncilSettings } from '$lib/server/settings';
import { buildWebManifest } from '$lib/server/web-manifest';
import { createTestDatabase } from './helpers';

describe('the web app manifest', () => {
	const council = getCouncilSettings(createTestDatabase());

	it('takes the name and colours from the council settings', () => {
		const manifest = buildWebManifest({
			...council,
			appName: 'Elsewhere Care Leavers',
			shortName: 'Elsewhere',
			name: 'Elsewhere Council',
			colours: { primary: '#112233', accent: '#445566' }
		});
		expect(manifest).toMatchObject({
			name: 'Elsewhere Care Leavers',
			short_name: 'Elsewhere',
			theme_color: '#112233',
			background_color: '#112233'
		});
		expect(manifest.description).toContain('Elsewhere Council');
	});

	it('opens standalone at the home page, with 192 px, 512 px and maskable icons', () => {
		const manifest = buildWebManifest(council);
		expect(manifest).toMatchObject({ start_url: '/', scope: '/', display: 'standalone' });
		expect(manifest.icons.map(({ sizes, purpose }) => `${sizes} ${purpose}`)).toEqual([
			'192x192 any',
			'512x512 any',
			'512x512 maskable'
		]);
	});

	it('has shortcuts to urgent help and to asking the PA', () => {
		expect(buildWebManifest(council).shortcuts.map(({ name, url }) => [name, url])).toEqual([
			['Urgent help', '/help'],
			['Ask my PA', '/requests/new']
		]);
	});
});
