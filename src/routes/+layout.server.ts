import { db } from '$lib/server/db';
import { cachedUntilWrite } from '$lib/server/db/cache';
import {
	getCouncilSettings,
	getOfferedLanguages,
	getSettingsVersion,
	listCategories
} from '$lib/server/settings';
import { countNewForStaff, countUnreadForLeaver } from '$lib/server/requests';
import { toPublicUser } from '$lib/server/users';
import { languageOf } from '$lib/language-names';
import { languageToOffer } from '$lib/languages';
import { m } from '$lib/paraglide/messages';
import { LANGUAGE_COOKIE } from '$lib/server/i18n';
import { translateCategories, translateWelcome } from '$lib/server/translations';
import { pageLanguage } from '$lib/i18n/paths';
import type { LayoutServerLoad } from './$types';

/**
 * On a first visit to the English home page from a browser that prefers another language the app
 * speaks, the page offers it, written in that language (so it is in the data, not the page's
 * words). Choosing either way is remembered, and the offer is not made again.
 */
function offerLanguage(request: Request, url: URL, chosen: string | undefined) {
	if (url.pathname !== '/') {
		return null;
	}
	const code = languageToOffer(
		request.headers.get('accept-language'),
		chosen,
		cachedUntilWrite(db, 'offered-languages', () => getOfferedLanguages(db))
	);
	if (!code) {
		return null;
	}
	const { name, dir } = languageOf(code);
	return {
		code,
		dir,
		text: m.language_offer({ language: name }, { locale: code }),
		accept: m.language_offer_accept({ language: name }, { locale: code }),
		decline: m.language_offer_decline({}, { locale: 'en' })
	};
}

export const load: LayoutServerLoad = ({ locals, depends, request, url, cookies, untrack }) => {
	// A page that marks something read refreshes the count with invalidate('app:waiting').
	depends('app:waiting');
	return {
		user: locals.user ? toPublicUser(locals.user) : null,
		// Not a reason to load again on every page (the layout shows it on the home page only),
		// nor for the offline copy of a page to stop answering for its other queries.
		languageOffer: untrack(() => offerLanguage(request, url, cookies.get(LANGUAGE_COOKIE))),
		/** New requests (staff) or unread replies (care leavers), for the header. */
		waiting: !locals.user
			? 0
			: locals.user.role === 'leaver'
				? countUnreadForLeaver(db, locals.user)
				: locals.user.role === 'supporter'
					? 0
					: countNewForStaff(db, locals.user),
		// In the page's language: topics and the welcome are the council's words, translated where a
		// translation exists (each says which language it is in, so English is marked as English).
		...cachedUntilWrite(db, `layout:${pageLanguage()}`, () => {
			const council = getCouncilSettings(db);
			return {
				council,
				welcome: translateWelcome(db, council, pageLanguage()),
				categories: translateCategories(db, listCategories(db), pageLanguage()),
				themeVersion: getSettingsVersion(db)
			};
		})
	};
};
