/** How fast requests should be answered: the targets, working time and due times. */
import {
	DEFAULT_RESPONSE_TARGETS,
	responseTargetsSchema,
	type ResponseTargets
} from '$lib/schemas/requests';
import { readSetting, writeSetting } from '../settings';
import type { Database } from '../db/connection';
import { requestMessage, supportRequest } from '../db/schema';
import {
	addWorkingTime,
	DEFAULT_CALENDAR,
	workingTimeBetween,
	type WorkingCalendar
} from '../working-time';

export type SupportRequest = typeof supportRequest.$inferSelect;
export type RequestMessage = typeof requestMessage.$inferSelect;

export const HOUR = 3_600_000;
export const TARGETS_KEY = 'response-targets';

// ——— Response targets ———

export function getResponseTargets(db: Database): ResponseTargets {
	return readSetting(db, TARGETS_KEY, responseTargetsSchema, DEFAULT_RESPONSE_TARGETS);
}

/** A lead sets the response targets; audited with the new values. */
export function saveResponseTargets(db: Database, lead: { id: number }, targets: ResponseTargets) {
	writeSetting(db, lead, TARGETS_KEY, targets, { target: 'response-targets', detail: targets });
}

export function minutes(time: string) {
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
