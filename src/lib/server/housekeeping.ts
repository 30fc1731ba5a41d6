import { lt, or } from 'drizzle-orm';
import { runAnalyticsJobs, DEFAULT_RETENTION_MONTHS } from './analytics/jobs';
import { deleteExpiredSessions } from './auth/session';
import { deleteOldThrottleFailures } from './auth/throttle';
import { deleteOldCheckIns } from './check-ins';
import { CHECK_IN_RETENTION_MONTHS } from './config';
import type { Database } from './db/connection';
import { invite } from './db/schema';
import { sendEventReminders } from './events';
import { sendKeepingInTouchReminders } from './reminders';

const DAY = 24 * 60 * 60_000;

/**
 * An invite that can no longer be used is kept this long after it was used, replaced or ran out.
 * Until then someone who tries a used code is told "That code has already been used. If that was
 * not you, tell your PA" (a warning that matters) rather than "We do not recognise that code", and
 * the PA still sees "invite code ran out" and knows to give a new one.
 */
export const SPENT_INVITE_KEEP_DAYS = 30;

/**
 * Deletes invites that were used, replaced or ran out more than SPENT_INVITE_KEEP_DAYS ago. Only
 * hashes are stored, but a table of dead codes is still data nobody needs.
 */
export function deleteSpentInvites(db: Database, now = Date.now()): number {
	const before = new Date(now - SPENT_INVITE_KEEP_DAYS * DAY);
	return db
		.delete(invite)
		.where(
			or(lt(invite.usedAt, before), lt(invite.revokedAt, before), lt(invite.expiresAt, before))
		)
		.run().changes;
}

export type HousekeepingResult = {
	sessions: number;
	signInFailures: number;
	invites: number;
	rolledUp: number;
	events: number;
	/** Young people reminded of an event tomorrow. */
	eventReminders: number;
	/** Check-ins past their time (health data, kept CHECK_IN_RETENTION_MONTHS). */
	checkIns: number;
	/** Check-in prompts and pathway plan review reminders sent. */
	keepingInTouchReminders: number;
	errors: number;
};

/**
 * One round of housekeeping: expired sessions, old failed sign-ins, spent invites, then the analytics rollup and the
 * raw events past their retention, then the day-before reminders of events, then old check-ins, then the check-in prompts and review reminders. Each job runs even if another failed; failures are logged.
 */
export function runHousekeeping(
	db: Database,
	{
		now,
		retentionMonths = DEFAULT_RETENTION_MONTHS,
		checkInRetentionMonths = CHECK_IN_RETENTION_MONTHS
	}: { now: Date; retentionMonths?: number; checkInRetentionMonths?: number }
): HousekeepingResult {
	const result: HousekeepingResult = {
		sessions: 0,
		signInFailures: 0,
		invites: 0,
		rolledUp: 0,
		events: 0,
		eventReminders: 0,
		checkIns: 0,
		keepingInTouchReminders: 0,
		errors: 0
	};
	const attempt = (job: string, work: () => void) => {
		try {
			work();
		} catch (error) {
			result.errors += 1;
			console.error(`Housekeeping (${job}) failed; it will try again on the next round.`, error);
		}
	};
	attempt('sessions', () => {
		result.sessions = deleteExpiredSessions(db, now.getTime());
	});
	// Failed sign-ins only count for the throttle's window (5 minutes); older ones are noise.
	attempt('sign-in failures', () => {
		result.signInFailures = deleteOldThrottleFailures(db, now.getTime());
	});
	attempt('invites', () => {
		result.invites = deleteSpentInvites(db, now.getTime());
	});
	attempt('analytics', () => {
		const { rolledUp, deleted } = runAnalyticsJobs(db, { now, retentionMonths });
		result.rolledUp = rolledUp;
		result.events = deleted;
	});
	// Once a minute is often enough: a reminder goes any time on the day before.
	attempt('event reminders', () => {
		result.eventReminders = sendEventReminders(db, now);
	});
	attempt('check-ins', () => {
		result.checkIns = deleteOldCheckIns(db, checkInRetentionMonths, now);
	});
	attempt('keeping-in-touch reminders', () => {
		result.keepingInTouchReminders = sendKeepingInTouchReminders(db, now);
	});
	return result;
}

let stopRunning: (() => void) | null = null;

/**
 * Runs the housekeeping at once and then every `intervalMs` inside the app (no cron needed).
 * Only one schedule per process: a second start (init running again, as in dev reloads) gets the
 * first one's stop function. Each round is scheduled when the previous one has finished, so two
 * rounds never overlap. The timer never keeps the process alive. The clock is injectable for tests.
 */
export function startHousekeeping(
	db: Database,
	{
		intervalMs = 60_000,
		retentionMonths = DEFAULT_RETENTION_MONTHS,
		clock = () => new Date(),
		onRound
	}: {
		intervalMs?: number;
		retentionMonths?: number;
		clock?: () => Date;
		onRound?: (result: HousekeepingResult) => void;
	} = {}
): () => void {
	if (stopRunning) {
		return stopRunning;
	}
	let timer: ReturnType<typeof setTimeout> | undefined;
	let stopped = false;
	const round = () => {
		try {
			const result = runHousekeeping(db, { now: clock(), retentionMonths });
			onRound?.(result);
		} catch (error) {
			// runHousekeeping catches its jobs' errors; this is for onRound and the clock.
			console.error('Housekeeping failed; it will try again.', error);
		}
		if (!stopped) {
			timer = setTimeout(round, intervalMs);
			timer.unref();
		}
	};
	const stop = () => {
		stopped = true;
		clearTimeout(timer);
		if (stopRunning === stop) {
			stopRunning = null;
		}
	};
	stopRunning = stop;
	round();
	return stop;
}
