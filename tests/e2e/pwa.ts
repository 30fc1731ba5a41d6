import { test as base, chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OfflinePackStatus } from '../../src/lib/offline-pack';
import { uniqueAddress } from './helpers';

/**
 * `profile`: service workers need a browser profile of their own, so a persistent Chromium context
 * in a fresh folder, launched like the project's browser (executable and flags from
 * playwright.config.ts), removed after the test.
 */
export const test = base.extend<{ profile: { context: BrowserContext; page: Page } }>({
	profile: async ({ baseURL }, use, testInfo) => {
		const { launchOptions } = testInfo.project.use;
		const userDataDir = await mkdtemp(join(tmpdir(), 'local-offer-profile-'));
		const context = await chromium.launchPersistentContext(userDataDir, {
			...launchOptions,
			baseURL,
			extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress() },
			serviceWorkers: 'allow'
		});
		const page = context.pages()[0] ?? (await context.newPage());
		await use({ context, page });
		await context.close();
		await rm(userDataDir, { recursive: true, force: true });
	}
});

interface WorkerState {
	controlled: boolean;
	pack: OfflinePackStatus | null;
	cached: string[];
}

/** What the page's service worker has saved, read from the browser's own Cache Storage. */
export function readWorkerState(page: Page): Promise<WorkerState> {
	return page.evaluate(async () => {
		const names = await caches.keys();
		let pack: OfflinePackStatus | null = null;
		const cached: string[] = [];
		for (const name of names) {
			const cache = await caches.open(name);
			for (const request of await cache.keys()) {
				cached.push(request.url);
			}
			const status = await cache.match('/__offline-pack-status');
			if (name.startsWith('local-offer-pack-') && status) {
				pack = await status.json();
			}
		}
		return { controlled: navigator.serviceWorker.controller !== null, pack, cached };
	});
}

/** Waits until the worker controls the page and its offline pack is complete (and newer than `after`). */
export async function waitForOfflinePack(page: Page, after?: string | null) {
	await expect
		.poll(
			async () => {
				const { controlled, pack } = await readWorkerState(page);
				return (
					controlled &&
					pack?.complete === true &&
					(!after || (pack.savedAt !== null && pack.savedAt > after))
				);
			},
			{ timeout: 30_000, message: 'the offline pack is saved' }
		)
		.toBe(true);
	return (await readWorkerState(page)).pack as OfflinePackStatus;
}

/**
 * A stand-in for deploying a new version: a proxy in front of the test server that, once
 * `deployNewVersion()` is called, serves a service worker script that differs by a comment, as a
 * new build would. The browser finds it the way it finds a real update.
 */
export async function startDeployProxy(target: string) {
	const upstream = new URL(target);
	let deployed = false;
	const server: Server = createServer((incoming, outgoing) => {
		const isWorker = incoming.url === '/service-worker.js';
		const headers = { ...incoming.headers, host: upstream.host };
		if (isWorker) {
			// The script is rewritten below: ask for it whole and uncompressed.
			headers['accept-encoding'] = 'identity';
			delete headers['if-none-match'];
			delete headers['if-modified-since'];
		}
		const upstreamRequest = forward(
			{
				host: upstream.hostname,
				port: upstream.port,
				path: incoming.url,
				method: incoming.method,
				headers
			},
			(response) => {
				if (!isWorker || !deployed) {
					outgoing.writeHead(response.statusCode ?? 502, response.headers);
					response.pipe(outgoing);
					return;
				}
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					const body = `${Buffer.concat(chunks).toString('utf8')}\n// the next version\n`;
					const rest = { ...response.headers };
					delete rest['content-length'];
					delete rest.etag;
					outgoing.writeHead(response.statusCode ?? 502, rest);
					outgoing.end(body);
				});
			}
		);
		upstreamRequest.on('error', () => outgoing.destroy());
		incoming.pipe(upstreamRequest);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		deployNewVersion() {
			deployed = true;
		},
		close() {
			server.closeAllConnections();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}
