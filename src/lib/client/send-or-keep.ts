import { addToOutbox, newIdempotencyKey, postJson } from './outbox';

/**
 * Sends a form (a request or a reply: it has a `message`) as JSON to `url`; with no signal, or
 * when sending fails on the way, keeps it in the outbox instead. The caller decides what a
 * refused answer means (usually: post the form normally, so errors show beside the fields).
 */
export async function sendOrKeep(
	form: HTMLFormElement,
	url: string
): Promise<{ kept: true } | { kept: false; response: Response }> {
	const body = Object.fromEntries(new FormData(form)) as Record<string, string>;
	body.idempotencyKey ||= newIdempotencyKey();
	const keep = async () => {
		await addToOutbox({
			key: body.idempotencyKey,
			url,
			body,
			summary: (body.message ?? '').slice(0, 80),
			createdAt: Date.now()
		});
		return { kept: true } as const;
	};
	if (!navigator.onLine) {
		return keep();
	}
	try {
		return { kept: false, response: await postJson(url, body) };
	} catch {
		return keep();
	}
}
