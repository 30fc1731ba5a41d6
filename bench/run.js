#!/usr/bin/env node
// `npm run bench`: performance figures of the built app, measured the way a phone meets them.
// Prints a table and writes bench/results.json (not committed). Each figure is one entry in
// `measurements`: a new figure is one more entry there.
//
//   BENCH_PORT   port for the servers it starts (default 4280, and the next ones; 4190 is on fetch's blocked-port list)
//   CHROME_PATH  Chromium for Playwright and Lighthouse (default /usr/bin/chromium if present)
//   LIGHTHOUSE=0 skip Lighthouse; LIGHTHOUSE_RUNS runs per page, median reported (default 3)
//   BENCH_THROUGHPUT_SECONDS  length of each SSR/static load run (default 10)
import { chromium } from '@playwright/test';
import { runAnalyticsBench } from './analytics.js';
import { INSTALL_BUDGET_KB, measureInstall } from './install.js';
import { FIRST_VISIT_PAGES, JS_BUDGET_KB } from './public-pages.js';
import { measureThroughput, pageSizes, writeStaticTwins } from './throughput.js';
import { spawn, spawnSync } from 'node:child_process';
import { get } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const PORT = Number(process.env.BENCH_PORT ?? 4280);
const BASE = `http://localhost:${PORT}`;
const CHROME_PATH =
	process.env.CHROME_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const RESULTS = join(root, 'bench', 'results.json');
const REPORTS = join(root, 'bench', '.lighthouse');

const LIGHTHOUSE_PAGES = [
	'/',
	'/offers',
	'/offers/council-tax-exemption',
	'/help',
	'/ar',
	'/ar/offers/council-tax-exemption'
];
const LIGHTHOUSE_TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100 };

const measurements = [];
function record(measurement) {
	measurements.push(measurement);
}

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
const gzipSize = (buffer) => gzipSync(buffer, { level: 9 }).length;

