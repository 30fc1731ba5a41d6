import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findInvite } from '$lib/server/auth/invite';
import {
	allowProviderSignInForm,
	finishProviderSignIn,
	signInWithProviderClaims,
	verifiedEmail,
	type ProviderClaims
} from '$lib/server/auth/oidc';
import { hashPassword } from '$lib/server/auth/password';
import { oidcSettings, staffPasswordsAllowed } from '$lib/server/config';
import { auditEvent, user } from '$lib/server/db/schema';
import {
	changeStaffEmail,
	createStaff,
	inviteStaff,
	joinWithInvite,
	listStaff,
	reissueInvite,
	setAccountDisabled,
	signIn
} from '$lib/server/users';
import { createTestDatabase } from './helpers';

type Db = ReturnType<typeof createTestDatabase>;

const ISSUER = 'https://login.example.org';
const ENTRA = 'https://login.microsoftonline.com/0b5c7a2e-1111-2222-3333-444455556666/v2.0';
const PASSWORD = 'purple train biscuit';

function claims(overrides: Partial<ProviderClaims> = {}): ProviderClaims {
	return {
		iss: ISSUER,
		sub: 'subject-1',
		email: 'sam.pa@example.org',
		email_verified: true,
		...overrides
	};
}

function account(db: Db, values: Partial<typeof user.$inferInsert> = {}) {
	return db
		.insert(user)
		.values({ role: 'adviser', name: 'Sam', email: 'sam.pa@example.org', ...values })
		.returning()
		.get();
}

function audit(db: Db, action: string) {
	return db.select().from(auditEvent).where(eq(auditEvent.action, action)).all();
}

afterEach(() => {
	vi.unstubAllEnvs();
});

describe('which email the provider vouches for', () => {
	it.each([
		['email_verified true', claims(), 'sam.pa@example.org'],
		['upper case, as lower case', claims({ email: ' Sam.PA@Example.ORG ' }), 'sam.pa@example.org'],
		['email_verified false', claims({ email_verified: false }), null],
		['email_verified missing', claims({ email_verified: undefined }), null],
		['email_verified the string "true"', claims({ email_verified: 'true' }), null],
		['no email', claims({ email: undefined }), null],
		[
			'Entra without xms_edov, even with email_verified',
			claims({ iss: ENTRA, email_verified: true }),
			null
		],
		['Entra with xms_edov true', claims({ iss: ENTRA, xms_edov: true }), 'sam.pa@example.org'],
		['Entra with xms_edov false', claims({ iss: ENTRA, xms_edov: false }), null]
	])('%s', (_name, given, expected) => {
		expect(verifiedEmail(given)).toBe(expected);
	});
});

