/**
 * Emails nobody's action causes, found by looking: a request that will soon be late (once per
 * request) and each lead's weekly count of late ones (once per week, from Monday 8am UK time).
 */
import { and, eq, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import { londonDay, londonTimeToUtc, parseDay, weekStart } from '$lib/london-time';
import type { Database } from '../db/connection';
import { mailOutbox, supportRequest, user } from '../db/schema';
import {
	calendarFor,
	dueAt,
	getResponseTargets,
	isOverdue,
	targetWorkingMs
} from '../requests/targets';
import { workingTimeBetween } from '../working-time';
import { wantsNotice } from './choices';
import { emailIsSetUp, queueMail, queueRequestMail } from './queue';

const HOUR = 3_600_000;
/** The weekly summary goes from this time on Monday (UK time), when the team starts the week. */
export const WEEKLY_SUMMARY_MINUTES = 8 * 60;

/** How much working time before a request is due its PA is told: a quarter, at most 2 hours. */
export function overdueSoonWarning(
	urgent: boolean,
	targets: ReturnType<typeof getResponseTargets>
) {
	return Math.min(2 * HOUR, targetWorkingMs(urgent, targets) / 4);
}

function openUnansweredRequests(db: Database) {
	return db
		.select()
		.from(supportRequest)
		.where(
			and(
				inArray(supportRequest.status, ['new', 'in-progress']),
				isNull(supportRequest.firstResponseAt)
			)
		)
		.all();
}

/** Queues "needs an answer soon" for each request about to be late; returns how many. */
export function queueOverdueSoon(db: Database, now = Date.now()) {
	const targets = getResponseTargets(db);
	const calendar = calendarFor(targets);
	let queued = 0;
	for (const request of openUnansweredRequests(db)) {
		// No PA and no one covering: nobody to tell (leads see it in the weekly count).
		if (!request.adviserId && !request.coverForId) {
			continue;
		}
		const due = dueAt(request, targets, now).getTime();
		// Already late: too late for "soon" (a lead sees it in the weekly count).
		if (due <= now) {
			continue;
		}
		if (workingTimeBetween(now, due, calendar) > overdueSoonWarning(request.urgent, targets)) {
			continue;
		}
		queued += queueRequestMail(db, request, 'overdue-soon', `overdue-soon:${request.id}`, { now });
	}
	return queued;
}

/** Queues each lead's count of late requests, once a week from Monday 8am; returns how many. */
export function queueWeeklyOverdue(db: Database, now = Date.now()) {
	const monday = weekStart(londonDay(now));
	if (now < londonTimeToUtc(parseDay(monday), WEEKLY_SUMMARY_MINUTES)) {
		return 0;
	}
	const targets = getResponseTargets(db);
	const count = openUnansweredRequests(db).filter((request) =>
		isOverdue(request, targets, now)
	).length;
	if (count === 0) {
		return 0;
	}
	const leads = db
		.select()
		.from(user)
		.where(and(eq(user.role, 'lead'), isNull(user.disabledAt), isNotNull(user.email)))
		.all();
	let queued = 0;
	for (const lead of leads) {
		if (!lead.email || !wantsNotice(lead, 'weekly-overdue', 'email')) {
			continue;
		}
		queued += queueMail(
			db,
			'weekly-overdue',
			[{ userId: lead.id, address: lead.email }],
			`weekly-overdue:${monday}:${lead.id}`,
			{ path: '/staff?overdue=1&scope=team', count },
			now
		);
	}
	return queued;
}

/** A sent email is kept this long (for "did it go?"), then deleted: it holds a work address. */
export const SENT_MAIL_KEEP_DAYS = 30;

export function deleteSentMail(db: Database, now = Date.now()) {
	const before = new Date(now - SENT_MAIL_KEEP_DAYS * 24 * HOUR);
	return db.delete(mailOutbox).where(lt(mailOutbox.sentAt, before)).run().changes;
}

export function runMailSweeps(db: Database, now = Date.now()) {
	if (!emailIsSetUp()) {
		return;
	}
	queueOverdueSoon(db, now);
	queueWeeklyOverdue(db, now);
	deleteSentMail(db, now);
}
