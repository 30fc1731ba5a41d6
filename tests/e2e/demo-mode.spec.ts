import { expect, request as playwrightRequest, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, queryDatabase } from './helpers';
import { startAppServer } from './server';

// The demo's password is published. A deployment that once ran the quick start (or was started
// the old way) must not let anyone in with it once it runs as production.

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let dataDir: string;
test.beforeAll(() => {
	dataDir = mkdtempSync(join(tmpdir(), 'local-offer-demo-'));
});
test.afterAll(() => {
	rmSync(dataDir, { recursive: true, force: true });
});

async function signInAsDemoLead(origin: string) {
	const context = await playwrightRequest.newContext({
		baseURL: origin,
		extraHTTPHeaders: { origin, accept: 'text/html' }
	});
	const response = await context.post('/login', {
		form: { username: 'demo-lead', password: DEMO_PASSWORD },
		maxRedirects: 0
	});
	return { context, signedIn: response.status() === 303 };
}

test('demo accounts never reach production: the production start turns them off and signs them out', async () => {
	const env = { DATABASE_PATH: join(dataDir, 'local-offer.db') };

	// The quick start (`npm start`, no flags): the demo is on.
	const quickStart = await startAppServer([], env);
	const demo = await signInAsDemoLead(quickStart.origin);
	expect(demo.signedIn).toBe(true);
	expect((await demo.context.get('/lead/audit', { maxRedirects: 0 })).status()).toBe(200);
	await quickStart.stop();

	// The production command on the same database, DEMO not set: off, and the old session is over.
	const production = await startAppServer(
		['--production'],
		env,
		Number(new URL(quickStart.origin).port)
	);
	const again = await signInAsDemoLead(production.origin);
	expect(again.signedIn).toBe(false);
	const oldSession = await demo.context.get('/lead/audit', { maxRedirects: 0 });
	expect(oldSession.status()).toBe(303);
	expect(oldSession.headers().location).toContain('/login');
	await production.stop();

	const disabled = queryDatabase<{ n: number }>(
		env.DATABASE_PATH,
		'SELECT count(*) AS n FROM user WHERE is_demo = 1 AND disabled_at IS NULL'
	);
	expect(disabled[0].n).toBe(0);
	const audited = queryDatabase<{ n: number }>(
		env.DATABASE_PATH,
		"SELECT count(*) AS n FROM audit_event WHERE action = 'account-disabled' AND detail LIKE '%demo mode is off%'"
	);
	expect(audited[0].n).toBeGreaterThanOrEqual(5);
	await demo.context.dispose();
	await again.context.dispose();
});
