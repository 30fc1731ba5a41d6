import { building } from '$app/environment';
import { sql } from 'drizzle-orm';
import { DATABASE_PATH } from '../config';
import { openDatabase, type Database } from './connection';
import { announceDatabaseOwner } from './lock';

export type { Database } from './connection';

// The build analyses server modules without running the app: open nothing then.
export const db: Database = building
	? (undefined as unknown as Database)
	: openDatabase(DATABASE_PATH);

if (!building) {
	announceDatabaseOwner(DATABASE_PATH);
}

/** Whether the database answers (for /healthz). */
export function isDatabaseAnswering(database: Database = db) {
	try {
		database.get(sql`SELECT 1`);
		return true;
	} catch (error) {
		console.error('Health check failed', error);
		return false;
	}
}
