import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '$lib/limits';

// Argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane) — about 50 ms here.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** ~49,000 of the most common passwords (zxcvbn-ts's list, itself from real breaches). */
const COMMON_PASSWORDS = new Set(
	(dictionary['passwords-common'] as string[]).map((word) => word.toLowerCase())
);

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2_OPTIONS);
}

export async function verifyPasswordHash(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A hash of nothing, verified when the username is unknown so both answers take as long. */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummyHash(password: string) {
	dummyHash ??= hashPassword('not-a-real-password-for-timing');
	await verifyPasswordHash(await dummyHash, password);
	return false;
}

/**
 * Why a new password would not do, in friendly words, or null if it is fine.
 * No composition rules (NIST 800-63B): length, not on the common list, not the username.
 */
export function checkPasswordStrength(password: string, username?: string): string | null {
	const length = [...password].length;
	if (length < PASSWORD_MIN_LENGTH) {
		return `Use at least ${PASSWORD_MIN_LENGTH} characters. A few words you will remember works well, like “purple train biscuit”.`;
	}
	if (length > PASSWORD_MAX_LENGTH) {
		return `Use ${PASSWORD_MAX_LENGTH} characters or fewer.`;
	}
	const lower = password.toLowerCase();
	if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(lower.replace(/[\d!?.]+$/, ''))) {
		return 'Lots of people use that password, so it is easy to guess. Try a few random words instead.';
	}
	if (username && username.length >= 3 && lower.includes(username.toLowerCase())) {
		return 'Your password should not have your username in it.';
	}
	return null;
}
