import { error, fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { formatDateTime } from '$lib/format';
import { formatDate } from '$lib/london-time';
import { m } from '$lib/paraglide/messages';
import { idSchema } from '$lib/schemas/account';
import { seenSchema } from '$lib/schemas/requests';
import { echo, fieldErrors, readForm } from './forms';
import type { User } from './auth/session';
import type { Database } from './db/connection';
import { answererFor, isAway } from './away';
import { getUserById } from './users';
import { dueAt, getResponseTargets, isOverdue, type SupportRequest } from './requests';
import { nextWorkingTime } from './working-time';
import { calendarFor } from './requests';

/**
 * Who answers while the young person's PA is away (src/lib/server/away.ts), for a request made
 * now (`answererFor`) or one made while they were away; null when their PA answers. The colleague
 * is null when the team inbox covers.
 */
export function describeCover(
	db: Database,
	answerer: { adviserId: number | null; coverForId: number | null },
	now = Date.now()
) {
	const pa = answerer.coverForId === null ? undefined : getUserById(db, answerer.coverForId);
	if (!pa || !isAway(pa, now)) {
		return null;
	}
	const cover = answerer.adviserId === null ? undefined : getUserById(db, answerer.adviserId);
	return {
		paName: pa.name,
		awayUntil: formatDate(`${pa.awayUntil}T12:00:00Z`),
		coverName: cover?.name ?? null
	};
}

/**
 * The young person's PA, whether the team is working right now, and how soon they answer (the
 * page says it in the young person's language).
 */
export function describeAdviserAvailability(db: Database, leaver: User, now = Date.now()) {
	const adviser = leaver.adviserId ? getUserById(db, leaver.adviserId) : undefined;
	const targets = getResponseTargets(db);
	const { open, opensAt } = nextWorkingTime(now, calendarFor(targets));
	return {
		adviserName: adviser?.name ?? null,
		away: describeCover(db, answererFor(db, leaver, now), now),
		workingNow: open,
		backAt: open ? null : formatDateTime(opensAt),
		urgentHours: targets.urgentHours,
		normalWorkingDays: targets.normalWorkingDays
	};
}

/** A request as its young person sees it in the list. */
export function toLeaverRequestSummary(db: Database, request: SupportRequest, now = Date.now()) {
	const targets = getResponseTargets(db);
	return {
		id: request.id,
		topic: request.topic,
		offerSlug: request.offerSlug,
		status: request.status,
		urgent: request.urgent,
		createdAt: request.createdAt,
		updatedAt: request.updatedAt,
		answered: request.firstResponseAt !== null,
		expectAnswerBy:
			request.firstResponseAt || request.status === 'resolved'
				? null
				: dueAt(request, targets, now),
		overdue: isOverdue(request, targets, now)
	};
}

/**
 * The request the address names (`[id]`), if `find` gives it to the person asking; 404 otherwise,
 * also when it exists but is not theirs, so nobody learns which requests exist.
 */
export function findRequestOr404<T>(
	idParam: string | undefined,
	find: (id: number) => T | undefined
): T {
	const id = idSchema.safeParse(idParam);
	const request = id.success ? find(id.data) : undefined;
	if (!request) {
		error(404, m.leaver_request_not_found());
	}
	return request;
}

/**
 * A reply posted from a request page (the young person's or the staff one), checked by `schema`.
 * Refused, `failure` is the 400 that shows the reason beside the box with their words still in it.
 */
export async function readReplyForm<Schema extends z.ZodType>(request: Request, schema: Schema) {
	const form = await readForm(request);
	const parsed = schema.safeParse(form);
	if (!parsed.success) {
		const reply = { ...echo(form, { message: 6000 }), errors: fieldErrors(parsed.error) };
		return { ok: false as const, failure: fail(400, { reply }) };
	}
	return { ok: true as const, reply: parsed.data as z.infer<Schema> };
}

/**
 * The newest message a request page showed, from its `?/seen` post: the read mark stops there,
 * so a message that came later stays unread.
 */
export async function readSeenForm(request: Request) {
	const parsed = seenSchema.safeParse(await readForm(request));
	if (!parsed.success) {
		const seen = { message: 'Please reload the page and try again.' };
		return { ok: false as const, failure: fail(400, { seen }) };
	}
	return { ok: true as const, seenUpTo: parsed.data.seenUpTo };
}
