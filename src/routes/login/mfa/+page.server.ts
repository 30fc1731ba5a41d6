import { fail, redirect } from '@sveltejs/kit';
import { mfaCodeSchema, recoveryCodeSchema } from '$lib/schemas/account';
import { loginRedirect, safeRedirectPath } from '$lib/server/auth/guards';
import { answerIn, inLanguage, localizedHome, errorsIn } from '$lib/server/account-messages';
import { verifySecondStep, type SecondStepResult } from '$lib/server/auth/mfa';
import { markSessionMfaVerified } from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import { fieldErrors, readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function requirePending(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const pending = event.locals.pendingMfa;
	if (!pending) {
		if (event.locals.user) {
			redirect(303, localizedHome(event.locals.user.role));
		}
		loginRedirect(event);
	}
	return pending;
}

export const load: PageServerLoad = (event) => {
	const pending = requirePending(event);
	const redirectTo = safeRedirectPath(event.url.searchParams.get('redirectTo'), '');
	if (!pending.user.totpKey) {
		redirect(303, inLanguage(`/account/mfa?redirectTo=${encodeURIComponent(redirectTo)}`));
	}
	return { redirectTo };
};

export const actions = {
	code: async (event) => {
		const { session, user } = requirePending(event);
		const form = await readForm(event.request);
		const redirectTo = safeRedirectPath(form.redirectTo, '');
		const parsed = mfaCodeSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { errors: errorsIn(fieldErrors(parsed.error)), message: null });
		}
		const result = verifySecondStep(
			db,
			{ sessionId: session.id, account: user },
			{ code: parsed.data.code }
		);
		if (!result.ok) {
			return refused(result);
		}
		redirect(303, redirectTo || localizedHome(user.role));
	},
	recovery: async (event) => {
		const { session, user } = requirePending(event);
		const parsed = recoveryCodeSchema.safeParse(await readForm(event.request));
		if (!parsed.success) {
			return fail(400, { errors: errorsIn(fieldErrors(parsed.error)), message: null });
		}
		const result = verifySecondStep(
			db,
			{ sessionId: session.id, account: user },
			{ recoveryCode: parsed.data.recoveryCode }
		);
		if (!result.ok) {
			return refused(result);
		}
		// Two-step sign-in is off now. A care leaver may go on; staff set up a new authenticator.
		if (user.role === 'leaver') {
			markSessionMfaVerified(db, session.id);
			redirect(303, inLanguage('/account'));
		}
		redirect(303, inLanguage('/account/mfa'));
	}
} satisfies Actions;

function refused(result: Extract<SecondStepResult, { ok: false }>) {
	if (result.throttled || !result.field) {
		return fail(429, { errors: {}, message: answerIn(result.message) });
	}
	return fail(400, { errors: { [result.field]: answerIn(result.message) }, message: null });
}
