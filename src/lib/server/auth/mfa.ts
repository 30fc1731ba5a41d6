import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { recordAudit } from '../audit';
import type { Database } from '../db/connection';
import { user } from '../db/schema';
import { markSessionMfaVerified, type User } from './session';
import {
	clearThrottleFailures,
	getThrottleWait,
	recordThrottleFailure,
	throttleKey,
	waitMessage
} from './throttle';

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
/** Two-step sign-in is set up with a checked key (audited); returns the one-time recovery code. */
export function enableMfa(db: Database, userId: number, key: Uint8Array, step: number) {
	const recoveryCode = generateRecoveryCode();
	db.transaction((tx) => {
		tx.update(user)
			.set({
				totpKey: Buffer.from(key),
				totpLastStep: step,
				recoveryCodeHash: hashRecoveryCode(recoveryCode),
				updatedAt: new Date()
			})
			.where(eq(user.id, userId))
			.run();
		recordAudit(tx, { actorId: userId, action: 'mfa-set-up', subjectUserId: userId });
	});
	return recoveryCode;
}

export function disableMfa(db: Database, userId: number) {
	db.update(user)
		.set({ totpKey: null, totpLastStep: null, recoveryCodeHash: null, updatedAt: new Date() })
		.where(eq(user.id, userId))
		.run();
}

/** A care leaver turns their own two-step sign-in off (staff may not), audited. */
export function turnOffMfa(db: Database, account: User) {
	disableMfa(db, account.id);
	recordAudit(db, { actorId: account.id, action: 'mfa-turned-off', subjectUserId: account.id });
}

export function recordTotpStep(db: Database, userId: number, step: number) {
	db.update(user).set({ totpLastStep: step }).where(eq(user.id, userId)).run();
}

export type SecondStepResult =
	| { ok: true; usedRecoveryCode: boolean }
	| { ok: false; field: 'code' | 'recoveryCode' | null; message: string; throttled: boolean };

const SECOND_STEP_REFUSALS = {
	code: 'That code did not work. Codes change every 30 seconds: try the new one.',
	recoveryCode: 'That recovery code did not work. Check it and try again.'
} as const;

/**
 * The second step of signing in: a code from the authenticator, or the one-time recovery code
 * (which turns two-step sign-in off, to be set up again with a new authenticator). Wrong codes
 * are throttled per account with a growing wait and audited as `mfa-failed`; the session is
 * marked verified only on success.
 */
export function verifySecondStep(
	db: Database,
	pending: { sessionId: string; account: User },
	answer: { code: string } | { recoveryCode: string },
	now = Date.now()
): SecondStepResult {
	const { account } = pending;
	const key = throttleKey('secondStep', String(account.id));
	const waitMs = getThrottleWait(db, [key], now);
	if (waitMs > 0) {
		return { ok: false, field: null, message: waitMessage(waitMs), throttled: true };
	}
	const current = db.select().from(user).where(eq(user.id, account.id)).get();
	if ('code' in answer) {
		const step = current?.totpKey
			? verifyTotpCode(new Uint8Array(current.totpKey), answer.code, current.totpLastStep, now)
			: null;
		if (step === null) {
			return refuseSecondStep(db, account, key, 'code', now);
		}
		recordTotpStep(db, account.id, step);
		markSessionMfaVerified(db, pending.sessionId);
		clearThrottleFailures(db, [key]);
		return { ok: true, usedRecoveryCode: false };
	}
	if (
		!current?.recoveryCodeHash ||
		current.recoveryCodeHash !== hashRecoveryCode(answer.recoveryCode)
	) {
		return refuseSecondStep(db, account, key, 'recoveryCode', now);
	}
	// The recovery code is used up with the old key: a new authenticator is set up next.
	disableMfa(db, account.id);
	recordAudit(db, { actorId: account.id, action: 'mfa-recovery-used', subjectUserId: account.id });
	clearThrottleFailures(db, [key]);
	return { ok: true, usedRecoveryCode: true };
}

function refuseSecondStep(
	db: Database,
	account: User,
	key: string,
	field: 'code' | 'recoveryCode',
	now: number
): SecondStepResult {
	recordThrottleFailure(db, [key], now);
	recordAudit(db, {
		actorId: account.id,
		action: 'mfa-failed',
		subjectUserId: account.id,
		detail: { with: field === 'code' ? 'code' : 'recovery code' }
	});
	return { ok: false, field, message: SECOND_STEP_REFUSALS[field], throttled: false };
}
