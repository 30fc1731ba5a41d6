import { fail, redirect } from '@sveltejs/kit';
import { loginSchema } from '$lib/schemas/account';
import { homeFor, safeRedirectPath } from '$lib/server/auth/guards';
import { startSession } from '$lib/server/auth/sign-in';
import { waitMessage } from '$lib/server/auth/throttle';
import { DEMO_MODE, oidcSettings } from '$lib/server/config';
import { clientAddressOf } from '$lib/server/client-address';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { mfaRequired, signIn } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirectPath(url.searchParams.get('redirectTo'), '');
	if (locals.user) {
		redirect(303, redirectTo || homeFor(locals.user.role));
	}
	if (locals.pendingMfa) {
		redirect(303, `/login/mfa?redirectTo=${encodeURIComponent(redirectTo)}`);
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
			return fail(400, { values, errors: fieldErrors(parsed.error), message: null });
		}
		const result = await signIn(db, {
			username: parsed.data.username,
			password: parsed.data.password,
			address: clientAddressOf(event)
		});
		if (!result.ok && result.reason === 'throttled') {
			return fail(429, { values, errors: {}, message: waitMessage(result.waitMs) });
		}
		if (!result.ok && result.reason === 'use-council-sign-in') {
			return fail(400, {
				values,
				errors: {},
				message: `Staff sign in with the button at the top of this page: "${oidcSettings()?.buttonText}".`
			});
		}
		if (!result.ok) {
			return fail(400, {
				values,
				errors: {},
				message: 'That username and password do not match. Check them and try again.'
			});
		}
		const needsMfa = mfaRequired(result.user, DEMO_MODE);
		startSession(db, event, result.user, !needsMfa);
		if (needsMfa) {
			redirect(303, `/login/mfa?redirectTo=${encodeURIComponent(redirectTo)}`);
		}
		redirect(303, redirectTo || homeFor(result.user.role));
	}
} satisfies Actions;
