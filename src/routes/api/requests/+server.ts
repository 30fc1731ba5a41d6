import { json } from '@sveltejs/kit';
import { newRequestSchema } from '$lib/schemas/requests';
import { invalid } from '$lib/server/api';
import { db } from '$lib/server/db';
import { submitSupportRequest } from '$lib/server/requests';
import type { RequestHandler } from './$types';
import { readLeaverWords } from './leaver-words';

/**
 * A new request from the app (and its offline outbox). Idempotent on `idempotencyKey`.
 * Refused (409) when written by another account than the one signed in now.
 */
export const POST: RequestHandler = async (event) => {
	const { leaver, body, refused } = await readLeaverWords(event);
	if (refused) {
		return refused;
	}
	const parsed = newRequestSchema.safeParse(body);
	if (!parsed.success) {
		return invalid(parsed.error);
	}
	const result = submitSupportRequest(db, leaver, parsed.data);
	if (!result.ok) {
		return json(
			{ message: 'Some of that is not right.', errors: { offer: [result.errors.offer] } },
			{ status: 400 }
		);
	}
	const { request, created } = result;
	return json({ id: request.id, created, crisis: request.crisis }, { status: created ? 201 : 200 });
};
