import { createHash } from 'node:crypto';
import { generateHOTP } from '@oslojs/otp';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	findInvite,
	generateInviteCode,
	issueInvite,
	normaliseInviteCode
} from '$lib/server/auth/invite';
import { generateTotpKey, totpStep, verifySecondStep, verifyTotpCode } from '$lib/server/auth/mfa';
import { checkPasswordStrength, hashPassword, verifyPasswordHash } from '$lib/server/auth/password';
import {
	addressKey,
	getThrottleWait,
	THROTTLE_POLICIES,
	recordThrottleFailure,
	throttleKey,
	usernameKey,
	waitMessage
} from '$lib/server/auth/throttle';
import { auditEvent, invite, throttleFailure, user } from '$lib/server/db/schema';
import { recordAudit } from '$lib/server/audit';
import {
	createSession,
	generateSessionToken,
	sessionIdFromToken,
	validateSessionToken
} from '$lib/server/auth/session';
import {
	changePassword,
	changeRole,
	createLeaver,
	createStaff,
	getUserById,
	joinWithInvite,
	refuseOwnAccountChange,
	reissueInvite,
	resetMfa,
	setAccountDisabled,
	signIn
} from '$lib/server/users';
import { createTestDatabase } from './helpers';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const GOOD_PASSWORD = 'purple train biscuit';

function lead(db: ReturnType<typeof createTestDatabase>) {
	return db.insert(user).values({ role: 'lead', name: 'Lead', username: 'lead' }).returning().get();
}

describe('passwords', () => {
	it('hash with Argon2id at OWASP minimum cost and verify', async () => {
		const hash = await hashPassword(GOOD_PASSWORD);
		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPasswordHash(hash, GOOD_PASSWORD)).toBe(true);
		expect(await verifyPasswordHash(hash, 'purple train biscuiT')).toBe(false);
		expect(await verifyPasswordHash('not a hash', GOOD_PASSWORD)).toBe(false);
	});

	it.each([
		['short', 'abc123xyz', /at least 10/],
		['too long', 'a'.repeat(129), /128 characters or fewer/],
		['common', 'password123', /Lots of people use/],
		['common with a number on the end', 'iloveyou2026', /Lots of people use/],
		['on the deny-list', 'qwertyuiop', /Lots of people use/],
		['holding the username', 'jordan-is-great-2026', /username/]
	])('refuses a %s password', (_name, password, message) => {
		expect(checkPasswordStrength(password, 'jordan')).toMatch(message);
	});

	it.each([
		['three words', GOOD_PASSWORD],
		['exactly 10 characters', 'kx4p9tqmzw'],
		['128 characters', 'x'.repeat(100) + 'purple train biscuit 123'.slice(0, 28)],
		['with emoji and spaces', 'my 🐈 is called Biscuit']
	])('accepts %s, with no composition rules', (_name, password) => {
		expect(checkPasswordStrength(password, 'jordan')).toBeNull();
	});
});

const MAX_FAILURES = THROTTLE_POLICIES.username.max;
const WINDOW_MS = THROTTLE_POLICIES.username.windowMs;
const noWait = async () => {};

