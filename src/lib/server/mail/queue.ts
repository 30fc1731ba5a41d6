/**
 * The email queue (table mail_outbox). Emails are queued in the same transaction as whatever
 * caused them, and sent later by the worker (delivery.ts), so a slow or broken mail server never
 * holds up or fails a young person's request. Without SMTP_URL nothing is queued at all.
 */
import { emailSettings, ORIGIN } from '../config';
import type { Executor } from '../db/connection';
import type { NoticeKind } from '$lib/schemas/notices';
import { mailOutbox, supportRequest, type MailKind } from '../db/schema';
import { getCouncilSettings } from '../settings';
import { wakeMailWorker } from './delivery';
import { noticeRecipients, type MailRecipient } from './recipients';
import { renderMail } from './templates';

export function emailIsSetUp() {
	return Boolean(emailSettings().smtpUrl);
}

/**
 * Queues one email per recipient, and wakes the worker to send it. `dedupeKey` names the event: queuing the same event again
 * (a retried request, a second sweep) adds nothing. Runs in a savepoint and never throws, so a
 * problem here cannot undo the request it is about.
 */
export function queueMail(
	db: Executor,
	kind: MailKind,
	recipients: MailRecipient[],
	dedupeKey: string,
	context: { path: string; count?: number },
	now = Date.now()
): number {
	if (!emailIsSetUp() || recipients.length === 0) {
		return 0;
	}
	try {
		const queued = db.transaction((tx) => {
			const { appName } = getCouncilSettings(tx);
			const { subject, body } = renderMail(kind, { appName, origin: ORIGIN, ...context });
			let queued = 0;
			for (const recipient of recipients) {
				queued += tx
					.insert(mailOutbox)
					.values({
						kind,
						userId: recipient.userId,
						toAddress: recipient.address,
						subject,
						body,
						dedupeKey: recipients.length === 1 ? dedupeKey : `${dedupeKey}:${recipient.address}`,
						nextAttemptAt: new Date(now),
						createdAt: new Date(now)
					})
					.onConflictDoNothing({ target: mailOutbox.dedupeKey })
					.run().changes;
			}
			return queued;
		});
		// The worker runs after this turn of the event loop: after the request's own transaction
		// has committed, so it finds the new rows.
		if (queued > 0) {
			wakeMailWorker();
		}
		return queued;
	} catch (error) {
		// The error's name only: a database error's message carries the row (a work address).
		console.error(
			'Could not queue an email; the request itself was saved.',
			error instanceof Error ? error.name : typeof error
		);
		return 0;
	}
}

/** Queues the email about a request to whoever should get it (noticeRecipients). */
export function queueRequestMail(
	db: Executor,
	request: Pick<typeof supportRequest.$inferSelect, 'id' | 'adviserId' | 'coverForId'>,
	kind: NoticeKind,
	dedupeKey: string,
	{ always = false, now = Date.now() }: { always?: boolean; now?: number } = {}
) {
	if (!emailIsSetUp()) {
		return 0;
	}
	return queueMail(
		db,
		kind,
		noticeRecipients(db, request, kind, { always }),
		dedupeKey,
		{ path: `/staff/requests/${request.id}` },
		now
	);
}
