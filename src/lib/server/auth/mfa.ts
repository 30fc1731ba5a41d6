import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Database } from '../db/connection';
import { user } from '../db/schema';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Phones' clocks drift: accept the code of the step before and after as well. */
const ALLOWED_STEP_SKEW = 1;

export function generateTotpKey(): Uint8Array {
	const key = new Uint8Array(20);
	crypto.getRandomValues(key);
	return key;
}

export function totpStep(now: number) {
	return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The time step a code belongs to, or null. A code is refused if it is for a step at or
 * before `lastStep`, so an overheard code cannot be used again.
 */
export function verifyTotpCode(
	key: Uint8Array,
	code: string,
	lastStep: number | null,
	now = Date.now()
): number | null {
	const cleaned = code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(cleaned)) {
		return null;
	}
	const current = totpStep(now);
	for (let offset = -ALLOWED_STEP_SKEW; offset <= ALLOWED_STEP_SKEW; offset++) {
		const step = current + offset;
		if (lastStep !== null && step <= lastStep) {
			continue;
		}
		if (verifyHOTP(key, BigInt(step), TOTP_DIGITS, cleaned)) {
			return step;
		}
	}
	return null;
}

export function totpKeyUri(issuer: string, username: string, key: Uint8Array) {
	return createTOTPKeyURI(issuer, username, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** An SVG QR code for an authenticator app, plus the key as text for typing in. */
export async function totpQrCode(uri: string) {
	return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

export function encodeTotpKey(key: Uint8Array) {
	return encodeBase32UpperCaseNoPadding(key);
}

export function generateRecoveryCode(): string {
	const bytes = new Uint8Array(10); // 80 bits
	crypto.getRandomValues(bytes);
	return encodeBase32UpperCaseNoPadding(bytes)
		.match(/.{1,4}/g)!
		.join('-');
}

export function hashRecoveryCode(code: string) {
	const normalised = code.toUpperCase().replace(/[\s-]/g, '');
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normalised)));
}

/** Saves a verified key; returns the recovery code to show once. */
export function enableMfa(db: Database, userId: number, key: Uint8Array, step: number) {
	const recoveryCode = generateRecoveryCode();
	db.update(user)
		.set({
			totpKey: Buffer.from(key),
			totpLastStep: step,
			recoveryCodeHash: hashRecoveryCode(recoveryCode),
			updatedAt: new Date()
		})
		.where(eq(user.id, userId))
		.run();
	return recoveryCode;
}

export function disableMfa(db: Database, userId: number) {
	db.update(user)
		.set({ totpKey: null, totpLastStep: null, recoveryCodeHash: null, updatedAt: new Date() })
		.where(eq(user.id, userId))
		.run();
}

export function recordTotpStep(db: Database, userId: number, step: number) {
	db.update(user).set({ totpLastStep: step }).where(eq(user.id, userId)).run();
}
