import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A clone with nothing beside it must build, run and pass its tests, so nothing in the project
 * may reach outside the repository for files (the ORUK schemas were once read from the folder
 * beside it).
 */
const FOLDERS = ['src', 'tests', 'scripts', 'bench'];
// Built from parts so that this file does not match itself.
const NEIGHBOUR = 'shared';
const OUTSIDE = [
	new RegExp(`\\.\\./${NEIGHBOUR}\\b`),
	new RegExp(`['"]\\.\\.['"]\\s*,\\s*['"]${NEIGHBOUR}['"]`)
];

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) {
			return name === 'fixtures' || name === 'node_modules' ? [] : sourceFiles(path);
		}
		return /\.(ts|js|svelte|json)$/.test(name) ? [path] : [];
	});
}

describe('the repository', () => {
	it('reads no files from the folder beside the repository', () => {
		const offenders = FOLDERS.flatMap(sourceFiles).filter((path) => {
			const text = readFileSync(path, 'utf8');
			return OUTSIDE.some((pattern) => pattern.test(text));
		});
		expect(offenders).toEqual([]);
	});
});
