import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	deleteExpiredSessions,
	validateSessionToken,
	type User
} from '$lib/server/auth/session';
import type { Database } from '$lib/server/db/connection';
import { pushSubscription, user } from '$lib/server/db/schema';
import { sendPush } from '$lib/server/notify';
import { MAX_PUSH_SUBSCRIPTIONS, savePushSubscription } from '$lib/server/push-subscriptions';
import { isAllowedPushEndpoint } from '$lib/server/push-hosts';
import { hashPassword } from '$lib/server/auth/password';
import {
	changePassword,
	changeRole,
	resetMfa,
	setAccountDisabled,
	signOutEverywhere
} from '$lib/server/users';
import { createTestDatabase } from './helpers';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const DAY = 24 * 60 * 60_000;

afterEach(() => {
	vi.unstubAllEnvs();
});

describe('which push addresses are accepted', () => {
	it.each([
		['Google FCM', 'https://fcm.googleapis.com/fcm/send/abc:APA91b'],
		['Mozilla autopush', 'https://updates.push.services.mozilla.com/wpush/v2/gAAAAAB'],
		['Apple web push', 'https://web.push.apple.com/QGuQyavXutnMSeSWXwnxpFMw'],
		['Microsoft WNS', 'https://wns2-db5p.notify.windows.com/w/?token=BQYAAAD'],
		['an explicit default port', 'https://fcm.googleapis.com:443/fcm/send/abc'],
		['upper case in the host', 'https://FCM.googleapis.com/fcm/send/abc']
	])('accepts %s', (_, endpoint) => {
		expect(isAllowedPushEndpoint(endpoint)).toBe(true);
	});

	it.each([
		['plain http', 'http://fcm.googleapis.com/fcm/send/abc'],
		['localhost', 'https://localhost/push'],
		['127.0.0.1', 'https://127.0.0.1/push'],
		['127.0.0.1 over http', 'http://127.0.0.1:8080/push'],
		['[::1]', 'https://[::1]/push'],
		['the cloud metadata address', 'https://169.254.169.254/latest/meta-data/'],
		['a 10.x address', 'https://10.0.0.5/push'],
		['a 192.168.x address', 'https://192.168.1.1/push'],
		['a decimal IP address', 'https://2130706433/push'],
		['a known host as a prefix of another', 'https://fcm.googleapis.com.evil.example/push'],
		['a known host in the path', 'https://evil.example/fcm.googleapis.com'],
		['a known host as a user name', 'https://fcm.googleapis.com@evil.example/push'],
		['a user name before a known host', 'https://user:pass@fcm.googleapis.com/fcm/send/abc'],
		['another port', 'https://fcm.googleapis.com:8443/fcm/send/abc'],
		['a subdomain of FCM', 'https://evil.fcm.googleapis.com/fcm/send/abc'],
		['a name that only ends like a known host', 'https://evilpush.apple.com/push'],
		['the old GCM address', 'https://android.googleapis.com/gcm/send/abc'],
		['another scheme', 'ftp://fcm.googleapis.com/abc'],
		['not an address', 'not a url']
	])('refuses %s', (_, endpoint) => {
		expect(isAllowedPushEndpoint(endpoint)).toBe(false);
	});

	it('accepts http on loopback only with the test-only switch, and nothing else with it', () => {
		expect(isAllowedPushEndpoint('http://127.0.0.1:8080/push')).toBe(false);
		vi.stubEnv('PUSH_ALLOW_LOOPBACK', '1');
		expect(isAllowedPushEndpoint('http://127.0.0.1:8080/push')).toBe(true);
		expect(isAllowedPushEndpoint('http://localhost:8080/push')).toBe(true);
		expect(isAllowedPushEndpoint('http://169.254.169.254/latest/meta-data/')).toBe(false);
		expect(isAllowedPushEndpoint('http://10.0.0.5/push')).toBe(false);
		expect(isAllowedPushEndpoint('http://evil.example/push')).toBe(false);
	});
});

function makeAccount(db: Database, username: string, role: 'leaver' | 'lead' = 'leaver') {
	return db.insert(user).values({ role, name: username, username }).returning().get();
}

function signInDevice(db: Database, account: Pick<User, 'id' | 'role'>, now = T0) {
	const token = generateSessionToken();
	return { token, session: createSession(db, token, account, { mfaVerified: true, now }) };
}

const ecdh = createECDH('prime256v1');
ecdh.generateKeys();
const KEYS = {
	p256dh: ecdh.getPublicKey().toString('base64url'),
	auth: randomBytes(16).toString('base64url')
};

function subscribe(
	db: Database,
	owner: { userId: number; sessionId: string },
	endpoint: string,
	at = T0
) {
	savePushSubscription(db, owner, { endpoint, keys: KEYS }, new Date(at));
}

function endpointsOf(db: Database, userId: number) {
	return db
		.select({ endpoint: pushSubscription.endpoint })
		.from(pushSubscription)
		.where(eq(pushSubscription.userId, userId))
		.all()
		.map((row) => row.endpoint)
		.sort();
}

