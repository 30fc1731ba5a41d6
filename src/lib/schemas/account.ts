import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '$lib/limits';
import { m } from '$lib/paraglide/messages';

export const usernameSchema = z
	.string({ error: () => m.account_enter_a_username() })
	.trim()
	.toLowerCase()
	.min(3, { error: () => m.account_username_too_short() })
	.max(32, { error: () => m.account_username_too_long() })
	.regex(/^[a-z0-9][a-z0-9._-]*$/, { error: () => m.account_username_characters() });

const passwordField = z
	.string({ error: () => m.account_enter_a_password() })
	.min(1, { error: () => m.account_enter_a_password() })
	.max(PASSWORD_MAX_LENGTH * 4, {
		error: () => m.account_password_max({ max: PASSWORD_MAX_LENGTH })
	});

export const loginSchema = z.object({
	username: z
		.string({ error: () => m.account_enter_your_username() })
		.trim()
		.min(1, { error: () => m.account_enter_your_username() })
		.max(64),
	password: passwordField
});

export const joinSchema = z.object({
	code: z
		.string({ error: () => m.account_enter_invite_code() })
		.trim()
		.min(1, { error: () => m.account_enter_invite_code() })
		.max(40, { error: () => m.account_invite_code_too_long() }),
	username: usernameSchema,
	password: passwordField
});

export const mfaCodeSchema = z.object({
	code: z
		.string({ error: () => m.account_enter_six_digit_code() })
		.trim()
		.regex(/^\d{3}\s?\d{3}$/, { error: () => m.account_enter_code_from_app() })
});

export const recoveryCodeSchema = z.object({
	recoveryCode: z
		.string({ error: () => m.account_enter_recovery_code() })
		.trim()
		.min(8, { error: () => m.account_enter_recovery_code() })
		.max(40, { error: () => m.account_code_too_long() })
});

export const changePasswordSchema = z.object({
	currentPassword: passwordField,
	newPassword: passwordField
});

const isoDate = z
	.string({ error: 'Enter a date of birth' })
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date of birth as a date, like 2007-03-27');

export const newLeaverSchema = z.object({
	name: z
		.string({ error: 'Enter their first name' })
		.trim()
		.min(1, 'Enter their first name')
		.max(60, 'Use 60 characters or fewer'),
	dateOfBirth: isoDate,
	adviserId: z.coerce.number({ error: 'Choose a PA' }).int().positive('Choose a PA'),
	livesInArea: z
		.string()
		.optional()
		.transform((value) => value === 'yes'),
	inEducation: z
		.string()
		.optional()
		.transform((value) => value === 'yes')
});

/** A member of staff's work email: where notices go, and how council sign-in finds them. */
const workEmailSchema = z
	.string({ error: 'Enter their work email address' })
	.trim()
	.min(1, 'Enter their work email address')
	.max(200, 'Use 200 characters or fewer')
	.pipe(z.email('Enter a real email address, like name@example.org'))
	.transform((email) => email.toLowerCase());

export const inviteStaffSchema = z.object({
	name: z
		.string({ error: 'Enter their name' })
		.trim()
		.min(2, 'Enter their name')
		.max(80, 'Use 80 characters or fewer'),
	role: z.enum(['adviser', 'lead'], { error: 'Choose a role' }),
	email: workEmailSchema
});

export const staffEmailSchema = z.object({ email: workEmailSchema });

export const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
