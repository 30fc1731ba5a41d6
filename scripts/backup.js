#!/usr/bin/env node
// `npm run backup -- FILE`: a consistent copy of the database, safe while the app serves traffic.
// SQLite's online backup API copies the pages inside one read transaction (WAL mode: the app
// keeps writing meanwhile), into FILE.partial; the copy is checked, then renamed to FILE, so a
// FILE that exists is always a whole backup. See README "Backups".
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
	DATABASE_PATH,
	describeCounts,
	runScript,
	UserError,
	verifyLocalOfferDatabase
} from './database-files.js';

await runScript(async () => {
	const args = process.argv.slice(2);
	if (args.length !== 1 || args[0].startsWith('-')) {
		throw new UserError(
			'Usage: npm run backup -- FILE   (for example backups/local-offer-2026-11-24.db)'
		);
	}
	const target = resolve(args[0]);
	if (target === DATABASE_PATH) {
		throw new UserError('The backup must go to a different file from the database itself.');
	}
	if (!existsSync(DATABASE_PATH)) {
		throw new UserError(
			`There is no database at ${DATABASE_PATH}. Set DATABASE_PATH to the app's database.`
		);
	}
	if (!existsSync(dirname(target)) || !statSync(dirname(target)).isDirectory()) {
		throw new UserError(`The folder ${dirname(target)} does not exist.`);
	}

	const partial = `${target}.partial`;
	rmSync(partial, { force: true });
	const source = new Database(DATABASE_PATH, { readonly: true, fileMustExist: true });
	try {
		// Wait for a moment of write lock (a checkpoint) rather than failing at once.
		source.pragma('busy_timeout = 10000');
		await source.backup(partial, {
			// Everything in one step, so one read transaction sees one moment of the database and
			// the app's writes between steps can never make the copy start over and over.
			progress: () => 0x7fffffff
		});
	} catch (error) {
		rmSync(partial, { force: true });
		throw new UserError(`The backup failed: ${error.message}`);
	} finally {
		source.close();
	}

	// One self-contained file (no -wal beside it), checked before it takes the name FILE.
	const copy = new Database(partial);
	copy.pragma('journal_mode = DELETE');
	copy.close();
	try {
		const counts = verifyLocalOfferDatabase(partial);
		renameSync(partial, target);
		console.log(`Backed up ${DATABASE_PATH} to ${target} (${describeCounts(counts)}).`);
	} catch (error) {
		rmSync(partial, { force: true });
		throw error;
	}
});