async function startServer({ build = true } = {}) {
	const dataDir = mkdtempSync(join(tmpdir(), 'local-offer-bench-'));
	// scripts/start.js builds first when the build is missing or older than the sources.
	const server = spawn(process.execPath, ['scripts/start.js', ...(build ? [] : ['--no-build'])], {
		env: {
			...process.env,
			PORT: String(PORT),
			ORIGIN: BASE,
			DATABASE_PATH: join(dataDir, 'local-offer.db'),
			DEMO: '0'
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	server.stdout.on('data', () => {});
	const deadline = Date.now() + 180_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) {
			throw new Error(`The server stopped (exit ${server.exitCode})`);
		}
		try {
			if ((await fetch(`${BASE}/healthz`)).ok) {
				return {
					async stop() {
						const exited = new Promise((resolve) => server.once('exit', resolve));
						server.kill();
						await exited;
						rmSync(dataDir, { recursive: true, force: true });
					}
				};
			}
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	server.kill();
	throw new Error(`The server did not answer on ${BASE} within 3 minutes`);
}

/** Gzipped JavaScript each public page loads on a first visit, in a fresh browser profile. */
async function measurePageJavaScript() {
	const browser = await chromium.launch({
		executablePath: CHROME_PATH,
		args: ['--no-sandbox', '--disable-gpu']
	});
	try {
		for (const path of FIRST_VISIT_PAGES) {
			const context = await browser.newContext();
			const page = await context.newPage();
			const scripts = [];
			page.on('response', async (response) => {
				const request = response.request();
				if (request.resourceType() === 'script' && !request.serviceWorker()) {
					scripts.push(response.body().then((body) => ({ url: response.url(), body })));
				}
			});
			await page.goto(`${BASE}${path}`, { waitUntil: 'networkidle' });
			const bodies = await Promise.all(scripts);
			const gzipped = bodies.reduce((sum, { body }) => sum + gzipSize(body), 0);
			record({
				name: 'first-visit JavaScript (gzipped)',
				page: path,
				value: kb(gzipped),
				unit: 'KB',
				target: `≤ ${JS_BUDGET_KB}`,
				ok: kb(gzipped) <= JS_BUDGET_KB,
				files: bodies.length
			});
			await context.close();
		}
	} finally {
		await browser.close();
	}
}

/** The service worker and what it downloads once: the app shell and the offline pack. */
async function measureServiceWorker() {
	const worker = readFileSync(join(root, 'build', 'client', 'service-worker.js'));
	record({ name: 'service worker (gzipped)', value: kb(gzipSize(worker)), unit: 'KB' });

	const precache = [...worker.toString('utf8').matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]);
	const shellBytes = precache.reduce((sum, url) => {
		const file = join(root, 'build', 'client', url);
		return existsSync(file) ? sum + gzipSize(readFileSync(file)) : sum;
	}, 0);
	record({
		name: 'app shell precache (gzipped)',
		value: kb(shellBytes),
		unit: 'KB',
		files: precache.length
	});

	// The offline pack comes in one response per language (src/routes/api/offline-pack).
	const pack = `${BASE}/api/offline-pack?language=en`;
	const raw = Buffer.from(await (await fetch(pack)).arrayBuffer()).length;
	record({ name: 'offline pack (English), uncompressed', value: kb(raw), unit: 'KB' });
	record({
		name: 'offline pack (English) as sent to a browser (gzip)',
		value: kb(await bytesOnTheWire(pack)),
		unit: 'KB'
	});
}

/**
 * A first visit to the home page plus the whole install (the precached code and the offline
 * pack), in bytes on the wire, in each language the home page offers (its hreflang alternates).
 */
async function measureInstalls() {
	const home = await (await fetch(`${BASE}/`)).text();
	const homes = [
		...new Set(
			[...home.matchAll(/<link[^>]*rel="alternate"[^>]*hreflang="([a-z]+)"[^>]*>/g)].map((match) =>
				match[1] === 'en' ? '/' : `/${match[1]}`
			)
		)
	];
	for (const path of homes.length ? homes : ['/']) {
		const { bytes, responses, largest } = await measureInstall({
			base: BASE,
			home: path,
			chromePath: CHROME_PATH
		});
		record({
			name: 'first visit + offline install, on the wire',
			page: path,
			value: kb(bytes),
			unit: 'KB',
			target: `≤ ${INSTALL_BUDGET_KB}`,
			ok: kb(bytes) <= INSTALL_BUDGET_KB,
			files: responses,
			notes: `${responses} responses; largest ${largest.join(', ')}`
		});
	}
}

/** Bytes the server sends to a browser that accepts gzip (fetch would unzip them unseen). */
function bytesOnTheWire(url) {
	return new Promise((resolve, reject) => {
		get(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
			let bytes = 0;
			response.on('data', (chunk) => (bytes += chunk.length));
			response.on('end', () => resolve(bytes));
		}).on('error', reject);
	});
}

/** One Lighthouse run in a fresh Chromium profile (a first visit). */
async function lighthouseOnce(lighthouse, launch, url) {
	const chrome = await launch({
		chromePath: CHROME_PATH,
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu']
	});
	try {
		// Default config: a mid-range phone on a slow 4G connection (simulated).
		const result = await lighthouse(url, {
			port: chrome.port,
			output: ['html', 'json'],
			logLevel: 'error',
			onlyCategories: Object.keys(LIGHTHOUSE_TARGETS)
		});
		if (result.lhr.runtimeError) {
			throw new Error(result.lhr.runtimeError.message);
		}
		return result;
	} finally {
		await chrome.kill();
	}
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Performance scores move with whatever else the machine is doing, so each page is run
 * LIGHTHOUSE_RUNS times (default 3) and the median reported, with the range.
 */
async function runLighthouse() {
	let lighthouse;
	let launch;
	try {
		({ default: lighthouse } = await import('lighthouse'));
		({ launch } = await import('chrome-launcher'));
	} catch (error) {
		record({ name: 'Lighthouse', value: 'not installed', error: String(error) });
		return;
	}
	const runs = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
	mkdirSync(REPORTS, { recursive: true });
	for (const path of LIGHTHOUSE_PAGES) {
		const results = [];
		try {
			for (let run = 0; run < runs; run += 1) {
				results.push(await lighthouseOnce(lighthouse, launch, `${BASE}${path}`));
			}
		} catch (error) {
			record({ name: 'Lighthouse', page: path, value: 'failed', error: String(error) });
			continue;
		}
		const score = (result, category) =>
			Math.round((result.lhr.categories[category]?.score ?? 0) * 100);
		// Keep the report of the median performance run.
		const byPerformance = [...results].sort(
			(a, b) => score(a, 'performance') - score(b, 'performance')
		);
		const typical = byPerformance[Math.floor(byPerformance.length / 2)];
		const name = path === '/' ? 'home' : path.slice(1).replaceAll(/[/?=]/g, '_');
		const [html, json] = typical.report;
		writeFileSync(join(REPORTS, `${name}.html`), html);
		writeFileSync(join(REPORTS, `${name}.json`), json);
		for (const [category, target] of Object.entries(LIGHTHOUSE_TARGETS)) {
			const scores = results.map((result) => score(result, category));
			const value = median(scores);
			const failing = typical.lhr.categories[category].auditRefs
				.filter((ref) => ref.weight > 0 && (typical.lhr.audits[ref.id].score ?? 1) < 0.9)
				.map((ref) => ref.id);
			record({
				name: `Lighthouse ${category}${runs > 1 ? ` (median of ${runs})` : ''}`,
				page: path,
				value,
				unit: '/100',
				target: `≥ ${target}`,
				ok: value >= target,
				runs: scores,
				...(failing.length ? { failing } : {})
			});
		}
	}
}

function printTable() {
	const rows = measurements.map((m) => [
		m.name,
		m.page ?? '',
		`${m.value}${m.unit && typeof m.value === 'number' ? ` ${m.unit}` : ''}`,
		m.target ?? '',
		m.ok === undefined ? '' : m.ok ? 'ok' : 'OVER',
		[
			m.runs && new Set(m.runs).size > 1 ? `runs ${m.runs.join(' ')}` : '',
			m.failing ? m.failing.join(', ') : (m.error ?? ''),
			m.notes ?? ''
		]
			.filter(Boolean)
			.join('; ')
	]);
	const header = ['measurement', 'page', 'value', 'target', '', 'notes'];
	const widths = header.map((title, i) =>
		Math.max(title.length, ...rows.map((row) => String(row[i]).length))
	);
	const line = (row) =>
		row
			.map((cell, i) => String(cell).padEnd(widths[i]))
			.join('  ')
			.trimEnd();
	console.log(line(header));
	console.log(line(widths.map((width) => '-'.repeat(width))));
	for (const row of rows) {
		console.log(line(row));
	}
}

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
	encoding: 'utf8'
}).stdout.trim();
// A first start builds if needed and tells the size of the pages whose rendering is measured;
// their same-size static twins must be in the build before the server lists its static files.
const probe = await startServer();
let sizes;
try {
	sizes = await pageSizes(BASE);
} finally {
	await probe.stop();
}
const removeStaticTwins = writeStaticTwins(root, sizes);
try {
	const server = await startServer({ build: false });
	try {
		await measurePageJavaScript();
		await measureServiceWorker();
		await measureInstalls();
		if (process.env.LIGHTHOUSE !== '0') {
			await runLighthouse();
		}
		// Last on this server, so nothing else competes with it for the machine's cores.
		await measureThroughput({ record, base: BASE, sizes });
	} finally {
		await server.stop();
	}
} finally {
	removeStaticTwins();
}
// Ingest rate and dashboard time (bench/analytics.js starts its own servers and data).
await runAnalyticsBench({ record, port: PORT + 1 });
writeFileSync(
	RESULTS,
	`${JSON.stringify({ measuredAt: new Date().toISOString(), commit, measurements }, null, '\t')}\n`
);
printTable();
console.log(`\nWritten to ${RESULTS}`);