describe('throttling', () => {
	const keys = [usernameKey('Jordan')];

	it('allows 10 failures in 5 minutes, then makes people wait', () => {
		const db = createTestDatabase({ seed: false });
		for (let i = 0; i < MAX_FAILURES; i++) {
			expect(getThrottleWait(db, keys, T0 + i * 1000)).toBe(0);
			recordThrottleFailure(db, keys, T0 + i * 1000);
		}
		const wait = getThrottleWait(db, keys, T0 + 10_000);
		expect(wait).toBe(WINDOW_MS - 10_000);
		expect(waitMessage(wait)).toBe('Too many tries — wait 5 minutes and try again.');
	});

	it('lets people try again once the window has passed (no permanent lockout)', () => {
		const db = createTestDatabase({ seed: false });
		for (let i = 0; i < MAX_FAILURES; i++) {
			recordThrottleFailure(db, keys, T0);
		}
		expect(getThrottleWait(db, keys, T0 + WINDOW_MS - 1)).toBe(1);
		expect(getThrottleWait(db, keys, T0 + WINDOW_MS)).toBe(0);
	});

	it('keeps neither the typed username nor the address in its keys', () => {
		const key = usernameKey('my secret password');
		expect(key).not.toContain('secret');
		expect(addressKey('198.51.100.7')).not.toContain('198.51');
		// Keyed, not a bare SHA-256 that anyone could recompute for every address.
		const bare = createHash('sha256').update('198.51.100.7').digest('hex');
		expect(addressKey('198.51.100.7')).not.toContain(bare.slice(0, 16));
		expect(usernameKey(' Jordan ')).toBe(usernameKey('jordan'));
	});

	it('never locks out the right password from an address many people share', async () => {
		const db = createTestDatabase({ seed: false });
		const hash = await hashPassword(GOOD_PASSWORD);
		db.insert(user)
			.values({ role: 'leaver', name: 'J', username: 'jordan', passwordHash: hash })
			.run();
		const shared = '203.0.113.50';
		// Someone behind the same proxy fails far past the per-address limit, on many names.
		for (let i = 0; i < THROTTLE_POLICIES.address.max + 20; i++) {
			recordThrottleFailure(db, [usernameKey(`name-${i % 40}`), addressKey(shared)], T0);
		}
		const slowed: string[] = [];
		const result = await signIn(
			db,
			{ username: 'jordan', password: GOOD_PASSWORD, address: shared },
			T0 + 1000,
			async (key) => {
				slowed.push(key);
			}
		);
		expect(result.ok).toBe(true);
		// Slowed down, not blocked: the address waits its turn.
		expect(slowed).toEqual([addressKey(shared)]);
		// Below the address limit nobody is slowed.
		slowed.length = 0;
		await signIn(
			db,
			{ username: 'jordan', password: GOOD_PASSWORD, address: '203.0.113.51' },
			T0 + 1000,
			async (key) => {
				slowed.push(key);
			}
		);
		expect(slowed).toEqual([]);
	});

	it('audits an unknown username without what was typed', async () => {
		const db = createTestDatabase({ seed: false });
		await signIn(
			db,
			{ username: 'MyPassword123', password: 'x', address: '192.0.2.9' },
			T0,
			noWait
		);
		const rows = db.select().from(auditEvent).all();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			action: 'sign-in-failed',
			detail: { reason: 'unknown username' }
		});
		expect(JSON.stringify(rows)).not.toContain('MyPassword123');
		expect(JSON.stringify(db.select().from(throttleFailure).all())).not.toMatch(/mypassword123/i);
	});

	it('waits longer and longer after wrong two-step codes, and audits each', async () => {
		const db = createTestDatabase({ seed: false });
		const account = db
			.insert(user)
			.values({ role: 'adviser', name: 'A', username: 'alex', totpKey: Buffer.alloc(20, 1) })
			.returning()
			.get();
		const policy = THROTTLE_POLICIES.secondStep;
		const waits: number[] = [];
		let now = T0;
		for (let i = 0; i < policy.free + 3; i++) {
			const result = verifySecondStep(db, { sessionId: 'none', account }, { code: '000000' }, now);
			expect(result.ok).toBe(false);
			waits.push(getThrottleWait(db, [throttleKey('secondStep', String(account.id))], now));
			now += waits.at(-1)!;
		}
		expect(waits.slice(0, policy.free - 1)).toEqual(Array(policy.free - 1).fill(0));
		expect(waits.slice(policy.free - 1)).toEqual([30_000, 60_000, 120_000, 240_000]);
		// While waiting, even the right code is not checked.
		const early = verifySecondStep(db, { sessionId: 'none', account }, { code: '123456' }, now - 1);
		expect(early).toMatchObject({ ok: false, throttled: true });
		const audited = db.select().from(auditEvent).all();
		expect(audited.filter((row) => row.action === 'mfa-failed')).toHaveLength(policy.free + 3);
	});

	it('throttles the current password on a password change, with a growing wait', async () => {
		const db = createTestDatabase({ seed: false });
		const hash = await hashPassword(GOOD_PASSWORD);
		const account = db
			.insert(user)
			.values({ role: 'leaver', name: 'J', username: 'jordan', passwordHash: hash })
			.returning()
			.get();
		const input = {
			currentPassword: 'not it at all',
			newPassword: 'a brand new passphrase',
			keepSessionId: 'x'
		};
		for (let i = 0; i < THROTTLE_POLICIES.currentPassword.free; i++) {
			expect(await changePassword(db, account, input, T0)).toMatchObject({
				message: 'That is not your current password.'
			});
		}
		// Now even the right current password waits.
		const right = await changePassword(
			db,
			account,
			{ ...input, currentPassword: GOOD_PASSWORD },
			T0
		);
		expect(right).toMatchObject({ ok: false, message: expect.stringMatching(/^Too many tries/) });
		const audited = db.select().from(auditEvent).all();
		expect(audited.filter((row) => row.action === 'password-change-failed')).toHaveLength(
			THROTTLE_POLICIES.currentPassword.free
		);
		const later = await changePassword(
			db,
			account,
			{ ...input, currentPassword: GOOD_PASSWORD },
			T0 + THROTTLE_POLICIES.currentPassword.firstWaitMs
		);
		expect(later.ok).toBe(true);
	});

	it('gives the same answer for unknown and known usernames', async () => {
		const db = createTestDatabase({ seed: false });
		const hash = await hashPassword(GOOD_PASSWORD);
		db.insert(user)
			.values({ role: 'leaver', name: 'J', username: 'jordan', passwordHash: hash })
			.run();
		const results = [];
		for (const username of ['jordan', 'nobody-here']) {
			for (let i = 0; i < MAX_FAILURES; i++) {
				await signIn(
					db,
					{ username, password: 'wrong password!', address: `a-${username}` },
					T0,
					noWait
				);
			}
			results.push(
				await signIn(db, { username, password: GOOD_PASSWORD, address: `a-${username}` }, T0)
			);
		}
		expect(results[0]).toEqual(results[1]);
		expect(results[0]).toMatchObject({ ok: false, reason: 'throttled' });
		// After the wait, the right password works.
		const later = await signIn(
			db,
			{ username: 'jordan', password: GOOD_PASSWORD, address: 'a-jordan' },
			T0 + WINDOW_MS
		);
		expect(later.ok).toBe(true);
	});
});

