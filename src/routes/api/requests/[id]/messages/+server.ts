import { json } from '@sveltejs/kit';
import { replySchema } from '$lib/schemas/requests';
import { invalid } from '$lib/server/api';
import { db } from '$lib/server/db';
import { findRequestOr404 } from '$lib/server/request-views';
import { getLeaverRequest, sendReplyAsLeaver } from '$lib/server/requests';
import type { RequestHandler } from './$types';
import { readLeaverWords } from '../../leaver-words';

/**
 * A reply from the young person (and their offline outbox). Idempotent.
 * Refused (409) when written by another account than the one signed in now.
 */
export const POST: RequestHandler = async (event) => {
	const { leaver, body, refused } = await readLeaverWords(event);
	if (refused) {
		return refused;
	}
	const request = findRequestOr404(event.params.id, (id) => getLeaverRequest(db, leaver, id));
	const parsed = replySchema.safeParse(body);
	if (!parsed.success) {
		return invalid(parsed.error);
	}
	const { created, crisis } = sendReplyAsLeaver(db, leaver, request, parsed.data);
	return json({ created, crisis }, { status: created ? 201 : 200 });
};
