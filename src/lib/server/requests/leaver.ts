/** Requests as a care leaver sees and writes them. */
import { and, asc, count, desc, eq, ne, sql } from 'drizzle-orm';
import { containsCrisisWords } from '$lib/crisis';
import { answererFor } from '../away';
import type { User } from '../auth/session';
import type { Database, Executor } from '../db/connection';
import { requestMessage, supportRequest, user, type ContactMethod } from '../db/schema';

import { getResponseTargets, type SupportRequest } from './targets';
import { readFresh, statusFields } from './status';
import { addMessage, findMessageByKey, hasMessageSince, moveReadMark } from './messages';

// ——— For the care leaver ———

export type NewRequestInput = {
	topic: string;
	offer?: string;
	/** The opportunity on the board the young person is interested in. */
	opportunityId?: number;
	/** The Helping Hands pledge the young person asks for. */
	pledgeId?: number;
	message: string;
	urgent: boolean;
	contactBy: ContactMethod;
	contactDetail?: string;
	contactWhen?: string;
	idempotencyKey: string;
};

/**
 * A care leaver asks for help. Stored once per idempotency key however often it arrives
 * (offline outbox retries, a double tap); the second time returns the first request.
 * Crisis words make it urgent and flag it for staff; they never stop it being sent.
 */
export function createSupportRequest(
	db: Database,
	leaver: User,
	input: NewRequestInput,
	now = Date.now(),
	/** Runs inside the transaction when the request is new (its email is queued there). */
	onCreated?: (tx: Executor, request: SupportRequest) => void
): { request: SupportRequest; created: boolean } {
	const crisis = containsCrisisWords(input.message);
	return db.transaction((tx) => {
		const existing = tx
			.select()
			.from(supportRequest)
			.where(
				and(
					eq(supportRequest.leaverId, leaver.id),
					eq(supportRequest.idempotencyKey, input.idempotencyKey)
				)
			)
			.get();
		if (existing) {
			return { request: existing, created: false };
		}
		// Their PA answers, or the colleague covering while the PA is away (src/lib/server/away.ts).
		const answerer = answererFor(tx, leaver, now);
		const request = tx
			.insert(supportRequest)
			.values({
				leaverId: leaver.id,
				adviserId: answerer.adviserId,
				coverForId: answerer.coverForId,
				topic: input.topic,
				offerSlug: input.offer ?? null,
				opportunityId: input.opportunityId ?? null,
				pledgeId: input.pledgeId ?? null,
				urgent: input.urgent || crisis,
				crisis,
				contactBy: input.contactBy,
				contactDetail: input.contactBy === 'app' ? null : (input.contactDetail ?? null),
				contactWhen: input.contactWhen ?? null,
				idempotencyKey: input.idempotencyKey,
				leaverReadAt: new Date(now),
				createdAt: new Date(now),
				updatedAt: new Date(now)
			})
			.returning()
			.get();
		addMessage(
			tx,
			{ requestId: request.id, authorId: leaver.id, body: input.message, crisis },
			now
		);
		onCreated?.(tx, request);
		return { request, created: true };
	});
}

export function listLeaverRequests(db: Database, leaver: User) {
	return db
		.select()
		.from(supportRequest)
		.where(eq(supportRequest.leaverId, leaver.id))
		.orderBy(desc(supportRequest.updatedAt), desc(supportRequest.id))
		.all();
}

/** A request of this care leaver's, or undefined (also when it is someone else's). */
export function getLeaverRequest(db: Database, leaver: User, id: number) {
	return db
		.select()
		.from(supportRequest)
		.where(and(eq(supportRequest.id, id), eq(supportRequest.leaverId, leaver.id)))
		.get();
}

/** The thread as the young person sees it: messages only, never staff notes. */
export function listMessagesForLeaver(db: Database, requestId: number) {
	return db
		.select({
			id: requestMessage.id,
			body: requestMessage.body,
			createdAt: requestMessage.createdAt,
			authorId: requestMessage.authorId,
			authorName: user.name,
			authorRole: user.role
		})
		.from(requestMessage)
		.innerJoin(user, eq(user.id, requestMessage.authorId))
		.where(and(eq(requestMessage.requestId, requestId), eq(requestMessage.kind, 'message')))
		.orderBy(asc(requestMessage.createdAt), asc(requestMessage.id))
		.all();
}