describe('invites', () => {
	it('are readable, 8 characters from 32 (40 bits)', () => {
		for (let i = 0; i < 50; i++) {
			expect(generateInviteCode()).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
		}
	});

	it('forgive case, spaces, dashes and 1/I for L', () => {
		expect(normaliseInviteCode(' kx4p 9tq1 ')).toBe('KX4P9TQL');
		expect(normaliseInviteCode('KX4P-9TQI')).toBe('KX4P9TQL');
	});

	it('are stored hashed', () => {
		const db = createTestDatabase({ seed: false });
		const owner = lead(db);
		const { code } = issueInvite(db, owner.id, null, T0);
		const stored = db.select().from(invite).all();
		expect(JSON.stringify(stored)).not.toContain(code);
		expect(JSON.stringify(stored)).not.toContain(code.replace('-', ''));
	});

	it('expire after 14 days', () => {
		const db = createTestDatabase({ seed: false });
		const owner = lead(db);
		const { code } = issueInvite(db, owner.id, null, T0);
		expect(findInvite(db, code, T0 + 14 * 86_400_000 - 1).ok).toBe(true);
		expect(findInvite(db, code, T0 + 14 * 86_400_000)).toEqual({ ok: false, reason: 'expired' });
	});

	it('work once only', async () => {
		const db = createTestDatabase({ seed: false });
		const adviser = db.insert(user).values({ role: 'adviser', name: 'PA' }).returning().get();
		const created = createLeaver(db, adviser, {
			name: 'Jordan',
			dateOfBirth: '2007-05-01',
			adviserId: adviser.id,
			livesInArea: true,
			inEducation: false
		});
		if (!created.ok) {
			throw new Error('createLeaver failed');
		}
		const first = await joinWithInvite(db, {
			code: created.code,
			username: 'jordan',
			password: GOOD_PASSWORD
		});
		expect(first.ok).toBe(true);
		const second = await joinWithInvite(db, {
			code: created.code,
			username: 'other',
			password: GOOD_PASSWORD
		});
		expect(second).toMatchObject({ ok: false, field: 'code' });
		expect(db.select().from(user).where(eq(user.username, 'other')).get()).toBeUndefined();
	});

	it('re-issuing voids the old code', () => {
		const db = createTestDatabase({ seed: false });
		const owner = lead(db);
		const old = issueInvite(db, owner.id, null, T0);
		const fresh = issueInvite(db, owner.id, null, T0 + 1000);
		expect(findInvite(db, old.code, T0 + 2000).ok).toBe(false);
		expect(findInvite(db, fresh.code, T0 + 2000).ok).toBe(true);
	});

	it('are never reissued for staff who have joined (no account takeover), whoever asks', async () => {
		const db = createTestDatabase({ seed: false });
		const boss = lead(db);
		const { member, code } = createStaff(db, boss, { name: 'Mia', role: 'lead' });
		const joined = await joinWithInvite(db, { code, username: 'mia', password: GOOD_PASSWORD });
		expect(joined.ok).toBe(true);
		const mia = getUserById(db, member.id)!;
		const refused = reissueInvite(db, boss, mia);
		expect(refused).toMatchObject({
			ok: false,
			message: expect.stringContaining('already joined')
		});
		expect(db.select().from(invite).where(eq(invite.userId, mia.id)).all()).toHaveLength(1);
		// A care leaver who has joined can still get a new code from their PA (password reset)…
		const adviser = createStaff(db, boss, { name: 'Alex', role: 'adviser' }).member;
		const leaver = createLeaver(db, adviser, {
			name: 'Jo',
			dateOfBirth: '2006-01-01',
			adviserId: adviser.id,
			livesInArea: true,
			inEducation: false
		});
		expect(leaver.ok).toBe(true);
		// …and staff who have not joined yet can get a fresh one.
		const pending = createStaff(db, boss, { name: 'Sam', role: 'adviser' }).member;
		expect(reissueInvite(db, boss, pending).ok).toBe(true);
	});

	it('reset of another lead’s two-step sign-in is audited with a warning', () => {
		const db = createTestDatabase({ seed: false });
		const boss = lead(db);
		const other = createStaff(db, boss, { name: 'Mia', role: 'lead' }).member;
		const adviser = createStaff(db, boss, { name: 'Alex', role: 'adviser' }).member;
		resetMfa(db, boss, other);
		resetMfa(db, boss, adviser);
		const rows = db.select().from(auditEvent).where(eq(auditEvent.action, 'mfa-reset')).all();
		const about = (id: number) => rows.find((row) => row.subjectUserId === id)?.detail;
		expect(about(other.id)).toMatchObject({ warning: expect.stringMatching(/another lead/) });
		expect(about(adviser.id)).toBeNull();
	});

	it('turning off an account that is already off changes nothing (a double submit)', () => {
		const db = createTestDatabase({ seed: false });
		const boss = lead(db);
		const member = createStaff(db, boss, { name: 'Sam', role: 'adviser' }).member;
		expect(setAccountDisabled(db, boss, member, true)).toBe(true);
		const offSince = getUserById(db, member.id)!.disabledAt;
		// The second submit still holds the copy it read before the first was done.
		expect(setAccountDisabled(db, boss, member, true)).toBe(false);
		expect(getUserById(db, member.id)!.disabledAt).toEqual(offSince);
		const audited = db
			.select({ action: auditEvent.action })
			.from(auditEvent)
			.where(eq(auditEvent.subjectUserId, member.id))
			.all()
			.map((row) => row.action)
			.filter((action) => action.startsWith('account-'));
		expect(audited).toEqual(['account-disabled']);
	});

	it('a refused join changes nothing', async () => {
		const db = createTestDatabase({ seed: false });
		const boss = lead(db);
		const { code } = createStaff(db, boss, { name: 'New PA', role: 'adviser' });
		const weak = await joinWithInvite(db, { code, username: 'newpa', password: 'password1' });
		expect(weak).toMatchObject({ ok: false, field: 'password' });
		const taken = await joinWithInvite(db, { code, username: 'lead', password: GOOD_PASSWORD });
		expect(taken).toMatchObject({ ok: false, field: 'username' });
		expect(findInvite(db, code).ok).toBe(true);
		expect(db.select().from(user).where(eq(user.username, 'newpa')).get()).toBeUndefined();
	});
});

