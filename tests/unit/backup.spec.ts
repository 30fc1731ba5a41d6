import Sqlite from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '$lib/server/db/connection';

// `npm run backup` and `npm run restore` as an operator runs them: separate processes, against a
// database another process is writing to.

let dir: string;
let live: string;
let writer: ChildProcess | undefined;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'local-offer-backup-'));
	live = join(dir, 'local-offer.db');
	// The real schema, plus 5 MB of filler so a backup takes long enough for writes to land.
	const db = openDatabase(live);
	db.$client.transaction(() => {
		const insert = db.$client.prepare(
			"INSERT INTO general_feedback (name, message, created_at) VALUES ('filler', ?, 0)"
		);
		for (let i = 0; i < 500; i += 1) {
			insert.run('x'.repeat(10_000));
		}
	})();
	db.$client.close();
});

afterEach(() => {
	writer?.kill('SIGKILL');
	writer = undefined;
	rmSync(dir, { recursive: true, force: true });
});

function run(script: 'backup' | 'restore', ...args: string[]) {
	const result = spawnSync(process.execPath, [`scripts/${script}.js`, ...args], {
		env: { ...process.env, DATABASE_PATH: live },
		encoding: 'utf8',
		timeout: 60_000
	});
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Numbered rows written one commit at a time, as fast as SQLite allows, until killed. */
function startWriter() {
	const script = `
		const db = new (require('better-sqlite3'))(process.argv[1]);
		db.pragma('busy_timeout = 5000');
		// Leave every commit in the -wal, as an app killed mid-stream would.
		db.pragma('wal_autocheckpoint = 0');
		const insert = db.prepare("INSERT INTO general_feedback (name, message, created_at) VALUES ('stream', ?, 0)");
		for (let n = 1; ; n += 1) insert.run(String(n));
	`;
	writer = spawn(process.execPath, ['-e', script, live], { stdio: 'ignore' });
}

function streamed(path: string): number[] {
	const db = new Sqlite(path, { readonly: true });
	try {
		return db
			.prepare(
				"SELECT CAST(message AS INTEGER) FROM general_feedback WHERE name = 'stream' ORDER BY id"
			)
			.pluck()
			.all() as number[];
	} finally {
		db.close();
	}
}

function integrity(path: string) {
	const db = new Sqlite(path, { readonly: true });
	try {
		return db.pragma('integrity_check', { simple: true });
	} finally {
		db.close();
	}
}

async function waitForRows(path: string, atLeast: number) {
	for (let tries = 0; tries < 200; tries += 1) {
		const rows = streamed(path);
		if (rows.length >= atLeast) {
			return rows.length;
		}
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	throw new Error('The writer never wrote');
}

describe('npm run backup and npm run restore', { timeout: 30_000 }, () => {
	it('copy a consistent moment while writes stream in, and restore exactly it', async () => {
		startWriter();
		const before = await waitForRows(live, 200);
		const file = join(dir, 'backup.db');
		const backup = run('backup', file);
		expect(backup.output).toContain('Backed up');
		expect(backup.status).toBe(0);
		const after = await waitForRows(live, before + 1);

		// A snapshot: every row committed before it started, then an unbroken run, no torn rows.
		const copied = streamed(file);
		expect(copied.length).toBeGreaterThanOrEqual(before);
		expect(copied).toEqual(copied.map((_, i) => i + 1));
		expect(after).toBeGreaterThan(before);
		expect(integrity(file)).toBe('ok');
		expect(existsSync(`${file}-wal`)).toBe(false);
		expect(existsSync(`${file}.partial`)).toBe(false);

		// The writer dies mid-stream, leaving a -wal full of later commits beside the database.
		writer!.kill('SIGKILL');
		await new Promise((resolve) => writer!.once('exit', resolve));
		expect(readFileSync(`${live}-wal`).length).toBeGreaterThan(0);
		expect(streamed(live).length).toBeGreaterThan(copied.length);

		const restore = run('restore', file);
		expect(restore.output).toContain('Restored');
		expect(restore.status).toBe(0);
		// Exactly the backup: the stale -wal was moved aside, not replayed into it.
		expect(existsSync(`${live}-wal`)).toBe(false);
		expect(existsSync(`${live}-shm`)).toBe(false);
		expect(streamed(live)).toEqual(copied);
		expect(integrity(live)).toBe('ok');
		const db = openDatabase(live);
		expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
		db.$client.close();
	});

	it('refuses to replace the database of a running app unless forced', () => {
		const file = join(dir, 'backup.db');
		expect(run('backup', file).status).toBe(0);
		// This test's own process stands in for the app (a live Node process).
		writeFileSync(`${live}.pid`, `${process.pid}\n`);
		const refused = run('restore', file);
		expect(refused.status).toBe(1);
		expect(refused.output).toContain(`The app is running on ${live} (process ${process.pid})`);
		expect(refused.output).not.toMatch(/\n\s+at /);
		expect(existsSync(`${live}-wal`) || existsSync(live)).toBe(true);
		expect(readdirNames()).not.toContain('before-restore');

		const forced = run('restore', file, '--force');
		expect(forced.status).toBe(0);
		expect(forced.output).toContain('Restart the app now');
	});

	it('goes ahead when the pid file was left by an app that crashed', () => {
		const file = join(dir, 'backup.db');
		expect(run('backup', file).status).toBe(0);
		const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
		writeFileSync(`${live}.pid`, `${gone}\n`);
		const restore = run('restore', file);
		expect(restore.output).toContain('Restored');
		expect(restore.status).toBe(0);
	});

	it('refuses files that are not a sound Local Offer database and leaves the database alone', () => {
		const original = readFileSync(live);
		const notSqlite = join(dir, 'notes.txt');
		writeFileSync(notSqlite, 'these are not the rows you are looking for\n'.repeat(200));
		const otherApp = join(dir, 'other.db');
		new Sqlite(otherApp).exec('CREATE TABLE thing (id INTEGER PRIMARY KEY)').close();
		const damaged = join(dir, 'damaged.db');
		expect(run('backup', damaged).status).toBe(0);
		const bytes = readFileSync(damaged);
		// Scribble over the middle of the file, where the filler rows' pages are.
		bytes.fill(0x5a, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 8192);
		writeFileSync(damaged, bytes);

		for (const [file, reason] of [
			[notSqlite, 'is not a SQLite database'],
			[otherApp, 'not a Local Offer one'],
			[damaged, 'is damaged'],
			[join(dir, 'missing.db'), 'There is no file']
		]) {
			const result = run('restore', file);
			expect(result.output).toContain(reason);
			expect(result.output).not.toMatch(/\n\s+at /);
			expect(result.status).toBe(1);
		}
		expect(readFileSync(live).equals(original)).toBe(true);
		expect(readdirNames()).not.toContain('before-restore');
	});
});

function readdirNames() {
	return spawnSync('ls', [dir], { encoding: 'utf8' }).stdout;
}
