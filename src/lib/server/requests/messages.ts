/** What every request's messages share: read marks, and sending a message once. */
import { and, eq, sql, type SQL } from 'drizzle-orm';
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

/** Adds a message (seen by both sides) or an internal note (staff only) to a request. */
export function addMessage(
	db: Executor,
	message: {
		requestId: number;
		authorId: number;
		body: string;
		kind?: 'message' | 'note';
		crisis?: boolean;
		idempotencyKey?: string | null;
	},
	now: number
) {
	db.insert(requestMessage)
		.values({ kind: 'message', ...message, createdAt: new Date(now) })
		.run();
}

/** Whether the request has a message from `from` newer than the read mark `readAt`. */
export function hasMessageSince(
	db: Pick<Database, 'select'>,
	request: Pick<SupportRequest, 'id'>,
	from: SQL | undefined,
	readAt: Date | null
) {
	const newer = db
		.select({ id: requestMessage.id })
		.from(requestMessage)
		.where(
			and(
				eq(requestMessage.requestId, request.id),
				from,
				sql`${requestMessage.createdAt} > ${readAt?.getTime() ?? 0}`
			)
		)
		.get();
	return newer !== undefined;
}
