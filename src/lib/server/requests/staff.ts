/** Requests as staff see and answer them: the inbox, replies, notes, status and hand-overs. */
import { and, asc, count, eq, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../audit';
import type { User } from '../auth/session';
import type { Database, Executor } from '../db/connection';
import { requestMessage, supportRequest, user, type RequestStatus } from '../db/schema';

import { dueAt, getResponseTargets, isOverdue, type SupportRequest } from './targets';
import { canChangeStatus, readFresh, statusFields } from './status';
import { addMessage, findMessageByKey, hasMessageSince, moveReadMark } from './messages';

// ——— For staff ———

/** Which requests a member of staff may see: a lead all; a PA their caseload's and those handed to them. */
export function visibleTo(viewer: User): SQL | undefined {
	if (viewer.role === 'lead') {
		return undefined;
	}
	return or(
		eq(supportRequest.adviserId, viewer.id),
		sql`support_request.leaver_id IN (SELECT c.id FROM user c WHERE c.adviser_id = ${viewer.id})`
	);
}

export function getRequestForStaff(db: Database, viewer: User, id: number) {
	if (viewer.role !== 'adviser' && viewer.role !== 'lead') {
		return undefined;
	}
	return db
		.select()
		.from(supportRequest)
		.where(and(eq(supportRequest.id, id), visibleTo(viewer)))
		.get();
}

export type InboxFilters = {
	status?: RequestStatus;
	urgent?: boolean;
	overdue?: boolean;
	/** "mine": handed to or answered by me; "team": everything I may see. */
	scope?: 'mine' | 'team';
};

export function listInbox(db: Database, viewer: User, filters: InboxFilters, now = Date.now()) {
	const targets = getResponseTargets(db);
	const conditions: (SQL | undefined)[] = [visibleTo(viewer)];
	if (filters.status) {
		conditions.push(eq(supportRequest.status, filters.status));
	} else {
		conditions.push(ne(supportRequest.status, 'resolved'));
	}
	if (filters.urgent) {
		conditions.push(eq(supportRequest.urgent, true));
	}
	if (filters.scope === 'mine') {
		conditions.push(eq(supportRequest.adviserId, viewer.id));
	}
	const adviser = sql<
		string | null
	>`(SELECT a.name FROM user a WHERE a.id = support_request.adviser_id)`;
	const rows = db
		.select({
			request: supportRequest,
			leaverName: user.name,
			adviserName: adviser,
			opportunityTitle: sql<string | null>`(SELECT o.title FROM opportunity o
				WHERE o.id = support_request.opportunity_id)`,
			opportunityClosesOn: sql<string | null>`(SELECT o.closes_on FROM opportunity o
				WHERE o.id = support_request.opportunity_id)`,
			lastLeaverMessageAt: sql<number | null>`(SELECT max(m.created_at) FROM request_message m
				WHERE m.request_id = support_request.id AND m.author_id = support_request.leaver_id)`
		})
		.from(supportRequest)
		.innerJoin(user, eq(user.id, supportRequest.leaverId))
		.where(and(...conditions))
		.all()
		.map((row) => {
			const due = dueAt(row.request, targets, now);
			return {
				...row,
				due,
				overdue: isOverdue(row.request, targets, now),
				unread:
					row.lastLeaverMessageAt !== null &&
					row.lastLeaverMessageAt > (row.request.adviserReadAt?.getTime() ?? 0)
			};
		})
		.filter((row) => !filters.overdue || row.overdue);
	// Urgent first, then overdue, then the oldest waiting longest.
	return rows.sort(
		(a, b) =>
			Number(b.request.urgent) - Number(a.request.urgent) ||
			Number(b.overdue) - Number(a.overdue) ||
			a.request.createdAt.getTime() - b.request.createdAt.getTime()
	);
}

export function countNewForStaff(db: Database, viewer: User) {
	return (
		db
			.select({ n: count() })
			.from(supportRequest)
			.where(and(eq(supportRequest.status, 'new'), visibleTo(viewer)))
			.get()?.n ?? 0
	);
}

/** The whole thread for staff, notes included (marked as such). */
export function listMessagesForStaff(db: Database, requestId: number) {
	return db
		.select({
			id: requestMessage.id,
			kind: requestMessage.kind,
			body: requestMessage.body,
			crisis: requestMessage.crisis,
			createdAt: requestMessage.createdAt,
			authorName: user.name,
			authorRole: user.role
		})
		.from(requestMessage)
		.innerJoin(user, eq(user.id, requestMessage.authorId))
		.where(eq(requestMessage.requestId, requestId))
		.orderBy(asc(requestMessage.createdAt), asc(requestMessage.id))
		.all();
}

/**
 * Whose read mark a request's `adviserReadAt` is: the PA holding the request, or, while no PA
 * holds it, any member of staff who may see it. A lead (or the young person's own PA, after a
 * hand-over) looking at someone else's request must not clear that PA's "Unread".
 */
export function holdsReadMark(viewer: User, request: Pick<SupportRequest, 'adviserId'>) {
	return request.adviserId === null
		? viewer.role === 'adviser' || viewer.role === 'lead'
		: request.adviserId === viewer.id;
}

/** Whether the young person wrote something here that the viewer's read mark has not reached. */
export function isUnreadForStaff(db: Database, viewer: User, request: SupportRequest) {
	if (!holdsReadMark(viewer, request)) {
		return false;
	}
	const fromLeaver = eq(requestMessage.authorId, request.leaverId);
	return hasMessageSince(db, request, fromLeaver, request.adviserReadAt);
}

/**
 * A member of staff has the request in front of them: the page's `?/seen` POST, sent once per
 * view when the page is actually shown. Never the page's load, which also runs when a link is
 * only hovered (SvelteKit preloads). Audited as opened, for every viewer; the read mark moves up
 * to `seenUpTo` (the newest message they were shown) only if it is theirs (`holdsReadMark`).
 */
export function recordRequestSeenByStaff(
	db: Database,
	viewer: User,
	request: SupportRequest,
	seenUpTo: number,
	now = Date.now()
) {
	db.transaction(
		(tx) => {
			// Whose mark it is now: the request may have been handed over since the page was drawn.
			if (holdsReadMark(viewer, readFresh(tx, request))) {
				moveReadMark(tx, request, 'adviser', Math.min(seenUpTo, now));
			}
			recordAudit(tx, {
				actorId: viewer.id,
				action: 'request-opened',
				subjectUserId: request.leaverId,
				target: `request:${request.id}`,
				at: new Date(now)
			});
		},
		{ behavior: 'immediate' }
	);
}

/** A reply to the young person: the first one stops the response clock. */
export function replyAsStaff(
	db: Database,
	staff: User,
	request: SupportRequest,
	input: { message: string; idempotencyKey?: string },
	now = Date.now()
): { created: boolean } {
	const targets = getResponseTargets(db);
	return db.transaction(
		(tx) => {
			if (input.idempotencyKey && findMessageByKey(tx, staff.id, input.idempotencyKey)) {
				return { created: false };
			}
			const current = readFresh(tx, request);
			addMessage(
				tx,
				{
					requestId: request.id,
					authorId: staff.id,
					body: input.message,
					idempotencyKey: input.idempotencyKey ?? null
				},
				now
			);
			tx.update(supportRequest)
				.set({
					...(current.status === 'new' ? statusFields(current, 'in-progress', now, targets) : {}),
					// The first reply stops the response clock; a reply racing it must not restart it.
					firstResponseAt: current.firstResponseAt ?? new Date(now),
					// Replying is reading: but only the holder's mark (see holdsReadMark).
					...(holdsReadMark(staff, current) ? { adviserReadAt: new Date(now) } : {}),
					updatedAt: new Date(now)
				})
				.where(eq(supportRequest.id, request.id))
				.run();
			recordAudit(tx, {
				actorId: staff.id,
				action: 'request-replied',
				subjectUserId: request.leaverId,
				target: `request:${request.id}`
			});
			return { created: true };
		},
		{ behavior: 'immediate' }
	);
}

/** A note for staff only: never shown to the young person. */
export function addInternalNote(
	db: Database,
	staff: User,
	request: SupportRequest,
	body: string,
	now = Date.now()
) {
	db.transaction((tx) => {
		addMessage(tx, { requestId: request.id, authorId: staff.id, kind: 'note', body }, now);
		recordAudit(tx, {
			actorId: staff.id,
			action: 'request-note-added',
			subjectUserId: request.leaverId,
			target: `request:${request.id}`
		});
	});
}

export function changeRequestStatus(
	db: Database,
	staff: User,
	request: SupportRequest,
	to: RequestStatus,
	now = Date.now()
): { ok: true } | { ok: false; message: string } {
	const targets = getResponseTargets(db);
	return db.transaction(
		(tx): { ok: true } | { ok: false; message: string } => {
			// Checked against the status it has now, not the one the page was drawn with.
			const current = readFresh(tx, request);
			if (!canChangeStatus(current.status, to)) {
				return { ok: false, message: `A request that is ${current.status} cannot become ${to}.` };
			}
			tx.update(supportRequest)
				.set(statusFields(current, to, now, targets))
				.where(eq(supportRequest.id, request.id))
				.run();
			recordAudit(tx, {
				actorId: staff.id,
				action: 'request-status-changed',
				subjectUserId: request.leaverId,
				target: `request:${request.id}`,
				detail: { from: current.status, to }
			});
			return { ok: true };
		},
		{ behavior: 'immediate' }
	);
}

export function handOverRequest(
	db: Database,
	staff: User,
	request: SupportRequest,
	input: { adviserId: number; note?: string },
	now = Date.now(),
	/** Runs inside the transaction (the new PA's email is queued there). */
	onHandedOver?: (tx: Executor) => void
): { ok: true; adviserName: string } | { ok: false; message: string } {
	const adviser = db.select().from(user).where(eq(user.id, input.adviserId)).get();
	if (!adviser || adviser.role !== 'adviser' || adviser.disabledAt) {
		return { ok: false, message: 'Choose a PA from the list' };
	}
	db.transaction(
		(tx) => {
			const current = readFresh(tx, request);
			tx.update(supportRequest)
				.set({ adviserId: adviser.id, adviserReadAt: null, updatedAt: new Date(now) })
				.where(eq(supportRequest.id, request.id))
				.run();
			const body = `Handed over to ${adviser.name}.${input.note ? ` ${input.note}` : ''}`;
			addMessage(tx, { requestId: request.id, authorId: staff.id, kind: 'note', body }, now);
			recordAudit(tx, {
				actorId: staff.id,
				action: 'request-handed-over',
				subjectUserId: request.leaverId,
				target: `request:${request.id}`,
				detail: { from: current.adviserId, to: adviser.id }
			});
			onHandedOver?.(tx);
		},
		{ behavior: 'immediate' }
	);
	return { ok: true, adviserName: adviser.name };
}

/** The people advisers can hand a request to (not the one holding it). */
export function listHandOverTargets(db: Database, request: SupportRequest) {
	return db
		.select({ id: user.id, name: user.name })
		.from(user)
		.where(
			and(
				eq(user.role, 'adviser'),
				isNull(user.disabledAt),
				request.adviserId ? ne(user.id, request.adviserId) : undefined
			)
		)
		.orderBy(asc(user.name))
		.all();
}
