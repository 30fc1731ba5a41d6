import { fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { mfaCodeSchema, recoveryCodeSchema } from '$lib/schemas/account';
import { recordAudit } from '$lib/server/audit';
import { homeFor, loginRedirect, safeRedirectPath } from '$lib/server/auth/guards';
import { disableMfa, hashRecoveryCode, recordTotpStep, verifyTotpCode } from '$lib/server/auth/mfa';
import { markSessionMfaVerified } from '$lib/server/auth/session';
import {
	addressKey,
	getThrottleWait,
	recordThrottleFailure,
	usernameKey,
	waitMessage
} from '$lib/server/auth/throttle';
import { db } from '$lib/server/db';
import { user as userTable } from '$lib/server/db/schema';
import { fieldErrors, readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function requirePending(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const pending = event.locals.pendingMfa;
	if (!pending) {
		if (event.locals.user) {
			redirect(303, homeFor(event.locals.user.role));
		}
		loginRedirect(event);
	}
	return pending;
}

export const load: PageServerLoad = (event) => {
	const pending = requirePending(event);
	const redirectTo = safeRedirectPath(event.url.searchParams.get('redirectTo'), '');
	if (!pending.user.totpKey) {
		redirect(303, `/account/mfa?redirectTo=${encodeURIComponent(redirectTo)}`);
	}
	return { redirectTo };
};

function throttleKeys(event: RequestEvent, username: string | null) {
	return [usernameKey(`mfa:${username ?? ''}`), addressKey(event.getClientAddress())];
}

export const actions = {
	code: async (event) => {
		const { session, user } = requirePending(event);
		const form = await readForm(event.request);
		const redirectTo = safeRedirectPath(form.redirectTo, '');
		const keys = throttleKeys(event, user.username);
		const wait = getThrottleWait(db, keys);
		if (wait > 0) {
			return fail(429, { errors: {}, message: waitMessage(wait) });
		}
		const parsed = mfaCodeSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { errors: fieldErrors(parsed.error), message: null });
		}
		const step = user.totpKey
			? verifyTotpCode(new Uint8Array(user.totpKey), parsed.data.code, user.totpLastStep)
			: null;
		if (step === null) {
			recordThrottleFailure(db, keys);
			return fail(400, {
				errors: { code: 'That code did not work. Codes change every 30 seconds: try the new one.' },
				message: null
			});
		}
		recordTotpStep(db, user.id, step);
		markSessionMfaVerified(db, session.id);
		redirect(303, redirectTo || homeFor(user.role));
	},
	recovery: async (event) => {
		const { session, user } = requirePending(event);
		const form = await readForm(event.request);
		const keys = throttleKeys(event, user.username);
		const wait = getThrottleWait(db, keys);
		if (wait > 0) {
			return fail(429, { errors: {}, message: waitMessage(wait) });
		}
		const parsed = recoveryCodeSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { errors: fieldErrors(parsed.error), message: null });
		}
		const current = db.select().from(userTable).where(eq(userTable.id, user.id)).get();
		if (
			!current?.recoveryCodeHash ||
			current.recoveryCodeHash !== hashRecoveryCode(parsed.data.recoveryCode)
		) {
			recordThrottleFailure(db, keys);
			return fail(400, {
				errors: { recoveryCode: 'That recovery code did not work. Check it and try again.' },
				message: null
			});
		}
		// The recovery code is used up with the old key: set up a new authenticator now.
		disableMfa(db, user.id);
		recordAudit(db, { actorId: user.id, action: 'mfa-recovery-used', subjectUserId: user.id });
		if (user.role === 'leaver') {
			markSessionMfaVerified(db, session.id);
			redirect(303, '/account');
		}
		redirect(303, '/account/mfa');
	}
} satisfies Actions;
