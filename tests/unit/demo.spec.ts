import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '$lib/server/audit';
import {
	createSession,
	generateSessionToken,
	validateSessionToken
} from '$lib/server/auth/session';
import {
	DEMO_ACCOUNTS,
	DEMO_PASSWORD,
	disableDemoAccounts,
	seedDemoAccounts
} from '$lib/server/demo';
import { createStaff, getUserByUsername, signIn } from '$lib/server/users';
import { createTestDatabase } from './helpers';

describe('demo accounts when the demo is switched off', () => {
	it('are turned off and signed out everywhere, with an audit row each', async () => {
		const db = createTestDatabase({ seed: false });
		await seedDemoAccounts(db);
		const lead = getUserByUsername(db, 'demo-lead')!;
		const token = generateSessionToken();
		createSession(db, token, lead, { mfaVerified: true });

		expect(disableDemoAccounts(db)).toBe(DEMO_ACCOUNTS.length);

		expect(validateSessionToken(db, token).session).toBeNull();
		for (const { username } of DEMO_ACCOUNTS) {
			expect(getUserByUsername(db, username)?.disabledAt).toBeInstanceOf(Date);
			const tried = await signIn(db, { username, password: DEMO_PASSWORD, address: '192.0.2.1' });
			expect(tried.ok).toBe(false);
		}
		const audited = listAuditEvents(db, { action: 'account-disabled' }).rows;
		expect(audited).toHaveLength(DEMO_ACCOUNTS.length);
		expect(audited[0].detail).toEqual({ reason: 'demo mode is off' });
	});

	it('leaves real accounts alone, and does nothing the second time', async () => {
		const db = createTestDatabase({ seed: false });
		await seedDemoAccounts(db);
		const { member } = createStaff(db, null, { name: 'Real Lead', role: 'lead', username: 'real' });
		disableDemoAccounts(db);
		expect(getUserByUsername(db, 'real')?.id).toBe(member.id);
		expect(getUserByUsername(db, 'real')?.disabledAt).toBeNull();
		expect(disableDemoAccounts(db)).toBe(0);
	});
});

describe('demo staff', () => {
	it('have work email addresses, also when their accounts were made before staff had them', async () => {
		const db = createTestDatabase({ seed: false });
		await seedDemoAccounts(db);
		db.$client.prepare("UPDATE user SET email = NULL WHERE username = 'demo-lead'").run();
		await seedDemoAccounts(db);
		expect(getUserByUsername(db, 'demo-adviser')?.email).toBe('demo-adviser@example.org');
		expect(getUserByUsername(db, 'demo-lead')?.email).toBe('demo-lead@example.org');
		expect(getUserByUsername(db, 'demo-leaver')?.email).toBeNull();
	});
});