describe('signing in with the council identity provider', () => {
	it('links an invited adviser by verified email, case-insensitively, and audits it', () => {
		const db = createTestDatabase({ seed: false });
		const invited = account(db);
		const result = signInWithProviderClaims(db, claims({ email: 'SAM.PA@example.org' }));
		expect(result).toMatchObject({ ok: true, linked: true, user: { id: invited.id } });
		const stored = db.select().from(user).where(eq(user.id, invited.id)).get();
		expect(stored).toMatchObject({ oidcIssuer: ISSUER, oidcSubject: 'subject-1' });
		expect(audit(db, 'oidc-linked')).toMatchObject([{ subjectUserId: invited.id }]);
		expect(audit(db, 'sign-in')).toMatchObject([
			{ actorId: invited.id, detail: { method: 'oidc' } }
		]);
	});

	it('links an invited supporter (Helping Hands) the same way, but never a care leaver', () => {
		const db = createTestDatabase({ seed: false });
		const supporter = account(db, { role: 'supporter' });
		expect(signInWithProviderClaims(db, claims())).toMatchObject({
			ok: true,
			user: { id: supporter.id, role: 'supporter' }
		});
		const other = createTestDatabase({ seed: false });
		account(other, { role: 'leaver' });
		expect(signInWithProviderClaims(other, claims())).toMatchObject({ ok: false });
	});

	it('finds a linked account by issuer and sub, even after the provider’s email changed', () => {
		const db = createTestDatabase({ seed: false });
		const linked = account(db, { oidcIssuer: ISSUER, oidcSubject: 'subject-1' });
		const result = signInWithProviderClaims(
			db,
			claims({ email: 'renamed@example.org', email_verified: false })
		);
		expect(result).toMatchObject({ ok: true, linked: false, user: { id: linked.id } });
		expect(audit(db, 'oidc-linked')).toEqual([]);
	});

	it('cancels a waiting invite code when the account is linked', () => {
		const db = createTestDatabase({ seed: false });
		const { member, code } = createStaff(db, null, {
			name: 'Sam',
			role: 'adviser',
			email: 'sam.pa@example.org'
		});
		expect(signInWithProviderClaims(db, claims())).toMatchObject({ ok: true });
		expect(findInvite(db, code).ok).toBe(false);
		expect(listStaff(db).find((row) => row.id === member.id)).toMatchObject({
			inviteStatus: 'joined',
			councilLinked: true
		});
	});

	it.each([
		['an email nobody was invited with', () => undefined, claims({ email: 'new@example.org' })],
		['an email the provider does not vouch for', account, claims({ email_verified: false })],
		['a care leaver’s email', (db: Db) => account(db, { role: 'leaver' }), claims()],
		[
			'a staff account linked to another council account',
			(db: Db) => account(db, { oidcIssuer: ISSUER, oidcSubject: 'someone-else' }),
			claims()
		],
		['a turned-off staff account', (db: Db) => account(db, { disabledAt: new Date() }), claims()],
		[
			'a turned-off account already linked',
			(db: Db) =>
				account(db, { disabledAt: new Date(), oidcIssuer: ISSUER, oidcSubject: 'subject-1' }),
			claims()
		]
	])('refuses %s, creating no account and auditing no email', (_name, arrange, given) => {
		const db = createTestDatabase({ seed: false });
		arrange(db);
		const before = db.select().from(user).all();
		expect(signInWithProviderClaims(db, given)).toEqual({ ok: false, problem: 'not-invited' });
		expect(db.select().from(user).all()).toEqual(before);
		const refused = audit(db, 'sign-in-refused');
		expect(refused).toHaveLength(1);
		expect(refused[0].detail).toMatchObject({ method: 'oidc', reason: expect.any(String) });
		expect(JSON.stringify(refused[0])).not.toContain('@');
		expect(audit(db, 'sign-in')).toEqual([]);
	});

	it('refuses a linked account as soon as a lead turns it off', () => {
		const db = createTestDatabase({ seed: false });
		const boss = account(db, { role: 'lead', name: 'Boss', email: 'boss@example.org' });
		const linked = account(db, { oidcIssuer: ISSUER, oidcSubject: 'subject-1' });
		expect(signInWithProviderClaims(db, claims())).toMatchObject({ ok: true });
		setAccountDisabled(db, boss, linked, true);
		expect(signInWithProviderClaims(db, claims())).toEqual({ ok: false, problem: 'not-invited' });
	});
});

describe('a return from the provider that this browser never started', () => {
	it('is refused kindly and writes nothing, so nobody can fill the audit trail with it', async () => {
		vi.stubEnv('OIDC_ISSUER', ISSUER);
		vi.stubEnv('OIDC_CLIENT_ID', 'local-offer');
		const db = createTestDatabase({ seed: false });
		const url = new URL('http://localhost/login/oidc/callback?code=made-up&state=made-up');
		const cookies = { get: () => undefined, delete: () => undefined };
		const event = { cookies, url, request: new Request(url) } as unknown as Parameters<
			typeof finishProviderSignIn
		>[1];
		expect(await finishProviderSignIn(db, event)).toEqual({ ok: false, problem: 'failed' });
		expect(db.select().from(auditEvent).all()).toEqual([]);
	});
});

describe('staff passwords with council sign-in', () => {
	it('are allowed unless the provider is configured and STAFF_PASSWORDS is 0', () => {
		vi.stubEnv('OIDC_ISSUER', '');
		vi.stubEnv('STAFF_PASSWORDS', '0');
		expect(staffPasswordsAllowed()).toBe(true);
		vi.stubEnv('OIDC_ISSUER', ISSUER);
		vi.stubEnv('OIDC_CLIENT_ID', 'local-offer');
		expect(staffPasswordsAllowed()).toBe(false);
		vi.stubEnv('STAFF_PASSWORDS', '1');
		expect(staffPasswordsAllowed()).toBe(true);
	});

	it('refuses a staff password when they are off, but still lets a care leaver in', async () => {
		const db = createTestDatabase({ seed: false });
		const passwordHash = await hashPassword(PASSWORD);
		account(db, { username: 'sam', passwordHash });
		account(db, { username: 'jo', passwordHash, role: 'leaver', email: null });
		const staff = await signIn(db, {
			username: 'sam',
			password: PASSWORD,
			address: '192.0.2.1',
			staffPasswords: false
		});
		expect(staff).toEqual({ ok: false, reason: 'use-council-sign-in' });
		const leaver = await signIn(db, {
			username: 'jo',
			password: PASSWORD,
			address: '192.0.2.1',
			staffPasswords: false
		});
		expect(leaver).toMatchObject({ ok: true });
		expect(audit(db, 'sign-in').map((row) => row.detail)).toEqual([{ method: 'password' }]);
		expect(audit(db, 'sign-in-refused')).toHaveLength(1);
	});

	it('refuses a staff invite code when they are off', async () => {
		const db = createTestDatabase({ seed: false });
		const { code } = createStaff(db, null, { name: 'Sam', role: 'adviser' });
		const result = await joinWithInvite(db, {
			code,
			username: 'sam',
			password: PASSWORD,
			staffPasswords: false
		});
		expect(result).toMatchObject({ ok: false, field: 'code', message: /button/ });
	});
});

