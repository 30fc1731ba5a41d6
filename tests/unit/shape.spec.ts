import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The shape the codebase keeps (CONTRIBUTING.md): thin routes, domain modules of a readable size. */

function files(dir: string, pattern: RegExp): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path, pattern) : pattern.test(name) ? [path] : [];
	});
}

const ROUTE_SIDE_EFFECTS = [
	/\brecordAudit\b/,
	/from '\$lib\/server\/notify'/,
	/from '\$lib\/server\/db\/schema'/,
	/\bdb\.(insert|update|delete|run|get|all|select)\(/
];

describe('the shape of the code', () => {
	it('keeps side effects out of route files: they call domain functions', () => {
		const offenders = files(
			'src/routes',
			/^\+(page|layout)?\.?server\.(ts|js)$|^\+server\.(ts|js)$/
		).filter((path) => {
			const text = readFileSync(path, 'utf8');
			return ROUTE_SIDE_EFFECTS.some((pattern) => pattern.test(text));
		});
		expect(offenders).toEqual([]);
	});

	it('keeps every server module under 450 lines', () => {
		const long = files('src/lib/server', /\.(ts|js)$/)
			.map((path) => ({ path, lines: readFileSync(path, 'utf8').split('\n').length }))
			.filter(({ lines }) => lines > 450);
		expect(long).toEqual([]);
	});
});
