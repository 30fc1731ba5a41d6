import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	createSession,
	deleteExpiredSessions,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	sessionIdFromToken,
	STAFF_ABSOLUTE_MS,
	STAFF_IDLE_MS,
	validateSessionToken
} from '$lib/server/auth/session';
import { session, user } from '$lib/server/db/schema';
import { createTestDatabase } from './helpers';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const T0 = Date.parse('2026-11-23T09:00:00Z');

function setUp(role: 'leaver' | 'adviser' | 'lead') {
	const db = createTestDatabase({ seed: false });
	const account = db
		.insert(user)
		.values({ role, name: 'Test', username: `t-${role}` })
		.returning()
		.get();
	return { db, account };
}

describe('session tokens', () => {
	it('are random, at least 128 bits, and differ every time', () => {
		const tokens = new Set(Array.from({ length: 100 }, generateSessionToken));
		expect(tokens.size).toBe(100);
		for (const token of tokens) {
			// 20 bytes in base32 = 32 characters of 5 bits each = 160 bits.
			expect(token).toMatch(/^[a-z2-7]{32}$/);
		}
	});

	it('are stored only as their SHA-256', () => {
		const { db, account } = setUp('leaver');
		const token = generateSessionToken();
		createSession(db, token, account, { mfaVerified: true, now: T0 });
		const rows = db.select().from(session).all();
		expect(rows).toHaveLength(1);
		expect(rows[0].id).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(token))));
		expect(rows[0].id).toBe(sessionIdFromToken(token));
		expect(JSON.stringify(rows)).not.toContain(token);
	});

	it('validate to their user, and an unknown token to nobody', () => {
		const { db, account } = setUp('leaver');
		const token = generateSessionToken();
		createSession(db, token, account, { mfaVerified: true, now: T0 });
		expect(validateSessionToken(db, token, T0 + MINUTE).user?.id).toBe(account.id);
		expect(validateSessionToken(db, generateSessionToken(), T0).user).toBeNull();
	});
});

describe("care leavers' sessions", () => {
	it('last 30 days and slide while used', () => {
		const { db, account } = setUp('leaver');
		const token = generateSessionToken();
		createSession(db, token, account, { mfaVerified: true, now: T0 });
		expect(validateSessionToken(db, token, T0 + 29 * DAY).session).not.toBeNull();
		// Used on day 29, so it now lasts until day 59.
		expect(validateSessionToken(db, token, T0 + 58 * DAY).session).not.toBeNull();
	});

	it('end after 30 days without use', () => {
		const { db, account } = setUp('leaver');
		const token = generateSessionToken();
		createSession(db, token, account, { mfaVerified: true, now: T0 });
		expect(validateSessionToken(db, token, T0 + 30 * DAY).session).toBeNull();
		expect(db.select().from(session).all()).toHaveLength(0);
	});
});

describe('staff sessions', () => {
	it('end after 30 minutes idle', () => {
		const { db, account } = setUp('adviser');
		const token = generateSessionToken();
		createSession(db, token, account, { mfaVerified: true, now: T0 });
		expect(validateSessionToken(db, token, T0 + STAFF_IDLE_MS - 1).session).not.toBeNull();
		expect(validateSessionToken(db, token, T0 + 2 * STAFF_IDLE_MS).session).toBeNull();
	});

	it('stay alive while used, but never beyond 12 hours', () => {
		const { db, account } = setUp('lead');
		const token = generateSessionToken();
		createSession(db, token, account, { mfaVerified: true, now: T0 });
		let now = T0;
		while (now + 20 * MINUTE < T0 + STAFF_ABSOLUTE_MS) {
			now += 20 * MINUTE;
			expect(
				validateSessionToken(db, token, now).session,
				`at ${(now - T0) / MINUTE} min`
			).not.toBeNull();
		}
		expect(validateSessionToken(db, token, T0 + STAFF_ABSOLUTE_MS).session).toBeNull();
	});
});

describe('ending sessions', () => {
	it('invalidates one session, or all of a user', () => {
		const { db, account } = setUp('leaver');
		const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		for (const token of [a, b, c]) {
			createSession(db, token, account, { mfaVerified: true, now: T0 });
		}
		invalidateSession(db, sessionIdFromToken(a));
		expect(validateSessionToken(db, a, T0).session).toBeNull();
		expect(validateSessionToken(db, b, T0).session).not.toBeNull();
		invalidateUserSessions(db, account.id);
		expect(validateSessionToken(db, c, T0).session).toBeNull();
	});

	it('refuses the sessions of a disabled account', () => {
		const { db, account } = setUp('adviser');
		const token = generateSessionToken();
		createSession(db, token, account, { mfaVerified: true, now: T0 });
		db.update(user)
			.set({ disabledAt: new Date(T0) })
			.where(eq(user.id, account.id))
			.run();
		expect(validateSessionToken(db, token, T0 + MINUTE).session).toBeNull();
	});

	it('housekeeping removes expired sessions only', () => {
		const { db, account } = setUp('adviser');
		createSession(db, generateSessionToken(), account, { mfaVerified: true, now: T0 });
		createSession(db, generateSessionToken(), account, {
			mfaVerified: true,
			now: T0 + 60 * MINUTE
		});
		expect(deleteExpiredSessions(db, T0 + 45 * MINUTE)).toBe(1);
		expect(db.select().from(session).all()).toHaveLength(1);
	});
});
