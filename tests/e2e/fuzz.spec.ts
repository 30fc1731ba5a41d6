import {
	expect,
	request as playwrightRequest,
	test,
	type APIRequestContext
} from '@playwright/test';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { DEMO_PASSWORD, queryDatabase } from './helpers';
import { startAppServer, type AppServer } from './server';

/**
 * Hostile input: random and nasty values at every form action and every endpoint in src/routes
 * (found by reading the folder, so a new one is fuzzed from the day it is added), as each kind of
 * visitor. Nothing may answer 500, no answer may show a stack trace or a file path, and a refused
 * request may store nothing.
 *
 * The spec starts a server of its own, on its own database, so the row counts it compares cannot
 * be moved by other specs running at the same time.
 *
 * Reproduce a failure with the seed it prints: FUZZ_SEED=1234 npx playwright test fuzz.spec.ts.
 * FUZZ_RUNS sets the runs per route and role (default 6).
 */

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const DATABASE = '.e2e/fuzz/local-offer.db';
const ROLES = ['anonymous', 'demo-leaver', 'demo-adviser', 'demo-lead'] as const;

type Target = {
	/** Route id, e.g. /requests/[id]. */
	route: string;
	method: string;
	/** Action name for form actions ('default' posts to the page itself). */
	action?: string;
	kind: 'action' | 'endpoint';
	/** Field names the route's own forms use: the fuzz fills these as well as random ones. */
	fields: string[];
};

/**
 * Actions that end the very session the fuzz is using (their refusals are covered by the
 * authorisation matrix and accounts.spec.ts); fuzzing them would sign the role out mid-run.
 */
const ENDS_OWN_SESSION = new Set(['/logout?/default', '/account?/signOutEverywhere']);

function discoverTargets(): Target[] {
	const targets: Target[] = [];
	const walk = (dir: string) => {
		const names = readdirSync(dir);
		const fields = new Set<string>();
		for (const name of names.filter((n) => n.endsWith('.svelte'))) {
			for (const match of readFileSync(join(dir, name), 'utf8').matchAll(/name="(\w+)"/g)) {
				fields.add(match[1]);
			}
		}
		const route =
			'/' +
			relative('src/routes', dir)
				.split('/')
				.filter((part) => part && !part.startsWith('('))
				.join('/');
		for (const name of names) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) {
				walk(path);
				continue;
			}
			const source = readFileSync(path, 'utf8');
			if (/^\+page\.server\.(ts|js)$/.test(name) && /export const actions\b/.test(source)) {
				const block = /export const actions = \{([\s\S]*?)\n\}( satisfies Actions)?;/.exec(source);
				const actions = [...(block?.[1].matchAll(/^\t(\w+):/gm) ?? [])].map((m) => m[1]);
				if (actions.length === 0) {
					throw new Error(`Could not read the actions of ${path}: teach fuzz.spec.ts its shape`);
				}
				for (const action of actions) {
					if (!ENDS_OWN_SESSION.has(`${route}?/${action}`)) {
						targets.push({ route, method: 'POST', action, kind: 'action', fields: [...fields] });
					}
				}
			}
			if (/^\+server\.(ts|js)$/.test(name)) {
				for (const match of source.matchAll(
					/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g
				)) {
					targets.push({ route, method: match[1], kind: 'endpoint', fields: [...fields] });
				}
			}
		}
	};
	walk('src/routes');
	return targets;
}

/** Fields the JSON endpoints read (their schemas are not in .svelte files). */
const JSON_FIELDS = [
	'visitor',
	'events',
	'type',
	'offer',
	'path',
	'at',
	'q',
	'results',
	'topic',
	'message',
	'contactBy',
	'contactDetail',
	'contactWhen',
	'urgent',
	'idempotencyKey',
	'endpoint',
	'keys',
	'p256dh',
	'auth'
];