const fcm = (n: number | string) => `https://fcm.googleapis.com/fcm/send/device-${n}`;

describe('push subscriptions', () => {
	it(`keeps at most ${MAX_PUSH_SUBSCRIPTIONS} devices an account, dropping the oldest for a new one`, () => {
		const db = createTestDatabase({ seed: false });
		const leaver = makeAccount(db, 'sam');
		const { session } = signInDevice(db, leaver);
		for (let n = 1; n <= MAX_PUSH_SUBSCRIPTIONS; n++) {
			subscribe(db, { userId: leaver.id, sessionId: session.id }, fcm(n), T0 + n * 1000);
		}
		expect(endpointsOf(db, leaver.id)).toHaveLength(5);
		subscribe(db, { userId: leaver.id, sessionId: session.id }, fcm(6), T0 + 6000);
		expect(endpointsOf(db, leaver.id)).toEqual([2, 3, 4, 5, 6].map(fcm));
	});

	it("does not count or drop another account's devices", () => {
		const db = createTestDatabase({ seed: false });
		const sam = makeAccount(db, 'sam');
		const riley = makeAccount(db, 'riley');
		const samSession = signInDevice(db, sam).session;
		const rileySession = signInDevice(db, riley).session;
		subscribe(db, { userId: riley.id, sessionId: rileySession.id }, fcm('riley'), T0 - DAY);
		for (let n = 1; n <= 6; n++) {
			subscribe(db, { userId: sam.id, sessionId: samSession.id }, fcm(n), T0 + n * 1000);
		}
		expect(endpointsOf(db, riley.id)).toEqual([fcm('riley')]);
	});

	it('moves a phone re-registered by another account to that account, and only there', () => {
		const db = createTestDatabase({ seed: false });
		const sam = makeAccount(db, 'sam');
		const riley = makeAccount(db, 'riley');
		const samSession = signInDevice(db, sam).session;
		const rileySession = signInDevice(db, riley).session;
		subscribe(db, { userId: sam.id, sessionId: samSession.id }, fcm('shared'));
		subscribe(db, { userId: riley.id, sessionId: rileySession.id }, fcm('shared'), T0 + 1000);
		expect(endpointsOf(db, sam.id)).toEqual([]);
		expect(endpointsOf(db, riley.id)).toEqual([fcm('shared')]);
		// Riley's sign-out now turns it off; Sam's does not touch it.
		invalidateSession(db, samSession.id);
		expect(endpointsOf(db, riley.id)).toEqual([fcm('shared')]);
		invalidateSession(db, rileySession.id);
		expect(endpointsOf(db, riley.id)).toEqual([]);
	});

	it('signing out turns notifications off on that device only', () => {
		const db = createTestDatabase({ seed: false });
		const sam = makeAccount(db, 'sam');
		const phone = signInDevice(db, sam).session;
		const laptop = signInDevice(db, sam).session;
		subscribe(db, { userId: sam.id, sessionId: phone.id }, fcm('phone'));
		subscribe(db, { userId: sam.id, sessionId: laptop.id }, fcm('laptop'));
		invalidateSession(db, phone.id);
		expect(endpointsOf(db, sam.id)).toEqual([fcm('laptop')]);
	});

	it('signing out everywhere turns notifications off on every device', () => {
		const db = createTestDatabase({ seed: false });
		const sam = makeAccount(db, 'sam');
		const riley = makeAccount(db, 'riley');
		const phone = signInDevice(db, sam).session;
		const laptop = signInDevice(db, sam).session;
		const rileyPhone = signInDevice(db, riley).session;
		subscribe(db, { userId: sam.id, sessionId: phone.id }, fcm('phone'));
		subscribe(db, { userId: sam.id, sessionId: laptop.id }, fcm('laptop'));
		subscribe(db, { userId: riley.id, sessionId: rileyPhone.id }, fcm('riley'));
		signOutEverywhere(db, sam);
		expect(endpointsOf(db, sam.id)).toEqual([]);
		expect(endpointsOf(db, riley.id)).toEqual([fcm('riley')]);
		invalidateUserSessions(db, riley.id);
		expect(endpointsOf(db, riley.id)).toEqual([]);
	});

	it('turning an account off turns notifications off on all its devices', () => {
		const db = createTestDatabase({ seed: false });
		const lead = makeAccount(db, 'lead', 'lead');
		const sam = makeAccount(db, 'sam');
		const phone = signInDevice(db, sam).session;
		subscribe(db, { userId: sam.id, sessionId: phone.id }, fcm('phone'));
		// One whose session already ran out (its link to the session is gone).
		db.update(pushSubscription).set({ sessionId: null }).run();
		subscribe(db, { userId: sam.id, sessionId: phone.id }, fcm('old-phone'));
		setAccountDisabled(db, lead, sam, true);
		expect(endpointsOf(db, sam.id)).toEqual([]);
	});

	it('a new password turns notifications off on the other devices it signs out, not this one', async () => {
		const db = createTestDatabase({ seed: false });
		const passwordHash = await hashPassword('purple train biscuit');
		const sam = db
			.insert(user)
			.values({ role: 'leaver', name: 'Sam', username: 'sam', passwordHash })
			.returning()
			.get();
		const phone = signInDevice(db, sam).session;
		const stolen = signInDevice(db, sam).session;
		subscribe(db, { userId: sam.id, sessionId: phone.id }, fcm('phone'));
		subscribe(db, { userId: sam.id, sessionId: stolen.id }, fcm('stolen'));
		const changed = await changePassword(db, sam, {
			currentPassword: 'purple train biscuit',
			newPassword: 'a brand new passphrase',
			keepSessionId: phone.id
		});
		expect(changed.ok).toBe(true);
		expect(endpointsOf(db, sam.id)).toEqual([fcm('phone')]);
	});

	it('a new role or a two-step reset turns notifications off everywhere for that person', () => {
		const db = createTestDatabase({ seed: false });
		const lead = makeAccount(db, 'lead', 'lead');
		const alex = makeAccount(db, 'alex', 'lead');
		subscribe(db, { userId: alex.id, sessionId: signInDevice(db, alex).session.id }, fcm('a'));
		changeRole(db, lead, alex, 'adviser');
		expect(endpointsOf(db, alex.id)).toEqual([]);
		subscribe(db, { userId: alex.id, sessionId: signInDevice(db, alex).session.id }, fcm('b'));
		resetMfa(db, lead, alex);
		expect(endpointsOf(db, alex.id)).toEqual([]);
	});

	it('a session that runs out keeps its device subscribed, unlinked from the session', () => {
		const db = createTestDatabase({ seed: false });
		const lead = makeAccount(db, 'lead', 'lead');
		const first = signInDevice(db, lead, T0);
		const second = signInDevice(db, lead, T0);
		subscribe(db, { userId: lead.id, sessionId: first.session.id }, fcm('desk'));
		subscribe(db, { userId: lead.id, sessionId: second.session.id }, fcm('phone'));
		// One found out of date when used, the other by housekeeping.
		expect(validateSessionToken(db, first.token, T0 + DAY).session).toBeNull();
		expect(deleteExpiredSessions(db, T0 + DAY)).toBe(1);
		const rows = db.select().from(pushSubscription).all();
		expect(rows.map((row) => [row.endpoint, row.sessionId]).sort()).toEqual([
			[fcm('desk'), null],
			[fcm('phone'), null]
		]);
	});
});

