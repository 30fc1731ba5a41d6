/** What every request's messages share: read marks, and sending a message once. */
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/connection';
import { requestMessage, supportRequest } from '../db/schema';

import type { SupportRequest } from './targets';

/** Moves one of a request's two read marks forward to `to` (never back). */
export function moveReadMark(
	db: Executor,
	request: SupportRequest,
	whose: 'leaver' | 'adviser',
	to: number
) {
	const set =
		whose === 'leaver'
			? { leaverReadAt: sql`max(coalesce(${supportRequest.leaverReadAt}, 0), ${to})` }
			: { adviserReadAt: sql`max(coalesce(${supportRequest.adviserReadAt}, 0), ${to})` };
	db.update(supportRequest).set(set).where(eq(supportRequest.id, request.id)).run();
}

/**
 * The message this author already sent with this idempotency key, if any: a retried send (the
 * outbox, a double tap) is stored once.
 */
export function findMessageByKey(db: Pick<Database, 'select'>, authorId: number, key: string) {
	return db
		.select({ id: requestMessage.id })
		.from(requestMessage)
		.where(and(eq(requestMessage.authorId, authorId), eq(requestMessage.idempotencyKey, key)))
		.get();
}
