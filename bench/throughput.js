// Server-side rendering throughput: how many pages a second the built server sends, against the
// same server sending a static file of exactly the same size (adapter-node's static handler: no
// routing, no rendering, no database). The ratio says what a page costs; p99 says how long the
// slowest 1 % of people wait at that load. Visitors who are not signed in get the page rendered
// once per content change (src/lib/server/page-cache.ts), which is what the ratio measures; the
// "rendered for each request" row shows the cost of rendering itself.
import autocannon from 'autocannon';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const THROUGHPUT_PAGES = ['/offers', '/offers/council-tax-exemption'];
const SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 10);
const CONNECTIONS = 50;
const RATIO_TARGET = 0.5;
const P99_TARGET_MS = 50;

const staticName = (path) => `bench-static${path.replaceAll(/[^a-z0-9]+/g, '-')}.html`;

/**
 * Static twins of the pages, same byte size, written into the build's client folder. The static
 * handler lists that folder when the server starts, so call this before starting it.
 * Returns a function that removes them.
 */
export function writeStaticTwins(root, sizes) {
	const files = Object.entries(sizes).map(([path, size]) => {
		const file = join(root, 'build', 'client', staticName(path));
		writeFileSync(file, Buffer.alloc(size, 'a'));
		return file;
	});
	return () => {
		for (const file of files) {
			rmSync(file, { force: true });
		}
	};
}

/** Bytes of each page uncompressed, as autocannon gets it (it does not ask for gzip). */
export async function pageSizes(base) {
	const sizes = {};
	for (const path of THROUGHPUT_PAGES) {
		const response = await fetch(`${base}${path}`);
		if (!response.ok) {
			throw new Error(`${path} answered ${response.status}`);
		}
		sizes[path] = (await response.arrayBuffer()).byteLength;
	}
	return sizes;
}

function load(url, duration, headers = {}) {
	return autocannon({ url, connections: CONNECTIONS, duration, headers });
}

/**
 * A session cookie (one that matches no session) makes the server render the page for every
 * request, as it does for anyone signed in: what rendering costs without the page cache.
 */
const UNCACHED = { cookie: 'session=bench-no-such-session' };

const round1 = (value) => Math.round(value * 10) / 10;

export async function measureThroughput({ record, base, sizes }) {
	const served = await pageSizes(base);
	for (const path of THROUGHPUT_PAGES) {
		const staticPath = `/${staticName(path)}`;
		const staticBytes = (await (await fetch(`${base}${staticPath}`)).arrayBuffer()).byteLength;
		if (staticBytes !== sizes[path]) {
			throw new Error(`${staticPath} is ${staticBytes} bytes, not ${sizes[path]}`);
		}
		// Warm up both (JIT, page cache), then measure each for the full time.
		await load(`${base}${path}`, 2);
		await load(`${base}${staticPath}`, 2);
		const ssr = await load(`${base}${path}`, SECONDS);
		const flat = await load(`${base}${staticPath}`, SECONDS);
		const rendered = await load(`${base}${path}`, SECONDS, UNCACHED);
		const rate = (result) => Math.round(result.requests.total / (result.duration || SECONDS));
		const failures = (result) => result.non2xx + result.errors + result.timeouts;
		const ratio = rate(ssr) / rate(flat);
		const notes = `${served[path]} bytes; ${CONNECTIONS} connections, ${SECONDS} s each`;
		record({
			name: 'SSR throughput',
			page: path,
			value: rate(ssr),
			unit: 'req/s',
			notes: `${notes}${failures(ssr) ? `; ${failures(ssr)} failed` : ''}`
		});
		record({
			name: 'same-size static file',
			page: path,
			value: rate(flat),
			unit: 'req/s',
			notes: `${staticPath}${failures(flat) ? `; ${failures(flat)} failed` : ''}`
		});
		record({
			name: 'SSR / static',
			page: path,
			value: Math.round(ratio * 100),
			unit: '%',
			target: `≥ ${RATIO_TARGET * 100}`,
			ok: ratio >= RATIO_TARGET && failures(ssr) === 0
		});
		record({
			name: 'rendered for each request',
			page: path,
			value: rate(rendered),
			unit: 'req/s',
			notes: `${Math.round((rate(rendered) / rate(flat)) * 100)} % of static, p99 ${round1(
				rendered.latency.p99
			)} ms: the page cache bypassed, as for someone signed in${
				failures(rendered) ? `; ${failures(rendered)} failed` : ''
			}`
		});
		record({
			name: 'SSR p99 latency at that load',
			page: path,
			value: round1(ssr.latency.p99),
			unit: 'ms',
			target: `< ${P99_TARGET_MS}`,
			ok: ssr.latency.p99 < P99_TARGET_MS,
			notes: `p50 ${round1(ssr.latency.p50)} ms; static p99 ${round1(flat.latency.p99)} ms`
		});
	}
}
