import { addToOutbox, newIdempotencyKey, postJson } from './outbox';

/**
 * Sends a form (a request or a reply: it has a `message`) as JSON to `url`; with no signal, or
 * when sending fails on the way, keeps it in the outbox instead. `author` is the account signed
 * in on the page (its user id): it goes with the words, now or from the outbox, so they can only
 * ever be stored as that person's. The caller decides what a refused answer means (usually: post
 * the form normally, so errors show beside the fields; but see `isAnotherAccount`).
 */
export async function sendOrKeep(
	form: HTMLFormElement,
	url: string,
	author: number
): Promise<{ kept: true } | { kept: false; response: Response }> {
	const body: Record<string, unknown> = Object.fromEntries(new FormData(form));
	const idempotencyKey = (body.idempotencyKey as string | undefined) || newIdempotencyKey();
	const keep = async () => {
		await addToOutbox({
			key: idempotencyKey,
			url,
			body: { ...body, idempotencyKey },
			summary: String(body.message ?? '').slice(0, 80),
			createdAt: Date.now(),
			author
		});
		return { kept: true } as const;
	};
	if (!navigator.onLine) {
		return keep();
	}
	try {
		return {
			kept: false,
			response: await postJson(url, { ...body, idempotencyKey, author })
		};
	} catch {
		return keep();
	}
}

/**
 * The server refused because someone else is signed in now (in another tab, since this page was
 * opened). The form must not be posted again: that would store these words as the other
 * person's. Reloading shows the page as the person signed in now, without the words.
 */
export function isAnotherAccount(response: Response) {
	return response.status === 409 || response.status === 403;
}
