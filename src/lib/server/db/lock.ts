import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The app's process id, written beside the database while the app runs (`local-offer.db.pid`).
 * `npm run restore` reads it to refuse replacing the database of a running app. A crash leaves
 * the file behind; the restore script then finds the process gone and carries on.
 */
export function databasePidFile(databasePath: string) {
	return `${resolve(databasePath)}.pid`;
}

/** Writes the pid file now and removes it when the process exits (not after a SIGKILL). */
export function announceDatabaseOwner(databasePath: string) {
	const file = databasePidFile(databasePath);
	const pid = String(process.pid);
	writeFileSync(file, `${pid}\n`);
	process.once('exit', () => {
		try {
			// Only our own: a second app started on the same file has written its pid over ours.
			if (readFileSync(file, 'utf8').trim() === pid) {
				unlinkSync(file);
			}
		} catch {
			// Already gone.
		}
	});
}