/**
 * The young person has had their thread in front of them up to `seenUpTo` (the newest message on
 * the page they were shown). Called from the page's `?/seen` POST, never from its load: SvelteKit
 * preloads a page's data when a link is hovered, and that is not reading it. The mark only moves
 * forward and never past now, so a reply that arrived after the page was drawn stays unread.
 */
export function markReadByLeaver(
	db: Database,
	request: SupportRequest,
	seenUpTo: number,
	now = Date.now()
) {
	moveReadMark(db, request, 'leaver', Math.min(seenUpTo, now));
}

/** Whether the young person has a message from staff on this request they have not seen. */
export function isUnreadByLeaver(db: Database, request: SupportRequest) {
	const fromStaff = and(
		eq(requestMessage.kind, 'message'),
		ne(requestMessage.authorId, request.leaverId)
	);
	return hasMessageSince(db, request, fromStaff, request.leaverReadAt);
}

/** A reply from the young person. Re-opens a sorted or waiting request. Idempotent. */
export function replyAsLeaver(
	db: Database,
	leaver: User,
	request: SupportRequest,
	input: { message: string; idempotencyKey: string },
	now = Date.now(),
	/** Runs inside the transaction when the reply is new (its email is queued there). */
	onCreated?: (tx: Executor, reply: { crisis: boolean }) => void
): { created: boolean; crisis: boolean } {
	const crisis = containsCrisisWords(input.message);
	const targets = getResponseTargets(db);
	return db.transaction(
		(tx) => {
			if (findMessageByKey(tx, leaver.id, input.idempotencyKey)) {
				return { created: false, crisis };
			}
			const current = readFresh(tx, request);
			addMessage(
				tx,
				{
					requestId: request.id,
					authorId: leaver.id,
					body: input.message,
					crisis,
					idempotencyKey: input.idempotencyKey
				},
				now
			);
			const reopen = current.status === 'waiting' || current.status === 'resolved';
			tx.update(supportRequest)
				.set({
					...(reopen ? statusFields(current, 'in-progress', now, targets) : {}),
					...(crisis ? { crisis: true, urgent: true } : {}),
					leaverReadAt: new Date(now),
					updatedAt: new Date(now)
				})
				.where(eq(supportRequest.id, request.id))
				.run();
			onCreated?.(tx, { crisis });
			return { created: true, crisis };
		},
		{ behavior: 'immediate' }
	);
}

/** "This is sorted": the young person closes their own request. */
export function markSorted(db: Database, request: SupportRequest, now = Date.now()) {
	const targets = getResponseTargets(db);
	db.transaction(
		(tx) => {
			const current = readFresh(tx, request);
			if (current.status === 'resolved') {
				return;
			}
			tx.update(supportRequest)
				.set(statusFields(current, 'resolved', now, targets))
				.where(eq(supportRequest.id, request.id))
				.run();
		},
		{ behavior: 'immediate' }
	);
}

export function recordHelpful(
	db: Database,
	request: SupportRequest,
	input: { helpful: 'yes' | 'a-bit' | 'no'; comment?: string }
) {
	db.update(supportRequest)
		.set({ helpful: input.helpful, helpfulComment: input.comment ?? null })
		.where(eq(supportRequest.id, request.id))
		.run();
}

/** Requests with a staff message the young person has not seen yet. */
export function countUnreadForLeaver(db: Database, leaver: User) {
	const row = db
		.select({ n: count() })
		.from(supportRequest)
		.where(
			and(
				eq(supportRequest.leaverId, leaver.id),
				sql`EXISTS (SELECT 1 FROM request_message m WHERE m.request_id = support_request.id
					AND m.kind = 'message' AND m.author_id != ${leaver.id}
					AND m.created_at > coalesce(support_request.leaver_read_at, 0))`
			)
		)
		.get();
	return row?.n ?? 0;
}
