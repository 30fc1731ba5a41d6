import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { MAIL_DB, MAIL_PORT, MAIL_SINK_PORT } from './tests/e2e/mail-ports';

// E2E_PORT lets two checkouts on one machine run their tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
/** A second server with DEMO=0: no demo accounts, no MFA exemption. */
export const NO_DEMO_PORT = PORT + 1;
/** A third server with council sign-in, and the real OpenID provider it trusts (tests/e2e/oidc-provider.js). */
export const OIDC_APP_PORT = PORT + 2;
export const OIDC_PROVIDER_PORT = PORT + 3;
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	forbidOnly: Boolean(process.env.CI),
	retries: 0,
	workers: process.env.CI ? 2 : undefined,
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL: `http://localhost:${PORT}`,
		// The servers read the client address from this header (ADDRESS_HEADER below), so each
		// test can sign in from its own address and the sign-in throttle of one never holds back another.
		extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.1' },
		trace: 'retain-on-failure',
		// Each new context would install the worker and download the whole offline pack (60 pages):
		// a fifth of the suite's time. Tests of the worker ask for it: `test.use({ serviceWorkers:
		// 'allow' })`, or the persistent profile in tests/e2e/pwa.ts.
		serviceWorkers: 'block',
		launchOptions: {
			executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
	// `npm run test:e2e` builds first, so both servers start from the same fresh build.
	webServer: [
		{
			// A fresh database for every run, so tests start from the seeded offer.
			command: 'rm -rf .e2e/demo && node scripts/start.js',
			url: `http://localhost:${PORT}/healthz`,
			reuseExistingServer: false,
			timeout: 120_000,
			stdout: 'pipe',
			env: {
				PORT: String(PORT),
				DATABASE_PATH: '.e2e/demo/local-offer.db',
				DEMO: '1',
				ADDRESS_HEADER: 'x-forwarded-for',
				// The push test's fake push service listens on loopback.
				PUSH_ALLOW_LOOPBACK: '1'
			}
		},
		{
			// The first server builds if needed; this one must not build at the same time.
			command: 'rm -rf .e2e/no-demo && node scripts/start.js --no-build',
			url: `http://localhost:${NO_DEMO_PORT}/healthz`,
			reuseExistingServer: false,
			timeout: 120_000,
			stdout: 'pipe',
			env: {
				PORT: String(NO_DEMO_PORT),
				DATABASE_PATH: '.e2e/no-demo/local-offer.db',
				DEMO: '0',
				ADDRESS_HEADER: 'x-forwarded-for'
			}
		},
		{
			// A demo server with email on (tests/e2e/mail.spec.ts), sending to a sink the test starts.
			command: 'rm -rf .e2e/mail && node scripts/start.js --no-build',
			url: `http://localhost:${MAIL_PORT}/healthz`,
			reuseExistingServer: false,
			timeout: 120_000,
			stdout: 'pipe',
			env: {
				PORT: String(MAIL_PORT),
				DATABASE_PATH: MAIL_DB,
				DEMO: '1',
				ADDRESS_HEADER: 'x-forwarded-for',
				SMTP_URL: `smtp://127.0.0.1:${MAIL_SINK_PORT}`,
				SMTP_FROM: 'Local Offer <no-reply@example.org>'
			}
		},
		{
			command: 'node tests/e2e/oidc-provider.js',
			url: `http://127.0.0.1:${OIDC_PROVIDER_PORT}/.well-known/openid-configuration`,
			reuseExistingServer: false,
			timeout: 120_000,
			stdout: 'pipe',
			env: {
				OIDC_PROVIDER_PORT: String(OIDC_PROVIDER_PORT),
				OIDC_APP_ORIGIN: `http://localhost:${OIDC_APP_PORT}`
			}
		},
		{
			command: 'rm -rf .e2e/oidc && node scripts/start.js --no-build',
			url: `http://localhost:${OIDC_APP_PORT}/healthz`,
			reuseExistingServer: false,
			timeout: 120_000,
			stdout: 'pipe',
			env: {
				PORT: String(OIDC_APP_PORT),
				DATABASE_PATH: '.e2e/oidc/local-offer.db',
				DEMO: '1',
				ADDRESS_HEADER: 'x-forwarded-for',
				OIDC_ISSUER: `http://127.0.0.1:${OIDC_PROVIDER_PORT}`,
				OIDC_CLIENT_ID: 'local-offer',
				OIDC_CLIENT_SECRET: 'e2e-only-client-secret',
				OIDC_NAME: 'Sign in with your Stockton account'
			}
		}
	]
});
