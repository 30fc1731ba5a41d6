/** When each offer is due to be checked again. */
import { londonToday } from '$lib/london-time';
import { readSetting, writeSetting } from '../settings';
import type { Database } from '../db/connection';

import { toDateOnly } from './columns';
import { contentSettingsSchema } from '$lib/schemas/offer-editing';

export const CONTENT_SETTINGS_KEY = 'content';
export const DEFAULT_REVIEW_MONTHS = 6;

/** How many months after its last check an offer is due for review. */
export function getReviewMonths(db: Database): number {
	return readSetting(db, CONTENT_SETTINGS_KEY, contentSettingsSchema, {
		reviewMonths: DEFAULT_REVIEW_MONTHS
	}).reviewMonths;
}

/** A lead sets how many months pass before an offer is due for review; audited. */
export function saveReviewMonths(db: Database, lead: { id: number }, reviewMonths: number) {
	writeSetting(
		db,
		lead,
		CONTENT_SETTINGS_KEY,
		{ reviewMonths },
		{
			target: 'review-months',
			detail: { reviewMonths }
		}
	);
}

/** The day an offer checked on `reviewedAt` is due for its next check (calendar months). */
export function reviewDueOn(reviewedAt: Date, months: number): Date {
	const due = new Date(reviewedAt);
	const day = due.getUTCDate();
	due.setUTCDate(1);
	due.setUTCMonth(due.getUTCMonth() + months);
	// 31 August + 6 months is the last day of February, not 3 March.
	const lastDay = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate();
	due.setUTCDate(Math.min(day, lastDay));
	return due;
}

/** Last checked more than `months` ago (by today's date in the UK): the lead's list highlights it. */
export function isReviewDue(reviewedAt: Date, now: Date, months: number): boolean {
	return toDateOnly(reviewDueOn(reviewedAt, months)) <= londonToday(now);
}
