import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { staffReplySchema } from '$lib/schemas/requests';
import { findRequestOr404, readReplyForm, readSeenForm } from '$lib/server/request-views';

function post(fields: Record<string, string>) {
	return new Request('http://localhost/requests/1?/reply', {
		method: 'POST',
		body: new URLSearchParams(fields)
	});
}

/** What `findRequestOr404` threw, or undefined when it returned. */
function statusOf(run: () => unknown) {
	try {
		run();
	} catch (thrown) {
		return isHttpError(thrown) ? thrown.status : 'not an HTTP error';
	}
	return undefined;
}

describe('findRequestOr404', () => {
	it('gives the request the address names when it is the person’s', () => {
		const request = { id: 7 };
		expect(findRequestOr404('7', (id) => (id === 7 ? request : undefined))).toBe(request);
	});

	it('answers 404 when the request is not theirs or does not exist', () => {
		expect(statusOf(() => findRequestOr404('7', () => undefined))).toBe(404);
	});

	it.each(['abc', '-1', '0', '1.5', '99999999999999999999', undefined])(
		'answers 404 for the address %s without looking anything up',
		(idParam) => {
			let looked = false;
			const find = () => {
				looked = true;
				return { id: 1 };
			};
			expect(statusOf(() => findRequestOr404(idParam, find))).toBe(404);
			expect(looked).toBe(false);
		}
	);
});

describe('readReplyForm', () => {
	it('gives the reply as the schema reads it', async () => {
		const posted = await readReplyForm(post({ message: 'Thanks' }), staffReplySchema);
		expect(posted).toEqual({ ok: true, reply: { message: 'Thanks' } });
	});

	it('refuses an empty reply with 400 and the reason beside the box', async () => {
		const posted = await readReplyForm(post({ message: '   ' }), staffReplySchema);
		expect(posted.ok).toBe(false);
		const failure = !posted.ok ? posted.failure : undefined;
		expect(failure?.status).toBe(400);
		expect(failure?.data.reply.errors.message).toBeTruthy();
	});

	it('keeps what they typed, cut to its limit, when a reply is refused', async () => {
		const tooLong = 'a'.repeat(7000);
		const posted = await readReplyForm(post({ message: tooLong }), staffReplySchema);
		const failure = !posted.ok ? posted.failure : undefined;
		expect(failure?.data.reply.message).toBe('a'.repeat(6000));
	});
});

describe('readSeenForm', () => {
	it('gives the newest message time the page showed', async () => {
		expect(await readSeenForm(post({ seenUpTo: '1764547200000' }))).toEqual({
			ok: true,
			seenUpTo: 1764547200000
		});
	});

	it('refuses a damaged seen post with 400 and a way forward, never a 500', async () => {
		const seen = await readSeenForm(post({ seenUpTo: 'soon' }));
		const failure = !seen.ok ? seen.failure : undefined;
		expect(failure?.status).toBe(400);
		expect(failure?.data.seen.message).toBe('Please reload the page and try again.');
	});
});
