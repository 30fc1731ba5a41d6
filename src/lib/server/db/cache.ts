import type { Statement } from 'better-sqlite3';
import type { Database } from './connection';

type Cache = { version: string; values: Map<string, unknown>; probe: Statement };

const caches = new WeakMap<Database, Cache>();

/**
 * `compute()` once, then the same value until anything in the database changes: a write through
 * this connection (SQLite's total_changes) or a commit by another process (data_version: a script,
 * a restore). Checking costs one tiny query, instead of the queries, row mapping and Markdown
 * rendering every public page otherwise repeats for content that changes a few times a week.
 * Any write invalidates everything, so no code that changes content has to remember to say so.
 *
 * Cached values are shared between requests: callers must not change them. `undefined` is never
 * cached, so made-up keys (unknown slugs) cannot fill memory. Inside a transaction nothing is
 * cached (it might be rolled back).
 */
export function cachedUntilWrite<T>(db: Database, key: string, compute: () => T): T {
	const client = db.$client;
	if (client.inTransaction) {
		return compute();
	}
	let cache = caches.get(db);
	if (!cache) {
		cache = {
			version: '',
			values: new Map(),
			probe: client.prepare(
				'SELECT total_changes() AS changes, data_version AS version FROM pragma_data_version'
			)
		};
		caches.set(db, cache);
	}
	const { changes, version } = cache.probe.get() as { changes: number; version: number };
	const current = `${changes}:${version}`;
	if (current !== cache.version) {
		cache.values.clear();
		cache.version = current;
	}
	if (cache.values.has(key)) {
		return cache.values.get(key) as T;
	}
	const value = compute();
	if (value !== undefined) {
		cache.values.set(key, value);
	}
	return value;
}