const NASTY = [
	'',
	' ',
	"' OR '1'='1' --",
	"'); DROP TABLE user; --",
	'1; DELETE FROM support_request',
	'" UNION SELECT password_hash FROM user --',
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	'javascript:alert(1)',
	'{{7*7}}${7*7}<%= 7*7 %>',
	'../../../../etc/passwd',
	'%00%2e%2e%2f',
	'\u0000',
	'\u0000\u0001\u0002\u001b[31m\u007f',
	'\r\n\r\nSet-Cookie: x=1',
	'\ud800',
	'\udfff\ud800',
	'\ufeff\u200b\u202e',
	'👩🏽‍🚀'.repeat(50),
	'-1',
	'0',
	'1e309',
	'NaN',
	'Infinity',
	'9'.repeat(40),
	'0x7fffffffffffffff',
	'true',
	'null',
	'undefined',
	'[]',
	'{}',
	'__proto__',
	'constructor',
	'2026-02-30',
	'25:61',
	'a'.repeat(70_000)
];

const nastyString = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...NASTY) },
	{ weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
	{ weight: 1, arbitrary: fc.integer().map(String) },
	{ weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((n) => 'x'.repeat(n)) }
);

const jsonScalar = fc.oneof(
	nastyString,
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null)
);
const jsonValue = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		jsonScalar,
		fc.array(tie('value'), { maxLength: 5 }),
		fc.dictionary(fc.oneof(fc.constantFrom(...JSON_FIELDS), fc.string()), tie('value'), {
			maxKeys: 5
		})
	)
})).value;

type Body =
	| { kind: 'none' }
	| { kind: 'urlencoded'; entries: [string, string][] }
	| { kind: 'multipart'; fields: Record<string, string>; file: boolean }
	| { kind: 'json'; value: unknown }
	| { kind: 'raw'; bytes: Uint8Array; contentType: string | null };

function bodyFor(target: Target): fc.Arbitrary<Body> {
	const names = [...target.fields, ...JSON_FIELDS];
	const fieldName = fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom(...names) },
		{ weight: 1, arbitrary: fc.string({ maxLength: 20 }) }
	);
	// Repeated keys allowed: the same field twice with different values.
	const entries = fc.array(fc.tuple(fieldName, nastyString), { maxLength: 12 });
	return fc.oneof(
		fc.constant<Body>({ kind: 'none' }),
		entries.map((e): Body => ({ kind: 'urlencoded', entries: e })),
		fc
			.tuple(fc.dictionary(fieldName, nastyString, { maxKeys: 8 }), fc.boolean())
			.map(([fields, file]): Body => ({ kind: 'multipart', fields, file })),
		fc
			.oneof(fc.dictionary(fc.constantFrom(...names), jsonValue, { maxKeys: 10 }), jsonValue)
			.map((value): Body => ({ kind: 'json', value })),
		fc
			.tuple(
				// Broken UTF-8 (lone continuation bytes, overlong forms, truncated sequences) and noise.
				fc.oneof(
					fc.uint8Array({ maxLength: 300 }),
					fc.constantFrom(
						Uint8Array.from([0xff, 0xfe, 0xfd]),
						Uint8Array.from([0xc0, 0xaf, 0x3d, 0xe2, 0x82]),
						Uint8Array.from([0x6d, 0x65, 0x73, 0x73, 0x61, 0x67, 0x65, 0x3d, 0xed, 0xa0, 0x80]),
						new TextEncoder().encode('{"topic": "money", "message": "unterminated')
					)
				),
				fc.constantFrom(
					null,
					'application/x-www-form-urlencoded',
					'application/json',
					'multipart/form-data',
					'multipart/form-data; boundary=x',
					'text/plain',
					'application/xml',
					'application/json; charset=utf-16'
				)
			)
			.map(([bytes, contentType]): Body => ({ kind: 'raw', bytes, contentType }))
	);
}

/** A value for a [param] in the path: one that exists, or something nasty. */
function paramValue(real: string[]) {
	return fc.oneof(
		{ weight: 2, arbitrary: fc.constantFrom(...real) },
		{
			weight: 3,
			arbitrary: fc.oneof(
				fc.constantFrom('0', '-1', '1.5', '99999999999999999999', 'abc', '%00', '..', 'x.csv'),
				fc.string({ minLength: 1, maxLength: 30 })
			)
		}
	);
}

