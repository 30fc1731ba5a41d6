import { json } from '@sveltejs/kit';
import { checkInSchema } from '$lib/schemas/check-in-form';
import { invalid } from '$lib/server/api';
import { recordCheckIn } from '$lib/server/check-ins';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';
import { readLeaverWords } from '../requests/leaver-words';

/**
 * A check-in from the app (and its offline outbox). Idempotent on `idempotencyKey`. Refused (409)
 * when written by another account than the one signed in now, as requests are.
 */
export const POST: RequestHandler = async (event) => {
	const { leaver, body, refused } = await readLeaverWords(event);
	if (refused) {
		return refused;
	}
	const parsed = checkInSchema.safeParse(body);
	if (!parsed.success) {
		return invalid(parsed.error);
	}
	const { checkIn, created } = recordCheckIn(db, leaver, parsed.data);
	return json(
		{ id: checkIn.id, created, requestId: checkIn.requestId },
		{ status: created ? 201 : 200 }
	);
};
