import { and, asc, count, desc, eq, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { containsCrisisWords } from '$lib/crisis';
import {
	DEFAULT_RESPONSE_TARGETS,
	responseTargetsSchema,
	type ResponseTargets
} from '$lib/schemas/requests';
import { recordAudit } from './audit';
import type { User } from './auth/session';
import type { Database, Executor } from './db/connection';
import {
	requestMessage,
	savedReply,
	setting,
	supportRequest,
	user,
	type ContactMethod,
	type RequestStatus
} from './db/schema';
import {
	addWorkingTime,
	DEFAULT_CALENDAR,
	workingTimeBetween,
	type WorkingCalendar
} from './working-time';

export type SupportRequest = typeof supportRequest.$inferSelect;
export type RequestMessage = typeof requestMessage.$inferSelect;

const HOUR = 3_600_000;
const TARGETS_KEY = 'response-targets';

// ——— Response targets ———

export function getResponseTargets(db: Database): ResponseTargets {
	const row = db.select().from(setting).where(eq(setting.key, TARGETS_KEY)).get();
	const parsed = responseTargetsSchema.safeParse(row?.value);
	return parsed.success ? parsed.data : DEFAULT_RESPONSE_TARGETS;
}

export function saveResponseTargets(db: Database, targets: ResponseTargets) {
	db.insert(setting)
		.values({ key: TARGETS_KEY, value: targets })
		.onConflictDoUpdate({ target: setting.key, set: { value: targets, updatedAt: new Date() } })
		.run();
}

function minutes(time: string) {
	const [hours, mins] = time.split(':').map(Number);
	return hours * 60 + mins;
}

export function calendarFor(targets: ResponseTargets): WorkingCalendar {
	return {
		...DEFAULT_CALENDAR,
		dayStartMinutes: minutes(targets.dayStart),
		dayEndMinutes: minutes(targets.dayEnd)
	};
}

/** The working time allowed for a first response. Working days are whole working days. */
export function targetWorkingMs(urgent: boolean, targets: ResponseTargets) {
	const calendar = calendarFor(targets);
	const dayMs = (calendar.dayEndMinutes - calendar.dayStartMinutes) * 60_000;
	return urgent ? targets.urgentHours * HOUR : targets.normalWorkingDays * dayMs;
}

/**
 * When a first response is due. Time spent waiting for the young person does not count:
 * it pushes the due time back (and while waiting, nothing is overdue).
 */
export function dueAt(
	request: Pick<SupportRequest, 'createdAt' | 'urgent' | 'pausedWorkingMs' | 'waitingSince'>,
	targets: ResponseTargets,
	now = Date.now()
): Date {
	const calendar = calendarFor(targets);
	const paused =
		request.pausedWorkingMs +
		(request.waitingSince ? workingTimeBetween(request.waitingSince.getTime(), now, calendar) : 0);
	return new Date(
		addWorkingTime(
			request.createdAt.getTime(),
			targetWorkingMs(request.urgent, targets) + paused,
			calendar
		)
	);
}

export function isOverdue(
	request: Pick<
		SupportRequest,
		'createdAt' | 'urgent' | 'pausedWorkingMs' | 'waitingSince' | 'firstResponseAt' | 'status'
	>,
	targets: ResponseTargets,
	now = Date.now()
) {
	if (request.firstResponseAt || request.status === 'resolved' || request.status === 'waiting') {
		return false;
	}
	return now > dueAt(request, targets, now).getTime();
}

// ——— Status ———

/** Which status changes staff may make. Anything else is refused. */
export const STATUS_TRANSITIONS: Record<RequestStatus, readonly RequestStatus[]> = {
	new: ['in-progress', 'waiting', 'resolved'],
	'in-progress': ['waiting', 'resolved'],
	waiting: ['in-progress', 'resolved'],
	resolved: ['in-progress']
};

export function canChangeStatus(from: RequestStatus, to: RequestStatus) {
	return STATUS_TRANSITIONS[from].includes(to);
}

/** The fields that change with a status, keeping the paused clock right. */
function statusFields(
	request: SupportRequest,
	to: RequestStatus,
	now: number,
	targets: ResponseTargets
) {
	const fields: Partial<typeof supportRequest.$inferInsert> = {
		status: to,
		updatedAt: new Date(now)
	};
	if (request.waitingSince && to !== 'waiting') {
		fields.pausedWorkingMs =
			request.pausedWorkingMs +
			workingTimeBetween(request.waitingSince.getTime(), now, calendarFor(targets));
		fields.waitingSince = null;
	}
	if (to === 'waiting' && !request.waitingSince) {
		fields.waitingSince = new Date(now);
	}
	fields.resolvedAt = to === 'resolved' ? new Date(now) : null;
	return fields;
}

/**
 * The request as it is now, read inside the (immediate) transaction that decides on it. An
 * action holds its copy across `await request.formData()`, and another reply or status change
 * may land meanwhile: deciding on that copy would put back its old status or first reply time.
 */
function readFresh(tx: Executor, request: Pick<SupportRequest, 'id'>): SupportRequest {
	const current = tx.select().from(supportRequest).where(eq(supportRequest.id, request.id)).get();
	if (!current) {
		throw new Error(`Request ${request.id} is not in the database`);
	}
	return current;
}

// ——— For the care leaver ———

export type NewRequestInput = {
	topic: string;
	offer?: string;
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
	now = Date.now()
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
		const request = tx
			.insert(supportRequest)
			.values({
				leaverId: leaver.id,
				adviserId: leaver.adviserId,
				topic: input.topic,
				offerSlug: input.offer ?? null,
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
		tx.insert(requestMessage)
			.values({
				requestId: request.id,
				authorId: leaver.id,
				kind: 'message',
				body: input.message,
				crisis,
				createdAt: new Date(now)
			})
			.run();
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

/** Moves one of a request's two read marks forward to `to` (never back). */
function moveReadMark(
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

/** Whether the young person has a message from staff on this request they have not seen. */
export function isUnreadByLeaver(db: Database, request: SupportRequest) {
	return (
		db
			.select({ id: requestMessage.id })
			.from(requestMessage)
			.where(
				and(
					eq(requestMessage.requestId, request.id),
					eq(requestMessage.kind, 'message'),
					ne(requestMessage.authorId, request.leaverId),
					sql`${requestMessage.createdAt} > ${request.leaverReadAt?.getTime() ?? 0}`
				)
			)
			.get() !== undefined
	);
}

/**
 * The message this author already sent with this idempotency key, if any: a retried send (the
 * outbox, a double tap) is stored once.
 */
function findMessageByKey(db: Pick<Database, 'select'>, authorId: number, key: string) {
	return db
		.select({ id: requestMessage.id })
		.from(requestMessage)
		.where(and(eq(requestMessage.authorId, authorId), eq(requestMessage.idempotencyKey, key)))
		.get();
}

/** A reply from the young person. Re-opens a sorted or waiting request. Idempotent. */
export function replyAsLeaver(
	db: Database,
	leaver: User,
	request: SupportRequest,
	input: { message: string; idempotencyKey: string },
	now = Date.now()
): { created: boolean; crisis: boolean } {
	const crisis = containsCrisisWords(input.message);
	const targets = getResponseTargets(db);
	return db.transaction(
		(tx) => {
			if (findMessageByKey(tx, leaver.id, input.idempotencyKey)) {
				return { created: false, crisis };
			}
			const current = readFresh(tx, request);
			tx.insert(requestMessage)
				.values({
					requestId: request.id,
					authorId: leaver.id,
					kind: 'message',
					body: input.message,
					crisis,
					idempotencyKey: input.idempotencyKey,
					createdAt: new Date(now)
				})
				.run();
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

// ——— For staff ———

/** Which requests a member of staff may see: a lead all; a PA their caseload's and those handed to them. */
function visibleTo(viewer: User): SQL | undefined {
	if (viewer.role === 'lead') {
		return undefined;
	}
	return or(
		eq(supportRequest.adviserId, viewer.id),
		sql`support_request.leaver_id IN (SELECT c.id FROM user c WHERE c.adviser_id = ${viewer.id})`
	);
}

export function getRequestForStaff(db: Database, viewer: User, id: number) {
	if (viewer.role === 'leaver') {
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
	return request.adviserId === null ? viewer.role !== 'leaver' : request.adviserId === viewer.id;
}

/** Whether the young person wrote something here that the viewer's read mark has not reached. */
export function isUnreadForStaff(db: Database, viewer: User, request: SupportRequest) {
	if (!holdsReadMark(viewer, request)) {
		return false;
	}
	return (
		db
			.select({ id: requestMessage.id })
			.from(requestMessage)
			.where(
				and(
					eq(requestMessage.requestId, request.id),
					eq(requestMessage.authorId, request.leaverId),
					sql`${requestMessage.createdAt} > ${request.adviserReadAt?.getTime() ?? 0}`
				)
			)
			.get() !== undefined
	);
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
			tx.insert(requestMessage)
				.values({
					requestId: request.id,
					authorId: staff.id,
					kind: 'message',
					body: input.message,
					idempotencyKey: input.idempotencyKey ?? null,
					createdAt: new Date(now)
				})
				.run();
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
		tx.insert(requestMessage)
			.values({
				requestId: request.id,
				authorId: staff.id,
				kind: 'note',
				body,
				createdAt: new Date(now)
			})
			.run();
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
	now = Date.now()
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
			tx.insert(requestMessage)
				.values({
					requestId: request.id,
					authorId: staff.id,
					kind: 'note',
					body: `Handed over to ${adviser.name}.${input.note ? ` ${input.note}` : ''}`,
					createdAt: new Date(now)
				})
				.run();
			recordAudit(tx, {
				actorId: staff.id,
				action: 'request-handed-over',
				subjectUserId: request.leaverId,
				target: `request:${request.id}`,
				detail: { from: current.adviserId, to: adviser.id }
			});
		},
		{ behavior: 'immediate' }
	);
	return { ok: true, adviserName: adviser.name };
}

// ——— Saved replies (managed by leads) ———

export function listSavedReplies(db: Database) {
	return db.select().from(savedReply).orderBy(asc(savedReply.position), asc(savedReply.id)).all();
}

export function createSavedReply(db: Database, input: { title: string; body: string }) {
	const last = db
		.select({ position: sql<number>`coalesce(max(${savedReply.position}), 0)` })
		.from(savedReply)
		.get();
	return db
		.insert(savedReply)
		.values({ ...input, position: (last?.position ?? 0) + 1 })
		.returning()
		.get();
}

export function updateSavedReply(db: Database, id: number, input: { title: string; body: string }) {
	return db
		.update(savedReply)
		.set({ ...input, updatedAt: new Date() })
		.where(eq(savedReply.id, id))
		.run().changes;
}

export function deleteSavedReply(db: Database, id: number) {
	return db.delete(savedReply).where(eq(savedReply.id, id)).run().changes;
}

export const DEFAULT_SAVED_REPLIES = [
	{
		title: 'Got your message',
		body: "Hi, thanks for your message. I've read it and I'm looking into it. I'll get back to you soon."
	},
	{
		title: 'Can we talk?',
		body: 'Hi, thanks for getting in touch. It would help to talk about this. When is a good time to call you?'
	}
];

/** Starting saved replies for a demo; real councils write their own on /lead/saved-replies. */
export function seedSavedReplies(db: Database) {
	if (listSavedReplies(db).length === 0) {
		DEFAULT_SAVED_REPLIES.forEach((reply) => createSavedReply(db, reply));
	}
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
