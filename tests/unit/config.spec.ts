import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '$lib/server/config';

/** The rows of the README's "Configuration" table: the people deploying the app read this one. */
function readmeConfigurationRows() {
	const lines = readFileSync('README.md', 'utf8').split('\n');
	const heading = lines.indexOf('## Configuration');
	expect(heading, 'README has a "## Configuration" section').toBeGreaterThan(-1);
	const start = lines.findIndex((line, index) => index > heading && line.startsWith('|'));
	const end = lines.findIndex((line, index) => index > start && !line.startsWith('|'));
	const [header, , ...rows] = lines.slice(start, end).map((line) =>
		line
			.slice(1, -1)
			.split('|')
			.map((cell) => cell.trim())
	);
	expect(header).toEqual(['variable', 'default', 'meaning']);
	return rows.map(([variable, defaultValue, meaning]) => ({
		name: variable.replace(/^`|`$/g, ''),
		default: defaultValue,
		meaning
	}));
}

function sourceFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		return entry.isDirectory() ? sourceFiles(path) : [path];
	});
}

describe('configuration', () => {
	it('has a README row for every variable, with the same default and meaning', () => {
		expect(readmeConfigurationRows()).toEqual(
			CONFIG_VARIABLES.map((variable) => ({
				name: variable.name,
				default: variable.default,
				meaning: variable.meaning
			}))
		);
	});

	it('lists as read by the app exactly the variables the config module reads', () => {
		const source = readFileSync('src/lib/server/config.ts', 'utf8');
		const read = new Set([...source.matchAll(/readEnv\('([A-Z_]+)'\)/g)].map((match) => match[1]));
		const listed = CONFIG_VARIABLES.filter((variable) =>
			(variable.readBy as readonly string[]).includes('app')
		).map((variable) => variable.name);
		expect([...read].sort()).toEqual([...listed].sort());
	});

	it('reads the environment only in the config module', () => {
		const readers = sourceFiles('src')
			.filter((path) => path !== join('src', 'lib', 'server', 'config.ts'))
			.filter((path) => /process\.env|\$env\//.test(readFileSync(path, 'utf8')));
		expect(readers).toEqual([]);
	});
});
