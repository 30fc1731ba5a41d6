import {
	expect,
	request as playwrightRequest,
	test,
	type APIRequestContext
} from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, queryDatabase } from './helpers';

// Crash safety: the built server is killed with SIGKILL in the middle of a stream of writes and
// started again on the same database. Everything it acknowledged must still be there.

// Beside Playwright's own two servers (E2E_PORT and the next), so side-by-side checkouts differ.
const PORT = Number(process.env.CRASH_PORT ?? Number(process.env.E2E_PORT ?? 4173) + 18);
const ORIGIN = `http://localhost:${PORT}`;
const ROUNDS = 2;

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let databasePath: string;

test.beforeAll(() => {
	dataDir = mkdtempSync(join(tmpdir(), 'local-offer-crash-'));
	databasePath = join(dataDir, 'local-offer.db');
});

test.afterAll(() => {
	rmSync(dataDir, { recursive: true, force: true });
});

async function startServer(): Promise<ChildProcess> {
	const server = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: String(PORT),
			ORIGIN,
			DATABASE_PATH: databasePath,
			DEMO: '1',
			ADDRESS_HEADER: 'x-forwarded-for'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		expect(server.exitCode, 'the server stopped while starting').toBeNull();
		try {
			if ((await fetch(`${ORIGIN}/healthz`)).ok) {
				return server;
			}
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	server.kill('SIGKILL');
	throw new Error('The server did not start within a minute');
}

async function signedIn(username: string, address: string) {
	const context = await playwrightRequest.newContext({
		baseURL: ORIGIN,
		extraHTTPHeaders: { origin: ORIGIN, accept: 'text/html', 'x-forwarded-for': address }
	});
	const response = await context.post('/login', {
		form: { username, password: DEMO_PASSWORD },
		maxRedirects: 0
	});
	expect(response.status(), `sign in as ${username}`).toBe(303);
	return context;
}

/** What the server said it stored. */
type Acknowledged = {
	requests: { id: number; message: string }[];
	leaverMessages: { requestId: number; message: string }[];
	staffReplies: { requestId: number; message: string }[];
	eventTimes: number[];
};

/** Calls `send` until the server stops answering; a thrown network error is not an acknowledgement. */
async function untilDown(send: (n: number) => Promise<void>, isDown: () => boolean) {
	for (let n = 0; !isDown(); n += 1) {
		try {
			await send(n);
		} catch {
			// Connection refused or reset: the server is gone; nothing was acknowledged.
		}
	}
}

test('every acknowledged write survives SIGKILL, and the database stays sound', async () => {
	test.setTimeout(180_000);
	const acknowledged: Acknowledged = {
		requests: [],
		leaverMessages: [],
		staffReplies: [],
		eventTimes: []
	};
	// Usage events are dated in the past, one millisecond apart, so each can be found again.
	const eventBase = Date.now() - 24 * 60 * 60_000;
	let eventCounter = 0;

	for (let round = 0; round < ROUNDS; round += 1) {
		const server = await startServer();
		let down = false;
		const exited = new Promise((resolve) => server.once('exit', resolve));
		const leaver: APIRequestContext = await signedIn('demo-leaver', `10.77.${round}.1`);
		const adviser: APIRequestContext = await signedIn('demo-adviser', `10.77.${round}.2`);
		const tag = `crash-${Date.now()}-r${round}`;

		const leaverStream = untilDown(
			async (n) => {
				const message = `${tag} request ${n}`;
				const created = await leaver.post('/api/requests', {
					data: {
						topic: 'money',
						message,
						contactBy: 'app',
						idempotencyKey: `${tag}-request-${n}`.padEnd(16, '-')
					}
				});
				if (created.status() !== 201) {
					return;
				}
				const { id } = (await created.json()) as { id: number };
				acknowledged.requests.push({ id, message });
				const follow = `${tag} follow-up ${n}`;
				const reply = await leaver.post(`/api/requests/${id}/messages`, {
					data: { message: follow, idempotencyKey: `${tag}-message-${n}`.padEnd(16, '-') }
				});
				if (reply.status() === 201) {
					acknowledged.leaverMessages.push({ requestId: id, message: follow });
				}
			},
			() => down
		);

		const adviserStream = untilDown(
			async (n) => {
				const target = acknowledged.requests.at(-1);
				if (!target) {
					await new Promise((resolve) => setTimeout(resolve, 20));
					return;
				}
				const message = `${tag} PA reply ${n}`;
				const reply = await adviser.post(`/staff/requests/${target.id}?/reply`, {
					form: { message },
					maxRedirects: 0
				});
				if (
					reply.status() === 303 &&
					reply.headers()['location']?.endsWith(`/staff/requests/${target.id}`)
				) {
					acknowledged.staffReplies.push({ requestId: target.id, message });
				}
			},
			() => down
		);

		const eventStream = untilDown(
			async (n) => {
				const times = Array.from({ length: 10 }, () => eventBase + eventCounter++);
				const stored = await fetch(`${ORIGIN}/api/events`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin: ORIGIN },
					body: JSON.stringify({
						visitor: `${tag}-visitor-${n}`.padEnd(16, '-'),
						events: times.map((at) => ({
							type: 'offer_view',
							offer: 'council-tax-exemption',
							path: '/offers/council-tax-exemption',
							at: new Date(at).toISOString()
						}))
					})
				});
				if (stored.status === 202) {
					acknowledged.eventTimes.push(...times);
				}
			},
			() => down
		);

		// Let the writes flow, then pull the plug without warning, in the middle of the stream.
		const before = acknowledged.requests.length;
		await expect
			.poll(() => acknowledged.requests.length - before, { timeout: 30_000 })
			.toBeGreaterThan(15);
		server.kill('SIGKILL');
		await exited;
		down = true;
		await Promise.all([leaverStream, adviserStream, eventStream]);
		await leaver.dispose();
		await adviser.dispose();
	}

	test.info().annotations.push({
		type: 'acknowledged before the kills',
		description: `${acknowledged.requests.length} requests, ${acknowledged.leaverMessages.length} follow-ups, ${acknowledged.staffReplies.length} PA replies, ${acknowledged.eventTimes.length} usage events`
	});
	expect(acknowledged.staffReplies.length).toBeGreaterThan(0);
	expect(acknowledged.leaverMessages.length).toBeGreaterThan(0);
	expect(acknowledged.eventTimes.length).toBeGreaterThan(0);

	// Restart on the same database: it recovers its write-ahead log and serves again.
	const server = await startServer();
	try {
		expect(readFileSync(`${databasePath}.pid`, 'utf8').trim()).toBe(String(server.pid));
		const leaver = await signedIn('demo-leaver', '10.77.9.1');
		const last = acknowledged.requests.at(-1)!;
		const page = await leaver.get(`/requests/${last.id}`);
		expect(page.status()).toBe(200);
		expect(await page.text()).toContain(last.message);
		await leaver.dispose();
	} finally {
		server.kill('SIGTERM');
		await new Promise((resolve) => server.once('exit', resolve));
	}

	const [{ integrity_check: integrity }] = queryDatabase<{ integrity_check: string }>(
		databasePath,
		'PRAGMA integrity_check'
	);
	expect(integrity).toBe('ok');

	const storedRequests = new Map(
		queryDatabase<{ id: number; body: string }>(
			databasePath,
			`SELECT r.id, m.body FROM support_request r JOIN request_message m ON m.request_id = r.id`
		).map(({ id, body }) => [`${id} ${body}`, true])
	);
	const missing = [
		...acknowledged.requests.map(({ id, message }) => `${id} ${message}`),
		...acknowledged.leaverMessages.map(({ requestId, message }) => `${requestId} ${message}`),
		...acknowledged.staffReplies.map(({ requestId, message }) => `${requestId} ${message}`)
	].filter((key) => !storedRequests.has(key));
	expect(missing, 'acknowledged requests and messages missing after the crash').toEqual([]);

	const storedTimes = new Set(
		queryDatabase<{ at: number }>(
			databasePath,
			'SELECT at FROM analytics_event WHERE demo = 0 AND at >= ?',
			eventBase
		).map(({ at }) => at)
	);
	const missingEvents = acknowledged.eventTimes.filter((at) => !storedTimes.has(at));
	expect(missingEvents, 'acknowledged usage events missing after the crash').toEqual([]);
});
