import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database, Executor } from '../db/connection';
import { invite } from '../db/schema';

/** 32 letters and digits that cannot be mixed up (no 0/O, no 1/I): 5 bits a character. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8; // 40 bits
export const INVITE_DAYS = 14;

/** A readable one-time code such as KX4P-9TQM. */
export function generateInviteCode(): string {
	const bytes = new Uint8Array(CODE_LENGTH);
	crypto.getRandomValues(bytes);
	// 256 is a multiple of 32, so `byte % 32` is uniform.
	const chars = [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]);
	return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** Upper case, no spaces or dashes; 1 and I are not in the alphabet, so they were an L. */
export function normaliseInviteCode(code: string): string {
	return code.toUpperCase().replace(/[\s-]/g, '').replace(/[1I]/g, 'L').slice(0, 32);
}

function hashInviteCode(code: string) {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normaliseInviteCode(code))));
}

/** Makes a new code for a user, voiding any earlier one. Returns the code (shown once). */
export function issueInvite(
	db: Executor,
	userId: number,
	createdById: number | null,
	now = Date.now()
): { code: string; expiresAt: Date } {
	const code = generateInviteCode();
	const expiresAt = new Date(now + INVITE_DAYS * 24 * 60 * 60_000);
	db.transaction((tx) => {
		tx.update(invite)
			.set({ revokedAt: new Date(now) })
			.where(and(eq(invite.userId, userId), isNull(invite.usedAt), isNull(invite.revokedAt)))
			.run();
		tx.insert(invite)
			.values({
				userId,
				codeHash: hashInviteCode(code),
				createdById,
				createdAt: new Date(now),
				expiresAt
			})
			.run();
	});
	return { code, expiresAt };
}

export type InviteLookup =
	| { ok: true; inviteId: number; userId: number }
	| { ok: false; reason: 'unknown' | 'expired' | 'used' };

/** Finds the invite for a code; expired, used and re-issued codes are refused. */
export function findInvite(db: Database, code: string, now = Date.now()): InviteLookup {
	const row = db
		.select()
		.from(invite)
		.where(eq(invite.codeHash, hashInviteCode(code)))
		.get();
	if (!row || row.revokedAt) {
		return { ok: false, reason: 'unknown' };
	}
	if (row.usedAt) {
		return { ok: false, reason: 'used' };
	}
	if (row.expiresAt.getTime() <= now) {
		return { ok: false, reason: 'expired' };
	}
	return { ok: true, inviteId: row.id, userId: row.userId };
}

/** Marks an invite used; false if someone else used it first (single use, even in a race). */
export function consumeInvite(db: Executor, inviteId: number, now = Date.now()): boolean {
	const result = db
		.update(invite)
		.set({ usedAt: new Date(now) })
		.where(and(eq(invite.id, inviteId), isNull(invite.usedAt), isNull(invite.revokedAt)))
		.run();
	return result.changes === 1;
}

/** The newest invite's state for a user, for the caseload and staff lists. */
export function getInviteStatus(db: Database, userId: number, now = Date.now()) {
	const row = db
		.select()
		.from(invite)
		.where(eq(invite.userId, userId))
		.orderBy(desc(invite.createdAt), desc(invite.id))
		.get();
	if (!row) {
		return 'none' as const;
	}
	if (row.usedAt) {
		return 'joined' as const;
	}
	if (row.revokedAt) {
		return 'none' as const;
	}
	return row.expiresAt.getTime() <= now ? ('expired' as const) : ('waiting' as const);
}
