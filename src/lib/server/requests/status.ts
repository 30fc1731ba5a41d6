/** A request's status: the moves allowed, and the row as it is now when deciding on one. */
import { eq } from 'drizzle-orm';
import type { ResponseTargets } from '$lib/schemas/requests';
import type { Executor } from '../db/connection';
import { supportRequest, type RequestStatus } from '../db/schema';
import { workingTimeBetween } from '../working-time';

import { calendarFor, type SupportRequest } from './targets';

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
export function statusFields(
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
export function readFresh(tx: Executor, request: Pick<SupportRequest, 'id'>): SupportRequest {
	const current = tx.select().from(supportRequest).where(eq(supportRequest.id, request.id)).get();
	if (!current) {
		throw new Error(`Request ${request.id} is not in the database`);
	}
	return current;
}
