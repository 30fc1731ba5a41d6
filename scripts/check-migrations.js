#!/usr/bin/env node
// `npm run test:migrations` (part of `npm test`): fails when src/lib/server/db/schema.ts and the
// committed migrations in drizzle/ disagree, so a schema change cannot land without its migration.
//  1. `drizzle-kit check`: the migrations' snapshots are consistent with one another.
//  2. `drizzle-kit generate` finds nothing to write. It compares schema.ts with the last snapshot
//     in drizzle/meta and needs no database. Anything it writes (a changed journal, a new .sql
//     file or snapshot) fails the check, and is then put back as it was: a test leaves no files.
// drizzle-kit 0.31 exits with 0 even when it stops on an error (a question it cannot ask without
// a terminal, a schema that does not load), so each step passes only on its own "all is well".
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MIGRATIONS = join(root, 'drizzle');
const DRIZZLE_KIT = join(root, 'node_modules', 'drizzle-kit', 'bin.cjs');

/** Every file under the folder, with its bytes. */
function readFolder(folder) {
	const files = new Map();
	for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
		if (entry.isFile()) {
			const path = join(entry.parentPath, entry.name);
			files.set(path, readFileSync(path));
		}
	}
	return files;
}

/**
 * Runs a drizzle-kit command; true only if it said `allIsWell`. It asks questions (was this
 * column renamed?) when a change is ambiguous; nobody answers in CI, so stdin is closed (it then
 * stops with an error) and a time limit stands in case it waits all the same.
 */
function drizzleKit(command, allIsWell) {
	const result = spawnSync(process.execPath, [DRIZZLE_KIT, command], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		timeout: 60_000
	});
	return { ...result, ok: result.status === 0 && (result.stdout ?? '').includes(allIsWell) };
}

function fail(message, result) {
	if (result) {
		process.stderr.write(result.stdout ?? '');
		process.stderr.write(result.stderr ?? '');
	}
	console.error(`\n${message}`);
	process.exit(1);
}

const check = drizzleKit('check', "Everything's fine");
if (!check.ok) {
	fail('drizzle-kit check found a problem with the migrations in drizzle/ (above).', check);
}

const before = readFolder(MIGRATIONS);
const generate = drizzleKit('generate', 'No schema changes, nothing to migrate');
const after = readFolder(MIGRATIONS);

const added = [...after.keys()].filter((path) => !before.has(path));
const changed = [...before.keys()].filter(
	(path) => !after.has(path) || !before.get(path).equals(after.get(path))
);
for (const path of added) {
	rmSync(path);
}
for (const path of changed) {
	writeFileSync(path, before.get(path));
}

if (added.length > 0 || changed.length > 0) {
	const files = [...added, ...changed].map((path) => `  ${relative(root, path)}`).join('\n');
	fail(
		'src/lib/server/db/schema.ts has changed without its migration: drizzle-kit generate ' +
			`wanted to write\n${files}\n(put back as they were). Run \`npm run db:generate\`, read the ` +
			'SQL it writes, and commit it with the schema change.',
		generate
	);
}
if (!generate.ok) {
	fail(
		'drizzle-kit generate did not say the migrations match the schema (above). If it wanted to ' +
			'ask a question (a renamed column or table?), run `npm run db:generate` yourself, ' +
			'answer it, and commit the migration it writes.',
		generate
	);
}
console.log('Migrations match the schema: drizzle-kit check and generate found nothing to do.');
