/**
 * A request body nobody read must not spoil the connection it came on.
 *
 * SvelteKit answers some requests without reading their body: a form posted to `/lead/` is
 * redirected to `/lead` before any hook runs, a signed-out post is sent to sign in, a page may
 * have no such action. adapter-node pauses an unread body once its buffer is full; Node then
 * destroys the socket, and whatever the browser sends next on that keep-alive connection fails
 * with ECONNRESET (a young person's next tap, not the odd post). So once the answer has gone,
 * the rest of the body is read and dropped. A body longer than the app would ever accept is not
 * worth reading: that connection is closed instead.
 *
 * @param {import('node:http').Server} server
 * @param {number} limit bytes (BODY_SIZE_LIMIT)
 */
export function drainUnreadBodies(server, limit) {
	server.prependListener('request', (request, response) => {
		response.once('finish', () => {
			if (request.complete || request.destroyed) {
				return;
			}
			const declared = Number(request.headers['content-length']);
			if (Number.isFinite(declared) && declared > limit) {
				request.socket.destroy();
				return;
			}
			let read = 0;
			// The app's own listeners are done with it: nobody is left to hand the chunks to.
			request.removeAllListeners('data');
			request.on('data', (chunk) => {
				read += chunk.length;
				if (read > limit) {
					request.socket.destroy();
				}
			});
			request.resume();
		});
	});
}

/**
 * Where the app leaves its cached-page server for scripts/start.js (src/lib/server/page-cache.ts
 * makes it; the built app and this file are loaded apart, so they meet on globalThis).
 */
export const CACHED_PAGE_SERVER = Symbol.for('local-offer.cached-page-server');

/**
 * Lets the app answer a public page from its cache before adapter-node and SvelteKit turn the
 * request into a Request object: for a visitor who is not signed in, the offer list then goes out
 * almost as fast as a static file. Whatever the cache does not hold goes to the app as before.
 * Call it before adding other request listeners: they keep running first, for every request.
 *
 * @param {import('node:http').Server} server
 */
export function answerCachedPagesFirst(server) {
	const app = server.listeners('request');
	server.removeAllListeners('request');
	server.on('request', (request, response) => {
		/** @type {((request: unknown, response: unknown) => boolean) | undefined} */
		const serve = Reflect.get(globalThis, CACHED_PAGE_SERVER);
		let served = false;
		try {
			served = serve?.(request, response) ?? false;
		} catch (error) {
			// The app will answer it, and show its own error if something is really wrong.
			console.error(error);
		}
		if (!served) {
			for (const listener of app) {
				listener.call(server, request, response);
			}
		}
	});
}