/** A local http server that records each request's path and answers with `answer`. */
async function startServer(answer: (path: string) => { status: number; location?: string }) {
	const hits: string[] = [];
	const server = createServer((req, res) => {
		hits.push(req.url ?? '');
		req.resume();
		req.on('end', () => {
			const { status, location } = answer(req.url ?? '');
			res.writeHead(status, location ? { location } : {}).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, hits, port: (server.address() as AddressInfo).port };
}

const servers: Server[] = [];
afterEach(() => {
	for (const server of servers.splice(0)) {
		server.closeAllConnections();
		server.close();
	}
});

describe('sending a push', () => {
	it('never follows a redirect from the push service', async () => {
		vi.stubEnv('PUSH_ALLOW_LOOPBACK', '1');
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const inside = await startServer(() => ({ status: 200 }));
		const push = await startServer(() => ({
			status: 302,
			location: `http://127.0.0.1:${inside.port}/latest/meta-data/`
		}));
		servers.push(inside.server, push.server);
		const db = createTestDatabase({ seed: false });
		const sam = makeAccount(db, 'sam');
		const { session } = signInDevice(db, sam);
		const endpoint = `http://127.0.0.1:${push.port}/push/sam`;
		subscribe(db, { userId: sam.id, sessionId: session.id }, endpoint);

		await sendPush(db, sam.id, { title: 'Local Offer', body: 'New', url: '/' }, 'http://x', 'a@b');

		expect(push.hits).toEqual(['/push/sam']);
		expect(inside.hits).toEqual([]);
		// A redirect is a failure, not a reason to forget the device.
		expect(endpointsOf(db, sam.id)).toEqual([endpoint]);
	});

	it('never sends to a stored address that is not a push service, and forgets it', async () => {
		const inside = await startServer(() => ({ status: 201 }));
		servers.push(inside.server);
		const db = createTestDatabase({ seed: false });
		const sam = makeAccount(db, 'sam');
		// As a row saved before addresses were checked would be (no test-only switch here).
		db.insert(pushSubscription)
			.values({
				userId: sam.id,
				endpoint: `http://127.0.0.1:${inside.port}/admin`,
				p256dh: KEYS.p256dh,
				auth: KEYS.auth,
				createdAt: new Date(T0)
			})
			.run();

		await sendPush(db, sam.id, { title: 'Local Offer', body: 'New', url: '/' }, 'http://x', 'a@b');

		expect(inside.hits).toEqual([]);
		expect(endpointsOf(db, sam.id)).toEqual([]);
	});
});
