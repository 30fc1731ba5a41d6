// What installing the app costs a young person on mobile data: a first visit to the home page
// in one language, then everything the service worker downloads by itself (the app shell it
// precaches and the offline pack of that language), counted in bytes as they cross the wire.
import { chromium } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as forward } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const INSTALL_BUDGET_KB = 350;

/**
 * A proxy in front of the app that counts every response's status line, headers and body as
 * the server sent them (still compressed: the proxy passes bytes through untouched).
 */
async function startCountingProxy(target) {
	const upstream = new URL(target);
	const counted = { bytes: 0, responses: 0, paths: new Map() };
	const server = createServer((incoming, outgoing) => {
		const upstreamRequest = forward(
			{
				host: upstream.hostname,
				port: upstream.port,
				method: incoming.method,
				path: incoming.url,
				headers: { ...incoming.headers, host: upstream.host }
			},
			(response) => {
				const headerBytes =
					`HTTP/1.1 ${response.statusCode} ${response.statusMessage}\r\n`.length +
					// "Name: value\r\n" for each header (": " after a name, "\r\n" after a value).
					response.rawHeaders.reduce((sum, part) => sum + Buffer.byteLength(part) + 2, 0) +
					2;
				let bodyBytes = 0;
				response.on('data', (chunk) => (bodyBytes += chunk.length));
				response.on('end', () => {
					counted.bytes += headerBytes + bodyBytes;
					counted.responses += 1;
					const path = (incoming.url ?? '').split('?')[0];
					counted.paths.set(path, (counted.paths.get(path) ?? 0) + headerBytes + bodyBytes);
				});
				outgoing.writeHead(response.statusCode ?? 502, response.rawHeaders);
				response.pipe(outgoing);
			}
		);
		upstreamRequest.on('error', () => outgoing.destroy());
		incoming.pipe(upstreamRequest);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		origin: `http://127.0.0.1:${server.address().port}`,
		counted,
		close() {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(() => resolve()));
		}
	};
}

/** Whether the page's worker controls it and has saved the whole offline pack. */
function packIsSaved(page) {
	return page.evaluate(async () => {
		if (!navigator.serviceWorker.controller) {
			return false;
		}
		for (const name of await caches.keys()) {
			if (name.startsWith('local-offer-pack-')) {
				const status = await (await caches.open(name)).match('/__offline-pack-status');
				if (status && (await status.json()).complete === true) {
					return true;
				}
			}
		}
		return false;
	});
}

/**
 * A fresh browser profile opens `home` (`/` or `/ar`) and waits until the offline pack is saved
 * and the network has been quiet for two seconds; every byte the server sent meanwhile counts.
 */
export async function measureInstall({ base, home, chromePath }) {
	const proxy = await startCountingProxy(base);
	const userDataDir = await mkdtemp(join(tmpdir(), 'local-offer-install-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: chromePath,
		args: ['--no-sandbox', '--disable-gpu'],
		serviceWorkers: 'allow'
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`${proxy.origin}${home}`, { waitUntil: 'load' });
		const deadline = Date.now() + 120_000;
		while (!(await packIsSaved(page))) {
			if (Date.now() > deadline) {
				throw new Error(`The offline pack for ${home} was not saved within 2 minutes`);
			}
			await page.waitForTimeout(250);
		}
		let last = -1;
		while (proxy.counted.responses !== last) {
			last = proxy.counted.responses;
			await page.waitForTimeout(2000);
		}
		const largest = [...proxy.counted.paths.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 3)
			.map(([path, bytes]) => `${path} ${Math.round(bytes / 102.4) / 10} KB`);
		return { bytes: proxy.counted.bytes, responses: proxy.counted.responses, largest };
	} finally {
		await context.close();
		await rm(userDataDir, { recursive: true, force: true });
		await proxy.close();
	}
}