describe('staff work emails', () => {
	it('invites staff with a unique email and no code when staff use council sign-in', () => {
		const db = createTestDatabase({ seed: false });
		const boss = account(db, { role: 'lead', name: 'Boss', email: 'boss@example.org' });
		const input = { name: 'Sam', role: 'adviser' as const, email: 'sam.pa@example.org' };
		const invited = inviteStaff(db, boss, input, { issueCode: false });
		expect(invited).toMatchObject({
			ok: true,
			code: null,
			member: { email: 'sam.pa@example.org' }
		});
		expect(inviteStaff(db, boss, input, { issueCode: true })).toMatchObject({
			ok: false,
			errors: { email: /already has that email/ }
		});
	});

	it('unlinks the council account and signs out when a lead changes a linked email', () => {
		const db = createTestDatabase({ seed: false });
		const boss = account(db, { role: 'lead', name: 'Boss', email: 'boss@example.org' });
		const linked = account(db, { oidcIssuer: ISSUER, oidcSubject: 'subject-1' });
		expect(changeStaffEmail(db, boss, linked, 'boss@example.org')).toMatchObject({ ok: false });
		expect(changeStaffEmail(db, boss, linked, 'sam.new@example.org')).toEqual({
			ok: true,
			unlinked: true
		});
		const stored = db.select().from(user).where(eq(user.id, linked.id)).get();
		expect(stored).toMatchObject({ email: 'sam.new@example.org', oidcSubject: null });
		expect(audit(db, 'email-changed')).toMatchObject([
			{ actorId: boss.id, subjectUserId: linked.id, detail: { councilAccountUnlinked: true } }
		]);
	});

	it('warns in the audit trail when a lead changes another lead’s work email', () => {
		const db = createTestDatabase({ seed: false });
		const boss = account(db, { role: 'lead', name: 'Boss', email: 'boss@example.org' });
		const other = account(db, { role: 'lead', name: 'Kim', email: 'kim@example.org' });
		const pa = account(db, { name: 'Sam', email: 'sam@example.org' });
		changeStaffEmail(db, boss, other, 'kim.new@example.org');
		changeStaffEmail(db, boss, pa, 'sam.new@example.org');
		const rows = audit(db, 'email-changed');
		expect(rows.find((row) => row.subjectUserId === other.id)?.detail).toMatchObject({
			warning: expect.stringContaining('another lead')
		});
		expect(rows.find((row) => row.subjectUserId === pa.id)?.detail).not.toHaveProperty('warning');
	});

	it('gives no new invite code to staff who joined with their council account', () => {
		const db = createTestDatabase({ seed: false });
		const boss = account(db, { role: 'lead', name: 'Boss', email: 'boss@example.org' });
		const linked = account(db, { oidcIssuer: ISSUER, oidcSubject: 'subject-1' });
		expect(reissueInvite(db, boss, linked)).toMatchObject({ ok: false });
		expect(
			db
				.select()
				.from(auditEvent)
				.where(
					and(eq(auditEvent.action, 'invite-created'), eq(auditEvent.subjectUserId, linked.id))
				)
				.all()
		).toEqual([]);
	});
});

describe('the sign-in page’s policy', () => {
	it('turns council sign-in off, rather than break the sign-in page, when the issuer is mistyped', () => {
		vi.stubEnv('OIDC_ISSUER', 'login.microsoftonline.com/tenant');
		vi.stubEnv('OIDC_CLIENT_ID', 'local-offer');
		const policy = "default-src 'self'; form-action 'self'; frame-ancestors 'none'";
		const headers = new Headers({ 'content-security-policy': policy });
		expect(() => allowProviderSignInForm(headers)).not.toThrow();
		expect(headers.get('content-security-policy')).toBe(policy);
		expect(oidcSettings()).toBeNull();
	});

	it('lets the council button’s form lead to the provider only when one is configured', () => {
		const policy = "default-src 'self'; form-action 'self'; frame-ancestors 'none'";
		const without = new Headers({ 'content-security-policy': policy });
		allowProviderSignInForm(without);
		expect(without.get('content-security-policy')).toBe(policy);
		vi.stubEnv('OIDC_ISSUER', `${ISSUER}/tenant`);
		vi.stubEnv('OIDC_CLIENT_ID', 'local-offer');
		const headers = new Headers({ 'content-security-policy': policy });
		allowProviderSignInForm(headers);
		expect(headers.get('content-security-policy')).toContain(`form-action 'self' ${ISSUER};`);
	});
});