const LEAKS: [string, RegExp][] = [
	['a stack frame', /\bat [^\n<]{0,200}\((?:file:\/\/)?\/[^\n)]*:\d+:\d+\)/],
	['a file path', /(?:\/work\/|\/home\/|node_modules|\.svelte-kit|\/src\/(?:lib|routes)\/)/],
	[
		'an error class',
		/\b(?:SqliteError|SQLITE_[A-Z]+|TypeError|ReferenceError|RangeError|SyntaxError: |ZodError)\b/
	]
];

/**
 * Row counts of every table a refused request must not touch (sign-in bookkeeping and the usage
 * roll-ups may change on any request), in one query on one read-only connection.
 */
function rowCounter(): () => Record<string, number> {
	const db = new Database(DATABASE, { readonly: true, fileMustExist: true });
	const tables = db
		.prepare(
			`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
			 AND name NOT LIKE '\\_\\_%' ESCAPE '\\'
			 AND name NOT IN ('session', 'throttle_failure', 'audit_event', 'analytics_rollup',
			   'analytics_search_daily', 'analytics_cursor')`
		)
		.all()
		.map((row) => (row as { name: string }).name);
	const count = db.prepare(
		tables
			.map((table) => `SELECT '${table}' AS name, count(*) AS n FROM "${table}"`)
			.join(' UNION ALL ')
	);
	return () =>
		Object.fromEntries((count.all() as { name: string; n: number }[]).map((r) => [r.name, r.n]));
}

