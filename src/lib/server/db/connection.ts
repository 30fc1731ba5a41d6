import Sqlite from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

export type Database = BetterSQLite3Database<typeof schema> & { $client: Sqlite.Database };
/** The database or a transaction on it: what a function that only writes needs. */
export type Executor = BaseSQLiteDatabase<'sync', Sqlite.RunResult, typeof schema>;

/** Where drizzle-kit writes migrations; the app runs from the project folder. */
export const MIGRATIONS_FOLDER = resolve(process.env.MIGRATIONS_PATH ?? 'drizzle');

/**
 * Opens (creating if needed) the SQLite database and brings its schema up to date.
 * WAL lets readers carry on while the one writer commits; the busy timeout covers
 * the rare moment another process (a backup, a script) holds the write lock.
 */
export function openDatabase(path: string): Database {
	if (path !== ':memory:') {
		mkdirSync(dirname(resolve(path)), { recursive: true });
	}
	const client = new Sqlite(path);
	client.pragma('journal_mode = WAL');
	client.pragma('synchronous = NORMAL');
	client.pragma('foreign_keys = ON');
	client.pragma('busy_timeout = 5000');
	const db = drizzle({ client, schema });
	migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
	return db;
}
