import {
	index,
	uniqueIndex,
	integer,
	sqliteTable,
	text,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';
// Relative, not $lib: drizzle-kit loads this file outside Vite.
import { NOTICE_KINDS } from '../../../schemas/notices';
import { belongsTo, rowId, timestamps } from './common';
import { session, user } from './people';
import { opportunity } from './board';
import { pledge } from './pledges';

export const REQUEST_STATUSES = ['new', 'in-progress', 'waiting', 'resolved'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const CONTACT_METHODS = ['app', 'phone', 'text', 'email'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const supportRequest = sqliteTable(
	'support_request',
	{
		id: rowId(),
		leaverId: belongsTo('leaver_id', () => user.id),
		/** The PA answering it: the young person's PA, or whoever it was handed to. */
		adviserId: integer('adviser_id').references(() => user.id),
		/** The young person's own PA when it went to a colleague covering their leave. */
		coverForId: integer('cover_for_id').references(() => user.id),
		/** A category slug, or "other". */
		topic: text('topic').notNull(),
		offerSlug: text('offer_slug'),
		/** "I'm interested" in an opportunity on the board. */
		opportunityId: integer('opportunity_id').references(() => opportunity.id, {
			onDelete: 'set null'
		}),
		/** Asking for a Helping Hands pledge. */
		pledgeId: integer('pledge_id').references((): AnySQLiteColumn => pledge.id, {
			onDelete: 'set null'
		}),
		/** Marked urgent by the young person, or by the crisis-word check. */
		urgent: integer('urgent', { mode: 'boolean' }).notNull().default(false),
		/** Crisis words were found in something the young person wrote. */
		crisis: integer('crisis', { mode: 'boolean' }).notNull().default(false),
		contactBy: text('contact_by', { enum: CONTACT_METHODS }).notNull().default('app'),
		contactDetail: text('contact_detail'),
		contactWhen: text('contact_when'),
		status: text('status', { enum: REQUEST_STATUSES }).notNull().default('new'),
		firstResponseAt: integer('first_response_at', { mode: 'timestamp_ms' }),
		resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
		/** When it went to "waiting for the young person": the response clock is paused since. */
		waitingSince: integer('waiting_since', { mode: 'timestamp_ms' }),
		/** Working time spent waiting so far; pushes the due time back. */
		pausedWorkingMs: integer('paused_working_ms').notNull().default(0),
		helpful: text('helpful', { enum: ['yes', 'a-bit', 'no'] }),
		helpfulComment: text('helpful_comment'),
		leaverReadAt: integer('leaver_read_at', { mode: 'timestamp_ms' }),
		adviserReadAt: integer('adviser_read_at', { mode: 'timestamp_ms' }),
		/** Made on the phone: a request sent twice (offline outbox, double tap) is stored once. */
		idempotencyKey: text('idempotency_key').notNull(),
		...timestamps
	},
	(table) => [
		uniqueIndex('support_request_idempotency').on(table.leaverId, table.idempotencyKey),
		index('support_request_adviser_status').on(table.adviserId, table.status),
		index('support_request_leaver').on(table.leaverId),
		index('support_request_created').on(table.createdAt)
	]
);

export const requestMessage = sqliteTable(
	'request_message',
	{
		id: rowId(),
		requestId: belongsTo('request_id', () => supportRequest.id),
		authorId: belongsTo('author_id', () => user.id),
		/** "note": internal to staff, never shown to the young person. */
		kind: text('kind', { enum: ['message', 'note'] }).notNull(),
		body: text('body').notNull(),
		crisis: integer('crisis', { mode: 'boolean' }).notNull().default(false),
		idempotencyKey: text('idempotency_key'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [
		index('request_message_request').on(table.requestId, table.createdAt),
		uniqueIndex('request_message_idempotency').on(table.authorId, table.idempotencyKey)
	]
);

export const savedReply = sqliteTable('saved_reply', {
	id: rowId(),
	title: text('title').notNull(),
	body: text('body').notNull(),
	position: integer('position').notNull().default(0),
	...timestamps
});

export const pushSubscription = sqliteTable(
	'push_subscription',
	{
		id: rowId(),
		userId: belongsTo('user_id', () => user.id, 'cascade'),
		endpoint: text('endpoint').notNull().unique(),
		p256dh: text('p256dh').notNull(),
		auth: text('auth').notNull(),
		/**
		 * The session that turned notifications on, so signing out of it also stops them on that
		 * device. Null once that session has run out (expiry keeps the subscription: staff
		 * sessions last 12 hours) or for subscriptions made before this was kept.
		 */
		sessionId: text('session_id').references(() => session.id, { onDelete: 'set null' }),
		/** When this account last registered it: the oldest go first past the cap. */
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [
		index('push_subscription_user').on(table.userId),
		index('push_subscription_session').on(table.sessionId)
	]
);

// ---------------------------------------------------------------------------------------------
// Usage analytics and feedback.
// Raw events are kept for ANALYTICS_RETENTION_MONTHS (13 by default), then deleted; the daily
// rollups are kept for good and are all the dashboard reads. Nothing here holds an IP address,
// a user agent or a referrer. The visitor is a random id made by the browser, stored only as a
// 48-bit hash; a care leaver's account id is added only to their own signed-in events.
// ---------------------------------------------------------------------------------------------

/** An email is one of the notices staff can choose to get (src/lib/schemas/notices.ts). */
/** Staff notices, and the one a supporter gets when a young person is matched with their pledge. */
export const MAIL_KINDS = [...NOTICE_KINDS, 'pledge-match'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * Email waiting to go, and what happened to it: a request is saved first and its email queued in
 * the same transaction, so sending never blocks or fails it. Retried with back-off. No names,
 * topics or message text are ever in an email (work mailboxes are forwarded and shared).
 */
export const mailOutbox = sqliteTable(
	'mail_outbox',
	{
		id: rowId(),
		kind: text('kind', { enum: MAIL_KINDS }).notNull(),
		/** The staff member it is for; null for the team inbox address or once they are deleted. */
		userId: integer('user_id').references(() => user.id, { onDelete: 'set null' }),
		toAddress: text('to_address').notNull(),
		subject: text('subject').notNull(),
		body: text('body').notNull(),
		/** One email per event (for example `overdue-soon:42`): queuing it twice adds nothing. */
		dedupeKey: text('dedupe_key').notNull().unique(),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
		/** The mail server's last answer when sending failed (never a password or the URL). */
		lastError: text('last_error'),
		createdAt: timestamps.createdAt
	},
	(table) => [index('mail_outbox_due').on(table.sentAt, table.nextAttemptAt)]
);
