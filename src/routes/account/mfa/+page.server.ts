import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { mfaCodeSchema } from '$lib/schemas/account';
import { loginRedirect, safeRedirectPath } from '$lib/server/auth/guards';
import {
	enableMfa,
	encodeTotpKey,
	generateTotpKey,
	totpKeyUri,
	totpQrCode,
	verifyTotpCode
} from '$lib/server/auth/mfa';
import { markSessionMfaVerified } from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { getCouncilSettings } from '$lib/server/settings';
import { inLanguage, localizedHome, errorsIn } from '$lib/server/account-messages';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

/** Someone setting up MFA: signed in, or signed in with a password and owing a first set-up. */
function requireSettingUp(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const pending = event.locals.pendingMfa;
	if (pending) {
		if (pending.user.totpKey) {
			redirect(303, inLanguage('/login/mfa'));
		}
		return pending;
	}
	if (!event.locals.user || !event.locals.session) {
		loginRedirect(event);
	}
	return { user: event.locals.user, session: event.locals.session };
}

async function setUpDetails(username: string, encodedKey?: string) {
	const key = encodedKey ? decodeBase32IgnorePadding(encodedKey) : generateTotpKey();
	const issuer = getCouncilSettings(db).appName;
	const uri = totpKeyUri(issuer, username, key);
	return { encodedKey: encodeTotpKey(key), qrSvg: await totpQrCode(uri) };
}

export const load: PageServerLoad = async (event) => {
	const { user } = requireSettingUp(event);
	if (user.totpKey) {
		return { alreadyOn: true, required: false, encodedKey: '', qrSvg: '', redirectTo: '' };
	}
	const details = await setUpDetails(user.username ?? 'account');
	return {
		alreadyOn: false,
		required: Boolean(event.locals.pendingMfa),
		redirectTo: safeRedirectPath(event.url.searchParams.get('redirectTo'), ''),
		...details
	};
};

export const actions = {
	default: async (event) => {
		const { user, session } = requireSettingUp(event);
		if (user.totpKey) {
			error(400, m.account_mfa_already_on_error());
		}
		const form = await readForm(event.request);
		const encodedKey = echo(form, { key: 64 }).key;
		let key: Uint8Array;
		try {
			key = decodeBase32IgnorePadding(encodedKey);
		} catch {
			key = new Uint8Array();
		}
		if (key.length !== 20) {
			error(400, m.account_mfa_form_damaged());
		}
		const parsed = mfaCodeSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				errors: errorsIn(fieldErrors(parsed.error)),
				...(await setUpDetails(user.username ?? 'account', encodedKey))
			});
		}
		const step = verifyTotpCode(key, parsed.data.code, null);
		if (step === null) {
			return fail(400, {
				errors: { code: m.account_mfa_setup_code_did_not_work() },
				...(await setUpDetails(user.username ?? 'account', encodedKey))
			});
		}
		const recoveryCode = enableMfa(db, user.id, key, step);
		markSessionMfaVerified(db, session.id);
		return {
			recoveryCode,
			next: safeRedirectPath(form.redirectTo, '') || localizedHome(user.role)
		};
	}
} satisfies Actions;
