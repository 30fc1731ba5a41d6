import { fail, redirect } from '@sveltejs/kit';
import { changePasswordSchema } from '$lib/schemas/account';
import { requireUser } from '$lib/server/auth/guards';
import { turnOffMfa } from '$lib/server/auth/mfa';
import {
	deleteSessionTokenCookie,
	listUserSessions,
	sessionListKey
} from '$lib/server/auth/session';
import { signOutDevice } from '$lib/server/auth/sign-in';
import { SECURE_COOKIES } from '$lib/server/config';
import { db } from '$lib/server/db';
import { fieldErrors, readForm } from '$lib/server/forms';
import { changePassword, isStaffRole, signOutEverywhere } from '$lib/server/users';
import { SIGN_OUT_HEADERS } from '$lib/server/security-headers.js';
import { isAway } from '$lib/server/away';
import { errorsIn, inLanguage } from '$lib/server/account-messages';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const current = event.locals.session?.id;
	return {
		account: {
			name: user.name,
			username: user.username,
			role: user.role,
			mfaEnabled: user.totpKey !== null,
			awayUntil: isAway(user) ? user.awayUntil : null
		},
		sessions: listUserSessions(db, user.id).map((row) => ({
			key: sessionListKey(row.id),
			device: row.device,
			lastSeenAt: row.lastSeenAt,
			createdAt: row.createdAt,
			current: row.id === current
		}))
	};
};

export const actions = {
	password: async (event) => {
		const user = requireUser(event);
		const parsed = changePasswordSchema.safeParse(await readForm(event.request));
		if (!parsed.success) {
			return fail(400, { password: { errors: errorsIn(fieldErrors(parsed.error)) } });
		}
		const result = await changePassword(db, user, {
			...parsed.data,
			keepSessionId: event.locals.session!.id
		});
		if (!result.ok) {
			return fail(400, { password: { errors: errorsIn({ [result.field]: result.message }) } });
		}
		return { password: { done: true } };
	},
	signOutEverywhere: async (event) => {
		const user = requireUser(event);
		signOutEverywhere(db, user);
		deleteSessionTokenCookie(event.cookies, SECURE_COOKIES);
		event.setHeaders(SIGN_OUT_HEADERS);
		redirect(303, inLanguage('/login?signedOut=1'));
	},
	signOutSession: async (event) => {
		const user = requireUser(event);
		const form = await readForm(event.request);
		const target = signOutDevice(db, user, form.session);
		if (!target) {
			return fail(400, { sessions: { message: m.account_device_already_signed_out() } });
		}
		if (target.id === event.locals.session?.id) {
			deleteSessionTokenCookie(event.cookies, SECURE_COOKIES);
			redirect(303, inLanguage('/login?signedOut=1'));
		}
		return { sessions: { message: m.account_signed_out_device({ device: target.device }) } };
	},
	turnOffMfa: async (event) => {
		const user = requireUser(event);
		if (isStaffRole(user.role)) {
			return fail(403, { mfa: { message: m.account_staff_keep_mfa() } });
		}
		turnOffMfa(db, user);
		return { mfa: { message: m.account_mfa_now_off() } };
	}
} satisfies Actions;
