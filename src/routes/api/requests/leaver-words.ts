import type { RequestEvent } from '@sveltejs/kit';
import {
	readJsonBody,
	refuseOtherAuthor,
	requireJsonUser,
	requireSameOrigin
} from '$lib/server/api';

/**
 * What a young person's phone sent (a request or a reply, from the app or its offline outbox),
 * with the account signed in now; or the 409 that refuses words another account wrote on a
 * shared phone (see `refuseOtherAuthor`). Both endpoints take words this way, so neither can
 * forget the same-origin check or the shared-phone rule.
 */
export async function readLeaverWords(event: RequestEvent) {
	requireSameOrigin(event);
	const leaver = requireJsonUser(event, 'leaver');
	const body = await readJsonBody(event.request, 32_768);
	return { leaver, body, refused: refuseOtherAuthor(body, leaver) };
}
