import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { findRequestOr404 } from '$lib/server/request-views';

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
