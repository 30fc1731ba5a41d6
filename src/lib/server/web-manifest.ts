import type { CouncilSettings } from '$lib/schemas/offer';

/** Home-screen icons made from the council's logo by scripts/make-icons.js. */
const ICON = { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' };

/**
 * The web app manifest, from the council's settings (their name and colours are data, so another
 * council's install shows their own). `start_url` is the home page, which the offline pack keeps.
 */
export function buildWebManifest(council: CouncilSettings) {
	return {
		id: '/',
		name: council.appName,
		short_name: council.shortName,
		description: `Everything ${council.name} offers care leavers, in plain English.`,
		lang: 'en-GB',
		dir: 'ltr',
		start_url: '/',
		scope: '/',
		display: 'standalone',
		theme_color: council.colours.primary,
		background_color: council.colours.primary,
		icons: [
			{ ...ICON, purpose: 'any' },
			{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
			{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
		],
		shortcuts: [
			{
				name: 'Urgent help',
				short_name: 'Urgent help',
				description: 'Numbers to call or text, day or night',
				url: '/help',
				icons: [ICON]
			},
			{
				name: 'Ask my PA',
				short_name: 'Ask my PA',
				description: 'Send a message to your personal adviser',
				url: '/requests/new',
				icons: [ICON]
			}
		]
	};
}
