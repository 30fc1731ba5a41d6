#!/usr/bin/env node
// `npm run restore -- FILE [--force]`: puts a backup made by `npm run backup` back in place of
// the database. It checks FILE first (integrity, Local Offer tables), refuses while the app runs
// on the database (its pid file, see src/lib/server/db/lock.ts) unless --force, and moves the
// current database and its -wal/-shm aside rather than deleting them: a stale -wal left beside
// (or -journal) left beside the restored file would be replayed into it by SQLite. See README "Backups".
import { copyFileSync, existsSync, openSync, fsyncSync, closeSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
	DATABASE_PATH,
	describeCounts,
	runningAppPid,
	runScript,
	UserError,
	verifyLocalOfferDatabase
} from './database-files.js';

await runScript(async () => {
	const args = process.argv.slice(2);
	const force = args.includes('--force');
	const files = args.filter((arg) => arg !== '--force');
	if (files.length !== 1 || files[0].startsWith('-')) {
		throw new UserError('Usage: npm run restore -- FILE [--force]');
	}
	const backup = resolve(files[0]);
	if (backup === DATABASE_PATH) {
		throw new UserError('That is the database itself; give the backup file to restore from.');
	}

	const counts = verifyLocalOfferDatabase(backup);

	const pid = runningAppPid();
	if (pid !== null && !force) {
		throw new UserError(
			`The app is running on ${DATABASE_PATH} (process ${pid}). Stop it first, then restore.\n` +
				'(With --force the restore goes ahead anyway; the running app keeps the old database open until you restart it, and what it writes meanwhile is lost.)'
		);
	}

	// Copy first under a temporary name and flush it, so a failure here leaves the database alone.
	const incoming = `${DATABASE_PATH}.restoring`;
	copyFileSync(backup, incoming);
	const fd = openSync(incoming, 'r+');
	fsyncSync(fd);
	closeSync(fd);

	const stamp = new Date().toISOString().replaceAll(/[:.]/g, '-');
	const keptAs = `${DATABASE_PATH}.before-restore-${stamp}`;
	let kept = false;
	for (const suffix of ['', '-wal', '-shm', '-journal']) {
		if (existsSync(`${DATABASE_PATH}${suffix}`)) {
			renameSync(`${DATABASE_PATH}${suffix}`, `${keptAs}${suffix}`);
			kept = true;
		}
	}
	renameSync(incoming, DATABASE_PATH);
	const dir = openSync(dirname(DATABASE_PATH), 'r');
	fsyncSync(dir);
	closeSync(dir);

	verifyLocalOfferDatabase(DATABASE_PATH);
	console.log(`Restored ${backup} to ${DATABASE_PATH} (${describeCounts(counts)}).`);
	if (kept) {
		console.log(`The database it replaced was kept as ${keptAs} (delete it when you are sure).`);
	}
	if (pid !== null) {
		console.log(`Restart the app now (process ${pid} still has the old database open).`);
	}
});
