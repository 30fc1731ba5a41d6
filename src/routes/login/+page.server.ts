import { fail, redirect } from '@sveltejs/kit';
import { loginSchema } from '$lib/schemas/account';
import { safeRedirectPath } from '$lib/server/auth/guards';
import { startSession } from '$lib/server/auth/sign-in';
import { DEMO_MODE, oidcSettings } from '$lib/server/config';
import { clientAddressOf } from '$lib/server/client-address';
import { inLanguage, localizedHome, waitMessageIn, errorsIn } from '$lib/server/account-messages';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { mfaRequired, signIn } from '$lib/server/users';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirectPath(url.searchParams.get('redirectTo'), '');
	if (locals.user) {
		redirect(303, redirectTo || localizedHome(locals.user.role));
	}
	if (locals.pendingMfa) {
		redirect(303, inLanguage(`/login/mfa?redirectTo=${encodeURIComponent(redirectTo)}`));
	}
	return { redirectTo, demo: DEMO_MODE, councilButton: oidcSettings()?.buttonText ?? null };
};

export const actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const redirectTo = safeRedirectPath(form.redirectTo, '');
		const values = echo(form, { username: 64 });
		const parsed = loginSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { values, errors: errorsIn(fieldErrors(parsed.error)), message: null });
		}
		const result = await signIn(db, {
			username: parsed.data.username,
			password: parsed.data.password,
			address: clientAddressOf(event)
		});
		if (!result.ok && result.reason === 'throttled') {
			return fail(429, { values, errors: {}, message: waitMessageIn(result.waitMs) });
		}
		if (!result.ok && result.reason === 'use-council-sign-in') {
			return fail(400, {
				values,
				errors: {},
				message: m.account_login_use_council_button({ button: oidcSettings()?.buttonText ?? '' })
			});
		}
		if (!result.ok) {
			return fail(400, {
				values,
				errors: {},
				message: m.account_login_no_match()
			});
		}
		const needsMfa = mfaRequired(result.user, DEMO_MODE);
		startSession(db, event, result.user, !needsMfa);
		if (needsMfa) {
			redirect(303, inLanguage(`/login/mfa?redirectTo=${encodeURIComponent(redirectTo)}`));
		}
		redirect(303, redirectTo || localizedHome(result.user.role));
	}
} satisfies Actions;
