import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Comments say why the code is as it is. "Issue 6" or "built on another branch" says where it
 * came from, which the history already holds, and means nothing to the next reader.
 */
const FOLDERS = ['src', 'tests', 'scripts', 'bench'];
const HISTORY = /\b[Ii]ssue \d+\b|another branch|\bround [12]\b/;

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) {
			return name === 'fixtures' ? [] : sourceFiles(path);
		}
		return /\.(ts|js|svelte)$/.test(name) ? [path] : [];
	});
}

describe('comments', () => {
	it('say why, never which issue or branch the code came from', () => {
		const narrating = FOLDERS.flatMap(sourceFiles)
			.filter((path) => !path.endsWith('comments.spec.ts'))
			.flatMap((path) =>
				readFileSync(path, 'utf8')
					.split('\n')
					.map((line, index) => ({ line, at: `${path}:${index + 1}` }))
					.filter(({ line }) => /(\/\/|\/\*|\*|<!--)/.test(line) && HISTORY.test(line))
					.map(({ at }) => at)
			);
		expect(narrating).toEqual([]);
	});
});
