import { localizePath } from '$lib/i18n/paths';
import { languageOf } from '$lib/language-names';
import type { LanguageCode } from '$lib/languages';
import { m } from '$lib/paraglide/messages';
import type { CouncilSettings } from '$lib/schemas/offer';

/** Home-screen icons made from the council's logo by scripts/make-icons.js. */
const ICON = { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' };

/**
 * The web app manifest, from the council's settings (their name and colours are data, so another
 * council's install shows their own), in the language of the page it was installed from: its
 * words, and the home page and shortcuts in that language. `start_url` is the home page, which the
 * offline pack keeps. One app whatever the language (`id`).
 */
export function buildWebManifest(council: CouncilSettings, locale: LanguageCode) {
	const at = (path: string) => localizePath(path, { locale });
	return {
		id: '/',
		name: council.appName,
		short_name: council.shortName,
		description: m.app_description({ council: council.name }, { locale }),
		lang: locale === 'en' ? 'en-GB' : locale,
		dir: languageOf(locale).dir,
		start_url: at('/'),
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
				name: m.urgent_help({}, { locale }),
				short_name: m.urgent_help({}, { locale }),
				description: m.public_home_urgent_text({}, { locale }),
				url: at('/help'),
				icons: [ICON]
			},
			{
				name: m.leaver_ask_your_pa({}, { locale }),
				short_name: m.leaver_ask_your_pa({}, { locale }),
				description: m.app_shortcut_ask_description({}, { locale }),
				url: at('/requests/new'),
				icons: [ICON]
			}
		]
	};
}
