import { redirect } from '@sveltejs/kit';
import { deleteSessionTokenCookie } from '$lib/server/auth/session';
import { signOut } from '$lib/server/auth/sign-in';
import { SECURE_COOKIES } from '$lib/server/config';
import { db } from '$lib/server/db';
import { SIGN_OUT_HEADERS } from '$lib/server/security-headers.js';
import { inLanguage } from '$lib/server/account-messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	return { signedIn: Boolean(locals.session || locals.pendingMfa) };
};

export const actions = {
	default: async ({ locals, cookies, setHeaders }) => {
		const session = locals.session ?? locals.pendingMfa?.session;
		if (session) {
			signOut(db, session);
		}
		deleteSessionTokenCookie(cookies, SECURE_COOKIES);
		setHeaders(SIGN_OUT_HEADERS);
		redirect(303, inLanguage('/login?signedOut=1'));
	}
} satisfies Actions;
