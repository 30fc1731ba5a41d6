// Shared by `npm run backup` and `npm run restore`: where the database is, whether the app is
// running on it, and whether a file is a sound Local Offer database.
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const DATABASE_PATH = resolve(process.env.DATABASE_PATH || 'data/local-offer.db');

/** Tables every Local Offer database has had since its first migrations. */
const EXPECTED_TABLES = [
	'__drizzle_migrations',
	'setting',
	'category',
	'offer',
	'user',
	'session',
	'invite',
	'support_request',
	'request_message',
	'analytics_event',
	'analytics_rollup'
];

/** An expected failure: printed as one friendly sentence, never as a stack trace. */
export class UserError extends Error {}

/**
 * The running app's pid, or null. The app writes `DATABASE.pid` when it opens the database and
 * removes it when it exits (src/lib/server/db/lock.ts). After a crash the file stays: the pid is
 * then dead, or (rarely, once reused) belongs to a process that is not Node.
 */
export function runningAppPid(databasePath = DATABASE_PATH) {
	const pidFile = `${databasePath}.pid`;
	if (!existsSync(pidFile)) {
		return null;
	}
	const pid = Number(readFileSync(pidFile, 'utf8').trim());
	if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) {
		return null;
	}
	try {
		process.kill(pid, 0);
	} catch (error) {
		// EPERM: it exists but belongs to another user, so it is running.
		if (error.code !== 'EPERM') {
			return null;
		}
	}
	const cmdline = `/proc/${pid}/cmdline`;
	if (existsSync(cmdline) && !/node/.test(readFileSync(cmdline, 'utf8'))) {
		return null;
	}
	return pid;
}

/** How many migrations this copy of the app knows (drizzle/*.sql). */
function knownMigrations() {
	const folder = resolve(process.env.MIGRATIONS_PATH ?? 'drizzle');
	return existsSync(folder)
		? readdirSync(folder).filter((name) => name.endsWith('.sql')).length
		: 0;
}

/**
 * Opens `file` read-only and checks it is a whole, sound Local Offer database. Returns a few
 * counts to show. Throws UserError with the reason otherwise.
 */
export function verifyLocalOfferDatabase(file) {
	if (!existsSync(file)) {
		throw new UserError(`There is no file at ${file}.`);
	}
	let db;
	try {
		db = new Database(file, { readonly: true, fileMustExist: true });
		const integrity = db.pragma('integrity_check', { simple: true });
		if (integrity !== 'ok') {
			throw new UserError(`${file} is damaged (SQLite integrity check: ${integrity}).`);
		}
		const tables = new Set(
			db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()
		);
		const missing = EXPECTED_TABLES.filter((table) => !tables.has(table));
		if (missing.length > 0) {
			throw new UserError(
				`${file} is a SQLite database but not a Local Offer one (no ${missing.join(', ')} table).`
			);
		}
		const migrations = db.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
		const known = knownMigrations();
		if (known > 0 && migrations > known) {
			throw new UserError(
				`${file} comes from a newer version of the app (${migrations} migrations; this one knows ${known}). Update the app first.`
			);
		}
		const count = (table) => db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get();
		return {
			offers: count('offer'),
			users: count('user'),
			requests: count('support_request'),
			messages: count('request_message'),
			events: count('analytics_event')
		};
	} catch (error) {
		if (error instanceof UserError) {
			throw error;
		}
		if (error?.code === 'SQLITE_NOTADB' || error?.code === 'SQLITE_CORRUPT') {
			throw new UserError(`${file} is not a SQLite database (or is badly damaged).`);
		}
		throw error;
	} finally {
		db?.close();
	}
}

export function describeCounts(counts) {
	return `${counts.offers} offers, ${counts.users} accounts, ${counts.requests} requests, ${counts.messages} messages, ${counts.events} raw usage events`;
}

/** Runs `main`; expected failures print their sentence and exit 1, anything else its trace. */
export async function runScript(main) {
	try {
		await main();
	} catch (error) {
		if (error instanceof UserError) {
			console.error(error.message);
			process.exit(1);
		}
		console.error('Something unexpected went wrong:', error);
		process.exit(1);
	}
}