describe('TOTP', () => {
	const key = generateTotpKey();
	const now = T0;
	const codeAt = (step: number) => generateHOTP(key, BigInt(step), 6);

	it('accepts the current code, and the one before and after for clock skew', () => {
		const step = totpStep(now);
		expect(verifyTotpCode(key, codeAt(step), null, now)).toBe(step);
		expect(verifyTotpCode(key, codeAt(step - 1), null, now)).toBe(step - 1);
		expect(verifyTotpCode(key, codeAt(step + 1), null, now)).toBe(step + 1);
	});

	it('refuses codes two steps away, malformed codes and a used code', () => {
		const step = totpStep(now);
		expect(verifyTotpCode(key, codeAt(step - 2), null, now)).toBeNull();
		expect(verifyTotpCode(key, codeAt(step + 2), null, now)).toBeNull();
		expect(verifyTotpCode(key, 'abcdef', null, now)).toBeNull();
		expect(verifyTotpCode(key, '12345', null, now)).toBeNull();
		expect(verifyTotpCode(key, codeAt(step), step, now)).toBeNull();
	});

	it('accepts a code typed with a space', () => {
		const code = codeAt(totpStep(now));
		expect(verifyTotpCode(key, `${code.slice(0, 3)} ${code.slice(3)}`, null, now)).not.toBeNull();
	});
});

