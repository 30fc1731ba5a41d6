import type { Database } from './connection';
import { contentVersion } from './content-version';

type Cache = { version: string; values: Map<string, unknown> };

const caches = new WeakMap<Database, Cache>();

/**
 * `compute()` once, then the same value until the content changes: a write to a content table
 * through this connection, or a commit by another process (a script, a restore); see
 * content-version.ts. Checking costs one tiny query, instead of the queries, row mapping and
 * Markdown rendering every public page otherwise repeats for content that changes a few times a
 * week. Any content write invalidates everything, so no code that changes content has to say so;
 * usage events, sign-ins and requests do not count, or the cache would empty every few seconds.
 *
 * Cached values are shared between requests: callers must not change them. `undefined` is never
 * cached, so made-up keys (unknown slugs) cannot fill memory. Inside a transaction nothing is
 * cached (it might be rolled back).
 */
export function cachedUntilWrite<T>(db: Database, key: string, compute: () => T): T {
	const client = db.$client;
	const current = contentVersion(client);
	if (client.inTransaction || current === null) {
		return compute();
	}
	let cache = caches.get(db);
	if (!cache) {
		cache = { version: current, values: new Map() };
		caches.set(db, cache);
	}
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
