#!/usr/bin/env node
// `npm start`: build if the build is missing or older than the sources, then serve, with the demo.
// `npm run serve` (`--production`): serve the build as it is, never with the demo unless DEMO=1.
// Migrations run and the content is seeded when the server starts (src/hooks.server.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addSecurityHeadersToServer } from '../src/lib/server/security-headers.js';
import { answerCachedPagesFirst, drainUnreadBodies } from '../src/lib/server/node-server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const BUILD_ENTRY = join(root, 'build', 'index.js');
const SOURCES = ['src', 'static', 'package.json', 'svelte.config.js', 'vite.config.ts'];

function newestChange(path) {
	const stats = statSync(path);
	if (!stats.isDirectory()) {
		return stats.mtimeMs;
	}
	return readdirSync(path).reduce(
		(newest, name) => Math.max(newest, newestChange(join(path, name))),
		stats.mtimeMs
	);
}

function buildIsStale() {
	if (!existsSync(BUILD_ENTRY)) {
		return true;
	}
	const built = statSync(BUILD_ENTRY).mtimeMs;
	return SOURCES.some((source) => existsSync(source) && newestChange(source) > built);
}

const production = process.argv.includes('--production');
const quickStart = process.argv.length === 2;

if (!production && !process.argv.includes('--no-build') && buildIsStale()) {
	console.log('Building the app (about a minute the first time)…');
	const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
		stdio: 'inherit'
	});
	if (result.status !== 0) {
		console.error('The build failed; see the messages above.');
		process.exit(result.status ?? 1);
	}
}

process.env.PORT ??= '3000';
process.env.HOST ??= '0.0.0.0';
// SvelteKit checks that form posts come from this origin; open the app at this address
// (set ORIGIN to the public https:// address in production).
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
// The demo (accounts whose password is published) only for a plain `npm start` on a developer's
// machine. Not with `--production` or `--no-build`, nor at a public https:// address: there the
// app starts with the demo off, which also turns off any demo accounts left from a trial.
if (quickStart && !process.env.ORIGIN.startsWith('https://')) {
	process.env.DEMO ??= '1';
}
// adapter-node reads these when it is imported.
process.env.BODY_SIZE_LIMIT ??= '1M';

/** BODY_SIZE_LIMIT as adapter-node reads it: bytes, or a number with K, M or G. */
function bodySizeLimit(value) {
	const match = /^(\d+(?:\.\d+)?)([KMG]?)$/i.exec(value.trim());
	if (!match) {
		return Infinity;
	}
	const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[2].toUpperCase()];
	return Number(match[1]) * unit;
}

const { server } = await import(BUILD_ENTRY);
// Cached public pages go out before SvelteKit is asked. This wraps the app's own listener, so
// it goes first; the two below are put in front of it and still see every request.
answerCachedPagesFirst(server.server);
// Static files (scripts, styles, icons, the service worker) are served before SvelteKit's hooks
// run, so the security headers are added to the server itself.
addSecurityHeadersToServer(server.server, process.env.ORIGIN);
// A body the app did not read is drained once the answer has gone, so the connection lives on.
drainUnreadBodies(server.server, bodySizeLimit(process.env.BODY_SIZE_LIMIT));
console.log(
	`Local Offer is ready: open ${process.env.ORIGIN}` +
		(process.env.DEMO === '1' ? ' (demo mode: demo accounts are on)' : '')
);
