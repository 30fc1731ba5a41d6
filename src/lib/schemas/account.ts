import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '$lib/limits';

export const usernameSchema = z
	.string({ error: 'Enter a username' })
	.trim()
	.toLowerCase()
	.min(3, 'Use at least 3 characters for your username')
	.max(32, 'Use 32 characters or fewer for your username')
	.regex(
		/^[a-z0-9][a-z0-9._-]*$/,
		'Use only letters, numbers, dots, dashes and underscores, starting with a letter or number'
	);

const passwordField = z
	.string({ error: 'Enter a password' })
	.min(1, 'Enter a password')
	.max(PASSWORD_MAX_LENGTH * 4, `Use ${PASSWORD_MAX_LENGTH} characters or fewer`);

export const loginSchema = z.object({
	username: z.string({ error: 'Enter your username' }).trim().min(1, 'Enter your username').max(64),
	password: passwordField
});

export const joinSchema = z.object({
	code: z
		.string({ error: 'Enter the code your PA gave you' })
		.trim()
		.min(1, 'Enter the code your PA gave you')
		.max(40, 'That code is too long. Check it and try again'),
	username: usernameSchema,
	password: passwordField
});

export const mfaCodeSchema = z.object({
	code: z
		.string({ error: 'Enter the 6-digit code' })
		.trim()
		.regex(/^\d{3}\s?\d{3}$/, 'Enter the 6-digit code from your authenticator app')
});

export const recoveryCodeSchema = z.object({
	recoveryCode: z
		.string({ error: 'Enter your recovery code' })
		.trim()
		.min(8, 'Enter your recovery code')
		.max(40, 'That code is too long')
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
	role: z.enum(['adviser', 'lead', 'supporter'], { error: 'Choose a role' }),
	email: workEmailSchema
});

export const staffEmailSchema = z.object({ email: workEmailSchema });

export const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