test.describe('hostile input', () => {
	test.describe.configure({ mode: 'serial', timeout: 180_000 });
	let server: AppServer | undefined;
	let origin: string;
	const contexts = new Map<(typeof ROLES)[number], APIRequestContext>();
	const realIds: Record<string, string[]> = {};
	let countRows: () => Record<string, number>;
	const targets = discoverTargets();

	test.beforeAll(async () => {
		test.setTimeout(120_000);
		rmSync('.e2e/fuzz', { recursive: true, force: true });
		server = await startAppServer(['--no-build'], {
			DATABASE_PATH: DATABASE,
			DEMO: '1',
			ADDRESS_HEADER: 'x-forwarded-for'
		});
		origin = server.origin;
		for (const role of ROLES) {
			const context = await playwrightRequest.newContext({
				baseURL: origin,
				// Like a browser: same-site, and form actions answer as to a form (not SvelteKit's JSON).
				extraHTTPHeaders: {
					origin,
					accept: 'text/html',
					'x-forwarded-for': `10.99.0.${role.length}`
				}
			});
			if (role !== 'anonymous') {
				const response = await context.post('/login', {
					form: { username: role, password: DEMO_PASSWORD },
					maxRedirects: 0
				});
				expect(response.status(), `sign in as ${role}`).toBe(303);
			}
			contexts.set(role, context);
		}
		const ids = (sql: string) =>
			queryDatabase<{ v: string | number }>(DATABASE, sql).map((r) => String(r.v));
		realIds.id = [
			...ids('SELECT id AS v FROM support_request ORDER BY id LIMIT 3'),
			...ids("SELECT id AS v FROM user WHERE role = 'leaver' LIMIT 2")
		];
		realIds.slug = ids('SELECT slug AS v FROM offer LIMIT 3');
		realIds.file = ['offers.csv', 'weekly.csv', 'requests.csv'];
		realIds.language = ['ar', 'sq'];
		realIds.kind = ['offer', 'category', 'welcome'];
		realIds.subject = ['welcome', 'money', ...ids('SELECT id AS v FROM offer LIMIT 1')];
		countRows = rowCounter();
	});

	test.afterAll(async () => {
		await Promise.all([...contexts.values()].map((context) => context.dispose()));
		await server?.stop();
	});

	test('found the routes to fuzz', () => {
		expect(targets.filter((t) => t.kind === 'action').length).toBeGreaterThan(20);
		expect(targets.filter((t) => t.kind === 'endpoint').length).toBeGreaterThan(8);
	});

	for (const role of ROLES) {
		test(`nothing breaks, leaks or is stored when refused, as ${role}`, async () => {
			test.info().annotations.push({ type: 'fuzz seed', description: String(SEED) });
			const context = contexts.get(role)!;
			for (const [index, target] of targets.entries()) {
				const params = [...target.route.matchAll(/\[(\w+)\]/g)].map((m) => m[1]);
				const arbitrary = fc.record({
					params: fc.tuple(...params.map((name) => paramValue(realIds[name] ?? ['1']))),
					body: bodyFor(target),
					query: fc.dictionary(
						fc.constantFrom(
							'q',
							'category',
							'age',
							'from',
							'to',
							'offer',
							'redirectTo',
							'sort',
							'x'
						),
						nastyString.filter((s) => s.length < 2000),
						{ maxKeys: 3 }
					)
				});
				const run = fc.assert(
					fc.asyncProperty(arbitrary, async ({ params: values, body, query }) => {
						let path = target.route;
						params.forEach((name, i) => {
							path = path.replace(`[${name}]`, encodeURIComponent(values[i]));
						});
						const search = new URLSearchParams(query).toString();
						const url =
							target.kind === 'action' && target.action !== 'default'
								? `${path}?/${target.action}${search ? `&${search}` : ''}`
								: `${path}${search ? `?${search}` : ''}`;
						const before = target.method === 'GET' ? null : countRows();
						if (process.env.FUZZ_DEBUG) {
							console.log('FUZZ', target.method, url.slice(0, 120), summarise(body).slice(0, 200));
						}
						const response = await send(context, target.method, url, body);
						const status = response.status();
						const text = await response.text();
						const where = `${target.method} ${url.slice(0, 200)} as ${role} (${summarise(body)})`;
						expect(status, `${where}: answered ${status}`).toBeLessThan(500);
						for (const [what, pattern] of LEAKS) {
							expect(text, `${where}: the answer shows ${what}`).not.toMatch(pattern);
						}
						const location = response.headers()['location'] ?? '';
						const refused = status >= 400 || /^\/login\b/.test(location);
						if (before && refused) {
							expect(countRows(), `${where}: refused with ${status} but stored`).toEqual(before);
						}
					}),
					{ seed: SEED + index, numRuns: RUNS, endOnFailure: true }
				);
				await run.catch((error: Error) => {
					error.message = `Reproduce with FUZZ_SEED=${SEED}.\n${error.message}`;
					throw error;
				});
			}
		});
	}
});

async function send(context: APIRequestContext, method: string, url: string, body: Body) {
	const options = { method, maxRedirects: 0, failOnStatusCode: false, timeout: 30_000 };
	if (method === 'GET') {
		return context.fetch(url, options);
	}
	switch (body.kind) {
		case 'none':
			return context.fetch(url, options);
		case 'urlencoded':
			return context.fetch(url, {
				...options,
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				data: new URLSearchParams(body.entries).toString()
			});
		case 'multipart':
			return context.fetch(url, {
				...options,
				multipart: {
					...body.fields,
					...(body.file
						? {
								upload: {
									name: 'x.exe',
									mimeType: 'application/octet-stream',
									buffer: Buffer.from([0, 1, 2, 0xff])
								}
							}
						: {})
				}
			});
		case 'json':
			return context.fetch(url, {
				...options,
				headers: { 'content-type': 'application/json' },
				data: JSON.stringify(body.value) ?? 'null'
			});
		case 'raw':
			return context.fetch(url, {
				...options,
				headers: body.contentType ? { 'content-type': body.contentType } : {},
				data: Buffer.from(body.bytes)
			});
	}
}

function summarise(body: Body) {
	const text = JSON.stringify(body, (_key, value: unknown) =>
		typeof value === 'string' && value.length > 60
			? `${value.slice(0, 20)}…(${value.length})`
			: value
	);
	return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
