import { redirect } from '@sveltejs/kit';
import { SECURE_COOKIES } from '$lib/server/config';
import { isLanguageCode, withoutLanguagePrefix } from '$lib/languages';
import { rememberLanguage } from '$lib/server/i18n';
import { db } from '$lib/server/db';
import { getOfferedLanguages } from '$lib/server/settings';
import { isTranslatedPath, localizePath } from '$lib/i18n/paths';
import { safeRedirectPath } from '$lib/server/auth/guards';
import { readForm } from '$lib/server/forms';
import { saveAccountLanguage } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

/** Where to go back to: a page of this site that speaks every language, else home. */
function returnPath(value: string | null) {
	const path = withoutLanguagePrefix(safeRedirectPath(value, '/').split('?')[0]);
	const query = safeRedirectPath(value, '/').split('?')[1];
	if (!isTranslatedPath(path) || path === '/language') {
		return '/';
	}
	return query ? `${path}?${query}` : path;
}

export const load: PageServerLoad = ({ url }) => ({
	from: returnPath(url.searchParams.get('from')),
	/** The languages the council offers. */
	offered: getOfferedLanguages(db)
});

export const actions = {
	/**
	 * Remembers the language on this phone (and on a signed-in care leaver's account, so their
	 * notices and emails use it, and another phone they sign in on) and opens the same page in it.
	 */
	default: async ({ request, cookies, locals }) => {
		const form = await readForm(request);
		const language = form.language;
		const from = returnPath(form.from ?? '/');
		if (!isLanguageCode(language) || !getOfferedLanguages(db).includes(language)) {
			redirect(303, localizePath('/language'));
		}
		rememberLanguage(cookies, language, SECURE_COOKIES);
		if (locals.user?.role === 'leaver') {
			saveAccountLanguage(db, locals.user.id, language);
		}
		redirect(303, localizePath(from, { locale: language }));
	}
} satisfies Actions;
