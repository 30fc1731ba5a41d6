import { fail, redirect } from '@sveltejs/kit';
import { joinSchema } from '$lib/schemas/account';
import { startSession } from '$lib/server/auth/sign-in';
import { homeFor } from '$lib/server/auth/guards';
import { getThrottleWait, recordThrottleFailure, throttleKey } from '$lib/server/auth/throttle';
import {
	answerIn,
	inLanguage,
	localizedHome,
	waitMessageIn,
	errorsIn
} from '$lib/server/account-messages';
import { DEMO_MODE } from '$lib/server/config';
import { clientAddressOf } from '$lib/server/client-address';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { joinWithInvite, mfaRequired } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) {
		redirect(303, localizedHome(locals.user.role));
	}
	return { code: (url.searchParams.get('code') ?? '').slice(0, 20) };
};

export const actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const values = echo(form, { code: 40, username: 64 });
		// Invite codes are guessable only by brute force: throttle tries per address.
		const keys = [throttleKey('join', clientAddressOf(event))];
		const wait = getThrottleWait(db, keys);
		if (wait > 0) {
			return fail(429, { values, errors: {}, message: waitMessageIn(wait) });
		}
		const parsed = joinSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { values, errors: errorsIn(fieldErrors(parsed.error)), message: null });
		}
		const result = await joinWithInvite(db, parsed.data);
		if (!result.ok) {
			if (result.field === 'code') {
				recordThrottleFailure(db, keys);
			}
			return fail(400, {
				values,
				errors: { [result.field]: answerIn(result.message) },
				message: null
			});
		}
		const needsMfa = mfaRequired(result.user, DEMO_MODE);
		startSession(db, event, result.user, !needsMfa);
		redirect(
			303,
			needsMfa
				? inLanguage('/account/mfa?welcome=1')
				: inLanguage(`${homeFor(result.user.role)}?welcome=1`)
		);
	}
} satisfies Actions;
