import { createECDH, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt } from 'http_ece';

/** A push service on loopback that records what it receives, and a subscription to it. */
export async function startFakePushService() {
	const received: { headers: Record<string, string | string[] | undefined>; body: Buffer }[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks) });
			res.writeHead(201).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	const authSecret = randomBytes(16);
	return {
		received,
		subscription: {
			endpoint: `http://127.0.0.1:${port}/push/${Date.now()}`,
			keys: {
				p256dh: ecdh.getPublicKey().toString('base64url'),
				auth: authSecret.toString('base64url')
			}
		},
		/** The decrypted text of the index-th push received. */
		plainText(index: number) {
			return decrypt(received[index].body, {
				version: 'aes128gcm',
				privateKey: ecdh,
				authSecret
			}).toString('utf8');
		},
		close() {
			server.close();
		}
	};
}
