import { expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A port nobody is listening on, so a test's own server never meets Playwright's. */
export async function freePort() {
	return new Promise<number>((resolve) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export type AppServer = { process: ChildProcess; origin: string; stop: () => Promise<void> };

/**
 * Starts the built app on its own port and database, the way an operator does
 * (`node scripts/start.js ARGS`), and waits until it answers /healthz.
 * Only the variables given (and the machine's own) are set: nothing about DEMO is assumed.
 */
export async function startAppServer(
	args: string[],
	env: Record<string, string>,
	port?: number
): Promise<AppServer> {
	const listenOn = port ?? (await freePort());
	const origin = `http://localhost:${listenOn}`;
	const inherited = { ...process.env };
	delete inherited.DEMO;
	const child = spawn(process.execPath, ['scripts/start.js', ...args], {
		env: { ...inherited, PORT: String(listenOn), ORIGIN: origin, ...env },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	await expect
		.poll(
			async () => {
				expect(child.exitCode, 'the server stopped while starting').toBeNull();
				try {
					return (await fetch(`${origin}/healthz`)).status;
				} catch {
					return 0;
				}
			},
			{ timeout: 90_000 }
		)
		.toBe(200);
	const stop = () =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null) {
				resolve();
				return;
			}
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	return { process: child, origin, stop };
}
