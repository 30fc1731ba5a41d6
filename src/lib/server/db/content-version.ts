import type Sqlite from 'better-sqlite3';

/**
 * Tables whose rows never show on a public page: people's accounts, sessions, requests, usage
 * events, feedback and keeping in touch. They change all day (every usage batch, every sign-in), and counting their
 * writes as "the content changed" would empty the page caches every few seconds. Every other
 * table counts, including ones added later, so nobody has to remember to add new content here.
 */
const NOT_CONTENT = new Set([
	'__drizzle_migrations',
	'user',
	'session',
	'invite',
	'throttle_failure',
	'audit_event',
	'support_request',
	'request_message',
	'saved_reply',
	'push_subscription',
	'analytics_event',
	'analytics_rollup',
	'analytics_search_daily',
	'analytics_cursor',
	'offer_feedback',
	'general_feedback',
	'check_in',
	'contact_log',
	'team_news'
]);

const counters = new WeakMap<Sqlite.Database, { changes: number; probe: Sqlite.Statement }>();

/**
 * Counts writes to content tables on this connection with temporary triggers (they live only in
 * this connection, not in the database file). Run once after the migrations.
 */
export function watchContentChanges(client: Sqlite.Database) {
	const counter = {
		changes: 0,
		// data_version moves when another process (a script, a restore) commits.
		probe: client.prepare('SELECT data_version AS version FROM pragma_data_version')
	};
	counters.set(client, counter);
	client.function('local_offer_content_changed', { deterministic: false }, () => {
		counter.changes += 1;
		return null;
	});
	const tables = client
		.prepare(
			"SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
		)
		.all() as { name: string; sql: string }[];
	// Full-text indexes (and their shadow tables) follow their own table's triggers.
	const virtual = tables.filter((table) => /^CREATE VIRTUAL/i.test(table.sql)).map((t) => t.name);
	const watched = tables
		.map((table) => table.name)
		.filter(
			(name) =>
				!NOT_CONTENT.has(name) && !virtual.some((v) => name === v || name.startsWith(`${v}_`))
		);
	for (const table of watched) {
		for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
			client.exec(
				`CREATE TEMP TRIGGER IF NOT EXISTS "content_${table}_${event.toLowerCase()}" AFTER ${event} ON main."${table}" BEGIN SELECT local_offer_content_changed(); END`
			);
		}
	}
}

/**
 * A value that changes whenever content may have changed: a write to a content table through
 * this connection, or any commit by another process. Null when the connection is not watched.
 */
export function contentVersion(client: Sqlite.Database): string | null {
	const counter = counters.get(client);
	if (!counter) {
		return null;
	}
	const { version } = counter.probe.get() as { version: number };
	return `${counter.changes}:${version}`;
}
