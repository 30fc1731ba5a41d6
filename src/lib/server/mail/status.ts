/** What leads see on /lead/email: whether email is set up, and whether it is failing. */
import { and, asc, count, desc, isNotNull, isNull, min } from 'drizzle-orm';
import type { Database } from '../db/connection';
import { mailOutbox } from '../db/schema';
import { wakeMailWorker } from './delivery';
import { emailIsSetUp } from './queue';
import { getTeamInbox } from './recipients';

export function getMailStatus(db: Database) {
	const waiting = db
		.select({ count: count(), since: min(mailOutbox.createdAt) })
		.from(mailOutbox)
		.where(isNull(mailOutbox.sentAt))
		.get();
	const lastFailure = db
		.select({ lastError: mailOutbox.lastError, attempts: mailOutbox.attempts })
		.from(mailOutbox)
		.where(and(isNull(mailOutbox.sentAt), isNotNull(mailOutbox.lastError)))
		.orderBy(desc(mailOutbox.attempts), asc(mailOutbox.id))
		.get();
	return {
		configured: emailIsSetUp(),
		teamInbox: getTeamInbox(db),
		waiting: waiting?.count ?? 0,
		// min() over a timestamp column comes back as milliseconds.
		waitingSince: waiting?.since ? new Date(Number(waiting.since)) : null,
		lastError: lastFailure?.lastError ?? null,
		failing: lastFailure !== undefined
	};
}

/** "Try again now": every email still waiting is due at once, and the worker is woken. */
export function retryMailNow(db: Database, now = Date.now()) {
	const changed = db
		.update(mailOutbox)
		.set({ nextAttemptAt: new Date(now) })
		.where(isNull(mailOutbox.sentAt))
		.run().changes;
	wakeMailWorker();
	return changed;
}
