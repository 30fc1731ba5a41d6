import { resolve } from 'node:path';

/**
 * Every environment variable the app is configured with, with its default and meaning. The
 * README's "Configuration" table must list exactly these rows (tests/unit/config.spec.ts checks
 * it), so a new variable is documented where the people deploying the app look.
 * `readBy` says who reads it: this module (`app`), adapter-node's server before the app starts
 * (`adapter-node`), or tests only.
 */
export const CONFIG_VARIABLES = [
	{
		name: 'PORT',
		default: '`3000`',
		meaning: 'where the server listens (adapter-node); also the port in the default `ORIGIN`',
		readBy: ['adapter-node', 'app']
	},
	{
		name: 'HOST',
		default: '`0.0.0.0`',
		meaning: 'the address the server listens on (adapter-node)',
		readBy: ['adapter-node']
	},
	{
		name: 'ORIGIN',
		default: '`http://localhost:PORT`',
		meaning: 'the public URL (set it behind a proxy); adapter-node and the app read it',
		readBy: ['adapter-node', 'app']
	},
	{
		name: 'DATABASE_PATH',
		default: '`data/local-offer.db`',
		meaning: 'SQLite file (created with its folder)',
		readBy: ['app']
	},
	{
		name: 'MIGRATIONS_PATH',
		default: '`drizzle`',
		meaning: 'the folder of SQL migrations applied when the app starts',
		readBy: ['app']
	},
	{
		name: 'DEMO',
		default: '`1` for `npm start` only',
		meaning: '`1`: demo accounts; anything else: none, and any left are turned off',
		readBy: ['app']
	},
	{
		name: 'ADDRESS_HEADER',
		default: 'unset',
		meaning: "behind a proxy: the header with the client's address (Deploying; adapter-node)",
		readBy: ['adapter-node']
	},
	{
		name: 'XFF_DEPTH',
		default: '`1`',
		meaning: 'with `X-Forwarded-For`: how many proxies of yours are in front (adapter-node)',
		readBy: ['adapter-node']
	},
	{
		name: 'BODY_SIZE_LIMIT',
		default: '`1M`',
		meaning: 'the largest request body accepted (adapter-node; a bare `node build` takes `512K`)',
		readBy: ['adapter-node']
	},
	{
		name: 'SEED_FILE',
		default: '`content/stockton-on-tees.json`',
		meaning: "the council's content file (settings, categories, offer)",
		readBy: ['app']
	},
	{
		name: 'ANALYTICS_RETENTION_MONTHS',
		default: '`13`',
		meaning: 'how long raw usage events are kept (daily and weekly totals are kept)',
		readBy: ['app']
	},
	{
		name: 'CHECK_IN_RETENTION_MONTHS',
		default: '`24`',
		meaning:
			"how long care leavers' check-ins are kept (health data; the privacy notice says two years)",
		readBy: ['app']
	},
	{
		name: 'SMTP_URL',
		default: 'unset',
		meaning: 'the mail server for email notices (`smtps://user:password@host`); unset: no email',
		readBy: ['app']
	},
	{
		name: 'SMTP_FROM',
		default: '`Local Offer <no-reply@localhost>`',
		meaning: 'who email notices come from',
		readBy: ['app']
	},
	{
		name: 'OIDC_ISSUER',
		default: 'unset',
		meaning: "the council's identity provider (issuer URL) for staff sign-in; see Deploying",
		readBy: ['app']
	},
	{
		name: 'OIDC_CLIENT_ID',
		default: 'unset',
		meaning: "the app's client id at the identity provider",
		readBy: ['app']
	},
	{
		name: 'OIDC_CLIENT_SECRET',
		default: 'unset',
		meaning: "the app's client secret at the identity provider",
		readBy: ['app']
	},
	{
		name: 'OIDC_NAME',
		default: '`Sign in with your work account`',
		meaning: "the words on the identity provider's button on the sign-in page",
		readBy: ['app']
	},
	{
		name: 'STAFF_PASSWORDS',
		default: '`1`',
		meaning: '`0` with OIDC on: staff sign in only with the button; care leavers keep passwords',
		readBy: ['app']
	},
	{
		name: 'PUSH_ALLOW_LOOPBACK',
		default: 'unset',
		meaning: 'tests only: `1` lets push go to a fake service on this machine; never set it live',
		readBy: ['app']
	}
] as const satisfies readonly {
	name: string;
	default: string;
	meaning: string;
	readBy: readonly ('app' | 'adapter-node')[];
}[];

