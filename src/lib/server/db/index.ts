import { building } from '$app/environment';
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
