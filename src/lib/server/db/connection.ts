import Sqlite from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MIGRATIONS_FOLDER } from '../config';
import { watchContentChanges } from './content-version';
import * as schema from './schema';

export type Database = BetterSQLite3Database<typeof schema> & { $client: Sqlite.Database };
/** The database or a transaction on it: what a function that only writes needs. */
export type Executor = BaseSQLiteDatabase<'sync', Sqlite.RunResult, typeof schema>;

/**
 * Opens (creating if needed) the SQLite database and brings its schema up to date.
 * WAL lets readers carry on while the one writer commits (and `npm run backup` copy it online);
 * the busy timeout covers the rare moment another process (a script) holds the write lock.
 */
export function openDatabase(path: string): Database {
	if (path !== ':memory:') {
		mkdirSync(dirname(resolve(path)), { recursive: true });
	}
	const client = new Sqlite(path);
	client.pragma('journal_mode = WAL');
	// FULL: every commit is on disk before the answer goes out. With NORMAL, WAL mode survives a
	// crash of the app but may lose the last commits on a power cut or a crash of the machine,
	// after the young person was told their request was sent.
	client.pragma('synchronous = FULL');
	client.pragma('foreign_keys = ON');
	client.pragma('busy_timeout = 5000');
	const db = drizzle({ client, schema });
	migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
	watchContentChanges(client);
	return db;
}

/**
 * Runs `write` with synchronous = NORMAL: committed and safe from a crash of the app, but the
 * last commits may be lost on a power cut. Only for data whose loss harms nobody (usage events:
 * an fsync per batch would cap ingest at the disk's fsync rate, about 120 a second here).
 */
export function withRelaxedDurability<T>(db: Database, write: () => T): T {
	const previous = db.$client.pragma('synchronous', { simple: true }) as number;
	db.$client.pragma('synchronous = NORMAL');
	try {
		return write();
	} finally {
		db.$client.pragma(`synchronous = ${previous}`);
	}
}
