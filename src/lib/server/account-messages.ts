import { isTranslatedPath, localizePath } from '$lib/i18n/paths';
import { GENERAL_FEEDBACK_MAX, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '$lib/limits';
import { m } from '$lib/paraglide/messages';
import type { Role } from '$lib/server/db/schema/people';
import { INVITE_PROBLEMS } from '$lib/server/auth/credentials';
import { homeFor } from '$lib/server/auth/guards';

/**
 * The sign-in, joining, feedback and account pages in the request's language. The auth modules
 * (credentials, password, mfa, throttle, away) and the form schemas answer in English; these turn
 * their answers into the page's language as the request is answered. English stays word for word
 * what they say. The schemas keep their English because command-line scripts (user-create, seed)
 * load them outside Vite, where the compiled catalogue cannot load (it reads import.meta.env).
 */

/** "Too many tries — wait 3 minutes and try again." */
export function waitMessageIn(waitMs: number) {
	const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
	return minutes === 1 ? m.account_wait_one_minute() : m.account_wait_minutes({ minutes });
}

/** English answers of the auth modules and the schemas, each with its message. */
function knownAnswers(): Record<string, () => string> {
	return {
		// src/lib/schemas/account.ts
		'Enter a username': m.account_enter_a_username,
		'Use at least 3 characters for your username': m.account_username_too_short,
		'Use 32 characters or fewer for your username': m.account_username_too_long,
		'Use only letters, numbers, dots, dashes and underscores, starting with a letter or number':
			m.account_username_characters,
		'Enter a password': m.account_enter_a_password,
		[`Use ${PASSWORD_MAX_LENGTH} characters or fewer`]: () =>
			m.account_password_max({ max: PASSWORD_MAX_LENGTH }),
		'Enter your username': m.account_enter_your_username,
		'Enter the code your PA gave you': m.account_enter_invite_code,
		'That code is too long. Check it and try again': m.account_invite_code_too_long,
		'Enter the 6-digit code': m.account_enter_six_digit_code,
		'Enter the 6-digit code from your authenticator app': m.account_enter_code_from_app,
		'Enter your recovery code': m.account_enter_recovery_code,
		'That code is too long': m.account_code_too_long,
		// src/lib/schemas/away.ts
		'Enter the last day you are away, for example 24/12/2026': m.account_away_enter_last_day,
		'Choose who answers while you are away': m.account_away_choose_cover,
		// src/lib/schemas/analytics.ts (generalFeedbackSchema)
		'Keep your name to 80 characters or fewer': m.account_feedback_name_too_long,
		'Tell us what you think': m.account_feedback_write_something,
		[`Keep it to ${GENERAL_FEEDBACK_MAX} characters or fewer`]: () =>
			m.account_feedback_too_long({ max: GENERAL_FEEDBACK_MAX }),
		// The auth modules
		[INVITE_PROBLEMS.unknown]: m.account_invite_unknown,
		[INVITE_PROBLEMS.expired]: m.account_invite_expired,
		[INVITE_PROBLEMS.used]: m.account_invite_used,
		[INVITE_PROBLEMS.councilSignIn]: m.account_invite_council_sign_in,
		'Someone already has that username. Try another.': m.account_username_taken,
		[`Use at least ${PASSWORD_MIN_LENGTH} characters. A few words you will remember works well, like “purple train biscuit”.`]:
			() => m.account_password_too_short({ min: PASSWORD_MIN_LENGTH }),
		[`Use ${PASSWORD_MAX_LENGTH} characters or fewer.`]: () =>
			m.account_password_too_long({ max: PASSWORD_MAX_LENGTH }),
		'Lots of people use that password, so it is easy to guess. Try a few random words instead.':
			m.account_password_common,
		'Your password should not have your username in it.': m.account_password_has_username,
		'That is not your current password.': m.account_not_current_password,
		'That code did not work. Codes change every 30 seconds: try the new one.':
			m.account_code_did_not_work,
		'That recovery code did not work. Check it and try again.': m.account_recovery_did_not_work,
		'Choose today or a day after today': m.account_away_today_or_later,
		'Choose a day within the next year': m.account_away_within_year,
		'Choose a PA from the list, or the team inbox': m.account_away_cover_from_list
	};
}

/** An auth module's English answer in the page's language (unknown answers stay as they are). */
export function answerIn(message: string) {
	const wait = /^Too many tries — wait (\d+) minutes? and try again\.$/.exec(message);
	if (wait) {
		return waitMessageIn(Number(wait[1]) * 60_000);
	}
	return knownAnswers()[message]?.() ?? message;
}

/** Each field's error in the page's language. */
export function errorsIn(errors: Record<string, string | undefined>): Record<string, string> {
	const translated: Record<string, string> = {};
	for (const [field, message] of Object.entries(errors)) {
		if (message !== undefined) {
			translated[field] = answerIn(message);
		}
	}
	return translated;
}

/** A page in the request's language, unless it is a staff page (those are in English). */
export function inLanguage(path: string) {
	return isTranslatedPath(path.split(/[?#]/)[0]) ? localizePath(path) : path;
}

/** Where someone goes after signing in, in the request's language. */
export function localizedHome(role: Role) {
	return inLanguage(homeFor(role));
}
