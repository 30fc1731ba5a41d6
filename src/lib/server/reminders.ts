/**
 * Keeping-in-touch reminders by push, each saying nothing personal (a lock screen may be seen by
 * anyone): "your PA would like to know how you are" at the frequency the young person chose, and
 * the pathway plan review two weeks before, to them and to their PA. Sent from the morning (UK
 * time), once each: the mark is written before the notices go, so a round that fails halfway
 * never sends a second one.
 */
import { and, eq, isNotNull, isNull, ne, or } from 'drizzle-orm';
import { addDays, londonDay, londonToday, londonWallClock } from '$lib/london-time';
import type { LanguageCode } from '$lib/languages';
import { m } from '$lib/paraglide/messages';
import { isCheckInDue, DAYS_BETWEEN } from './check-ins';
import { ORIGIN } from './config';
import type { Database } from './db/connection';
import { user } from './db/schema';
import { REMINDER_FROM_HOUR } from './events/notices';
import { notify, type NoticeText } from './notify';

export const REMINDER_TEXT = {
	checkIn: (locale: LanguageCode) => m.checkins_notice_prompt({}, { locale }),
	review: (locale: LanguageCode) => m.checkins_notice_review({}, { locale }),
	reviewForPa: (locale: LanguageCode) => m.staff_notice_review_soon({}, { locale })
} satisfies Record<string, NoticeText>;

/** The review reminder goes this many days before the review. */
export const REVIEW_REMINDER_DAYS = 14;

export type Reminder = { userId: number; text: NoticeText; url: string };

/** Who is due a reminder now; marks them reminded in the same transaction. */
export function takeDueReminders(db: Database, now: Date): Reminder[] {
	if (londonWallClock(now).hour < REMINDER_FROM_HOUR) {
		return [];
	}
	const today = londonToday(now);
	const reviewDay = addDays(today, REVIEW_REMINDER_DAYS);
	return db.transaction(
		(tx) => {
			const reminders: Reminder[] = [];
			const asking = tx
				.select()
				.from(user)
				.where(
					and(
						eq(user.role, 'leaver'),
						isNull(user.disabledAt),
						isNotNull(user.checkInEvery),
						ne(user.checkInEvery, 'off')
					)
				)
				.all();
			for (const leaver of asking) {
				const every = leaver.checkInEvery ?? 'off';
				if (every === 'off' || !isCheckInDue(tx, leaver, now.getTime())) {
					continue;
				}
				// At most once in each period, even while they do not answer.
				const last = leaver.checkInRemindedAt ? londonDay(leaver.checkInRemindedAt) : null;
				if (last && last > addDays(today, -DAYS_BETWEEN[every])) {
					continue;
				}
				tx.update(user).set({ checkInRemindedAt: now }).where(eq(user.id, leaver.id)).run();
				reminders.push({ userId: leaver.id, text: REMINDER_TEXT.checkIn, url: '/check-in' });
			}
			const reviews = tx
				.select({ id: user.id, adviserId: user.adviserId, on: user.pathwayReviewOn })
				.from(user)
				.where(
					and(
						eq(user.role, 'leaver'),
						isNull(user.disabledAt),
						eq(user.pathwayReviewOn, reviewDay),
						or(isNull(user.reviewRemindedFor), ne(user.reviewRemindedFor, reviewDay))
					)
				)
				.all();
			for (const review of reviews) {
				tx.update(user).set({ reviewRemindedFor: reviewDay }).where(eq(user.id, review.id)).run();
				reminders.push({ userId: review.id, text: REMINDER_TEXT.review, url: '/' });
				if (review.adviserId) {
					reminders.push({
						userId: review.adviserId,
						text: REMINDER_TEXT.reviewForPa,
						url: `/staff/leavers/${review.id}`
					});
				}
			}
			return reminders;
		},
		{ behavior: 'immediate' }
	);
}

/** Sends the reminders due now (housekeeping, every minute); returns how many went. */
export function sendKeepingInTouchReminders(
	db: Database,
	now: Date,
	tell: (reminder: Reminder) => void = (reminder) => notify(db, reminder, ORIGIN)
) {
	const due = takeDueReminders(db, now);
	for (const reminder of due) {
		tell(reminder);
	}
	return due.length;
}
