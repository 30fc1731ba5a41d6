import { error } from '@sveltejs/kit';
import { formatDateTime } from '$lib/format';
import { idSchema } from '$lib/schemas/account';
import type { User } from './auth/session';
import type { Database } from './db/connection';
import { getUserById } from './users';
import { dueAt, getResponseTargets, isOverdue, type SupportRequest } from './requests';
import { nextWorkingTime } from './working-time';
import { calendarFor } from './requests';

/** What a young person is told about when to expect an answer, in plain words. */
export function describeResponseTarget(db: Database, urgent: boolean) {
	const targets = getResponseTargets(db);
	return urgent
		? `within ${targets.urgentHours} working hours`
		: `within ${targets.normalWorkingDays} working days`;
}

/** The young person's PA and whether the team is working right now. */
export function describeAdviserAvailability(db: Database, leaver: User, now = Date.now()) {
	const adviser = leaver.adviserId ? getUserById(db, leaver.adviserId) : undefined;
	const targets = getResponseTargets(db);
	const { open, opensAt } = nextWorkingTime(now, calendarFor(targets));
	return {
		adviserName: adviser?.name ?? null,
		workingNow: open,
		backAt: open ? null : formatDateTime(opensAt),
		urgentTarget: describeResponseTarget(db, true),
		normalTarget: describeResponseTarget(db, false)
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
		error(404, 'We could not find that request.');
	}
	return request;
}
