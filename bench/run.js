#!/usr/bin/env node
// `npm run bench`: prints the performance figures as a table and writes bench/results.json.
// Each figure is one entry in `measurements`; bench/analytics.js adds the analytics ones.
//
//   BENCH_PORT   port for the servers it starts (default 4190)
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAnalyticsBench } from './analytics.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const PORT = Number(process.env.BENCH_PORT ?? 4190);

if (!existsSync(join(root, 'build', 'index.js'))) {
	const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
		stdio: 'inherit'
	});
	if (built.status !== 0) {
		process.exit(built.status ?? 1);
	}
}

const measurements = [];
const record = (measurement) => {
	measurements.push(measurement);
	console.error(`  measured: ${measurement.name}: ${measurement.value} ${measurement.unit ?? ''}`);
};

await runAnalyticsBench({ record, port: PORT });

const rows = measurements.map((m) => [
	m.name,
	`${m.value}${m.unit ? ` ${m.unit}` : ''}`,
	m.target ?? '',
	m.ok === undefined ? '' : m.ok ? 'ok' : 'MISSED',
	m.notes ?? ''
]);
const header = ['measurement', 'value', 'target', '', 'notes'];
const widths = header.map((title, i) =>
	Math.max(title.length, ...rows.map((row) => row[i].length))
);
const line = (row) =>
	row
		.map((cell, i) => cell.padEnd(widths[i]))
		.join('  ')
		.trimEnd();
console.log(line(header));
console.log(line(widths.map((width) => '-'.repeat(width))));
rows.forEach((row) => console.log(line(row)));

writeFileSync(
	join(root, 'bench', 'results.json'),
	JSON.stringify(
		{
			date: new Date().toISOString(),
			machine: { cpus: cpus().length, node: process.version },
			measurements
		},
		null,
		2
	) + '\n'
);
console.log('\nWritten to bench/results.json');