describe('audit trail', () => {
	it('is append-only: updates and deletes are refused by the database', () => {
		const db = createTestDatabase({ seed: false });
		recordAudit(db, { actorId: null, action: 'sign-in-failed' });
		expect(() => db.update(auditEvent).set({ action: 'sign-in' }).run()).toThrow(/append-only/);
		expect(() => db.delete(auditEvent).run()).toThrow(/append-only/);
		expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_event`)?.n).toBe(1);
	});
});

describe('changing a password', () => {
	it('needs the current password, and ends every other session but this one', async () => {
		const db = createTestDatabase({ seed: false });
		const hash = await hashPassword(GOOD_PASSWORD);
		const account = db
			.insert(user)
			.values({ role: 'leaver', name: 'J', username: 'jordan', passwordHash: hash })
			.returning()
			.get();
		const here = generateSessionToken();
		const phone = generateSessionToken();
		createSession(db, here, account, { mfaVerified: true });
		createSession(db, phone, account, { mfaVerified: true });

		const wrong = await changePassword(db, account, {
			currentPassword: 'not it at all',
			newPassword: 'green apple window',
			keepSessionId: sessionIdFromToken(here)
		});
		expect(wrong).toMatchObject({ ok: false, field: 'currentPassword' });
		expect(validateSessionToken(db, phone).session).not.toBeNull();

		const done = await changePassword(db, account, {
			currentPassword: GOOD_PASSWORD,
			newPassword: 'green apple window',
			keepSessionId: sessionIdFromToken(here)
		});
		expect(done).toEqual({ ok: true });
		expect(validateSessionToken(db, here).session).not.toBeNull();
		expect(validateSessionToken(db, phone).session).toBeNull();
		const updated = db.select().from(user).where(eq(user.id, account.id)).get()!;
		expect(await verifyPasswordHash(updated.passwordHash!, 'green apple window')).toBe(true);
	});
});

describe("a lead's own account", () => {
	it('cannot have its role changed, be turned off or have two-step reset by that lead', () => {
		const db = createTestDatabase({ seed: false });
		const boss = lead(db);
		for (const change of ['role', 'disable', 'resetMfa'] as const) {
			expect(refuseOwnAccountChange(boss, boss, change)).toMatch(/own|another lead/);
		}
		expect(() => changeRole(db, boss, boss, 'adviser')).toThrow();
		expect(() => setAccountDisabled(db, boss, boss, true)).toThrow();
		expect(() => resetMfa(db, boss, boss)).toThrow();
		const other = createStaff(db, boss, { name: 'Mia', role: 'lead' }).member;
		expect(refuseOwnAccountChange(boss, other, 'disable')).toBeNull();
	});
});
