import type { Database } from '../db/connection';
import { getRollupCursor, rollUpEvents } from './rollup';

/** Raw events are kept this many months unless ANALYTICS_RETENTION_MONTHS says otherwise. */
export const DEFAULT_RETENTION_MONTHS = 13;

/** The instant before which raw events are deleted: `months` calendar months before `now`. */
export function retentionCutoff(now: Date, months: number): number {
	const cutoff = new Date(now);
	cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
	return cutoff.getTime();
}

/**
 * Deletes raw events older than the retention period, a few thousand at a time so the app's
 * writes are never held up for long. Only events already rolled up are deleted: the daily
 * rollups (kept) always include everything ever received.
 */
export function deleteExpiredEvents(
	db: Database,
	{ now, retentionMonths = DEFAULT_RETENTION_MONTHS }: { now: Date; retentionMonths?: number }
): number {
	const cutoff = retentionCutoff(now, retentionMonths);
	const rolledUpTo = getRollupCursor(db);
	const remove = db.$client.prepare(
		`DELETE FROM analytics_event WHERE id IN
		 (SELECT id FROM analytics_event WHERE at < ? AND id <= ? ORDER BY at LIMIT 5000)`
	);
	let deleted = 0;
	for (;;) {
		const { changes } = remove.run(cutoff, rolledUpTo);
		deleted += changes;
		if (changes === 0) {
			return deleted;
		}
	}
}

/** The analytics housekeeping: roll up what is new, then forget what is too old. */
export function runAnalyticsJobs(
	db: Database,
	{ now, retentionMonths }: { now: Date; retentionMonths?: number }
) {
	const rolledUp = rollUpEvents(db);
	const deleted = deleteExpiredEvents(db, { now, retentionMonths });
	return { rolledUp, deleted };
}