type ConfigVariable = (typeof CONFIG_VARIABLES)[number]['name'];

/**
 * The one reader of the environment. `process.env` rather than SvelteKit's
 * `$env/dynamic/private` because this module is also imported where SvelteKit's virtual modules
 * do not exist (scripts/user-create.ts under tsx, through db/connection.ts); in the built server
 * `$env/dynamic/private` is a copy of `process.env` anyway. Only listed names are accepted, so a
 * variable cannot be read without a row in the README.
 */
function readEnv(name: ConfigVariable): string | undefined {
	return process.env[name];
}

/** The public address; https turns on Secure, `__Host-` cookies and HSTS. */
export const ORIGIN = readEnv('ORIGIN') || `http://localhost:${readEnv('PORT') || 3000}`;
export const SECURE_COOKIES = ORIGIN.startsWith('https://');
/**
 * Demo mode (demo accounts with a published password, demo staff exempt from MFA) only when asked
 * for: DEMO=1. `npm start` asks for it on a developer's machine (scripts/start.js); the production
 * command and a bare `node build/index.js` do not, so a real deployment never has it by accident.
 */
export const DEMO_MODE = readEnv('DEMO') === '1';
export const DATABASE_PATH = readEnv('DATABASE_PATH') || 'data/local-offer.db';
/** Where drizzle-kit writes migrations; the app runs from the project folder. */
export const MIGRATIONS_FOLDER = resolve(readEnv('MIGRATIONS_PATH') ?? 'drizzle');
export const DEFAULT_SEED_FILE = 'content/stockton-on-tees.json';
export const SEED_FILE = readEnv('SEED_FILE') || DEFAULT_SEED_FILE;
/** How long raw usage events are kept, in months (the daily rollups are kept for good). */
export const ANALYTICS_RETENTION_MONTHS = Math.max(
	1,
	Number(readEnv('ANALYTICS_RETENTION_MONTHS')) || 13
);

/**
 * How long check-ins are kept, in months, then deleted by the housekeeping. They are health data:
 * the privacy notice says two years, so change its words (messages/checkins) with this.
 */
export const CHECK_IN_RETENTION_MONTHS = Math.max(
	1,
	Number(readEnv('CHECK_IN_RETENTION_MONTHS')) || 24
);

/** Where email goes out; read when sending, so without SMTP_URL nothing is sent and nothing fails. */
export function emailSettings() {
	return {
		smtpUrl: readEnv('SMTP_URL'),
		from: readEnv('SMTP_FROM') || 'Local Offer <no-reply@localhost>'
	};
}

/**
 * Only for the end-to-end tests, whose fake push service listens on this machine. Read on each
 * check so a unit test can switch it on and off.
 */
export function pushLoopbackAllowed() {
	return readEnv('PUSH_ALLOW_LOOPBACK') === '1';
}

/**
 * Staff sign-in with the council's identity provider (OpenID Connect), or null when it is not
 * configured. Read on each call so a unit test can switch it on and off.
 */
const warned = new Set<string>();
function warnOnce(message: string) {
	if (!warned.has(message)) {
		warned.add(message);
		console.warn(message);
	}
}

export function oidcSettings() {
	const issuer = readEnv('OIDC_ISSUER');
	const clientId = readEnv('OIDC_CLIENT_ID');
	if (!issuer || !clientId) {
		return null;
	}
	// A mistyped issuer turns council sign-in off (said once in the log) rather than break the
	// sign-in page, which care leavers use too.
	if (!URL.canParse(issuer)) {
		warnOnce(`OIDC_ISSUER is not a web address, so council sign-in is off: ${issuer}`);
		return null;
	}
	return {
		issuer,
		clientId,
		clientSecret: readEnv('OIDC_CLIENT_SECRET') || undefined,
		buttonText: readEnv('OIDC_NAME') || 'Sign in with your work account'
	};
}

/**
 * Whether staff may sign in with a username and password. Only switched off with the identity
 * provider configured (STAFF_PASSWORDS=0), so nobody is ever left without a way in. Care
 * leavers always keep their password: they have no council account.
 */
export function staffPasswordsAllowed() {
	return oidcSettings() === null || readEnv('STAFF_PASSWORDS') !== '0';
}
