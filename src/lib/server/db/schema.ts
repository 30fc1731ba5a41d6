import { sql } from 'drizzle-orm';
import {
	blob,
	index,
	uniqueIndex,
	integer,
	primaryKey,
	sqliteTable,
	text,
	unique,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';
import type { EventType } from '$lib/schemas/analytics';
import type { CategorySlug, LegalStatus, OfferContent } from '$lib/schemas/offer';

// Times are stored as UTC milliseconds since the epoch (integer), everywhere.
const timestamps = {
	createdAt: integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`)
};

/** Key–value settings, each value a JSON document validated by zod when read and written. */
export const setting = sqliteTable('setting', {
	key: text('key').primaryKey(),
	value: text('value', { mode: 'json' }).notNull(),
	updatedAt: timestamps.updatedAt
});

export const category = sqliteTable('category', {
	slug: text('slug').$type<CategorySlug>().primaryKey(),
	name: text('name').notNull(),
	description: text('description').notNull(),
	icon: text('icon').notNull(),
	position: integer('position').notNull().default(0)
});

export type Contact = {
	name: string;
	phone?: string;
	text?: string;
	email?: string;
	url?: string;
};

export const offer = sqliteTable(
	'offer',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		slug: text('slug').notNull().unique(),
		title: text('title').notNull(),
		category: text('category')
			.$type<CategorySlug>()
			.notNull()
			.references(() => category.slug),
		summary: text('summary').notNull(),
		/** Markdown, rendered on the server and sanitised. */
		body: text('body').notNull(),
		minAge: integer('min_age').notNull(),
		maxAge: integer('max_age').notNull(),
		statuses: text('statuses', { mode: 'json' }).$type<LegalStatus[]>().notNull(),
		livesInArea: integer('lives_in_area', { mode: 'boolean' }).notNull().default(false),
		inEducation: integer('in_education', { mode: 'boolean' }).notNull().default(false),
		isParent: integer('is_parent', { mode: 'boolean' }).notNull().default(false),
		eligibilityNotes: text('eligibility_notes'),
		steps: text('steps', { mode: 'json' }).$type<string[]>().notNull(),
		contacts: text('contacts', { mode: 'json' }).$type<Contact[]>().notNull(),
		kind: text('kind', { enum: ['statutory', 'extra'] }).notNull(),
		/** Extra words people search with; indexed for search, never shown. */
		keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull().default([]),
		reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }).notNull(),
		published: integer('published', { mode: 'boolean' }).notNull().default(false),
		position: integer('position').notNull().default(0),
		/** Bumped on every save: lets two editors' saves be told apart. */
		version: integer('version').notNull().default(1),
		/** "What's new" for young people: one sentence, and when it was written (null: nothing new). */
		news: text('news'),
		newsAt: integer('news_at', { mode: 'timestamp_ms' }),
		...timestamps
	},
	(table) => [index('offer_category_position').on(table.category, table.position)]
);

export const ROLES = ['leaver', 'adviser', 'lead'] as const;
export type Role = (typeof ROLES)[number];

export const user = sqliteTable(
	'user',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** Chosen when the invite is used; stored lower case. Null until then. */
		username: text('username').unique(),
		passwordHash: text('password_hash'),
		role: text('role', { enum: ROLES }).notNull(),
		/** First name for care leavers; full name for staff. */
		name: text('name').notNull(),
		/** Care leavers only (YYYY-MM-DD). */
		dateOfBirth: text('date_of_birth'),
		/** A care leaver's personal adviser. */
		adviserId: integer('adviser_id').references((): AnySQLiteColumn => user.id),
		livesInArea: integer('lives_in_area', { mode: 'boolean' }),
		inEducation: integer('in_education', { mode: 'boolean' }),
		/** TOTP secret (20 bytes) once MFA is set up. */
		totpKey: blob('totp_key', { mode: 'buffer' }),
		/** Last TOTP time step accepted: a code can be used once. */
		totpLastStep: integer('totp_last_step'),
		/** SHA-256 of the one-time recovery code. */
		recoveryCodeHash: text('recovery_code_hash'),
		disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
		passwordChangedAt: integer('password_changed_at', { mode: 'timestamp_ms' }),
		/** Demo accounts (DEMO not 0) are exempt from staff MFA so the demo opens at once. */
		isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
		...timestamps
	},
	(table) => [index('user_adviser').on(table.adviserId), index('user_role').on(table.role)]
);

/** Lucia's session table: the id is SHA-256(token); the token itself is only in the cookie. */
export const session = sqliteTable(
	'session',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
		/** False until the second factor is given (when the account needs one). */
		mfaVerified: integer('mfa_verified', { mode: 'boolean' }).notNull().default(false),
		/** "Chrome on Android": enough to recognise a device; the user agent itself is not kept. */
		device: text('device').notNull().default('Unknown device')
	},
	(table) => [index('session_user').on(table.userId), index('session_expires').on(table.expiresAt)]
);

export const invite = sqliteTable(
	'invite',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		/** SHA-256 of the normalised code; the code itself is shown once and never stored. */
		codeHash: text('code_hash').notNull().unique(),
		createdById: integer('created_by_id').references(() => user.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' })
	},
	(table) => [index('invite_user').on(table.userId)]
);

/** Failed sign-ins, codes and invite tries, for throttling. Keys: "KIND:HMAC" (auth/throttle.ts). */
export const throttleFailure = sqliteTable(
	'throttle_failure',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		key: text('key').notNull(),
		at: integer('at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('throttle_failure_key_at').on(table.key, table.at)]
);

/** Append-only (triggers refuse UPDATE and DELETE): who did what to whose data, and when. */
export const auditEvent = sqliteTable(
	'audit_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		actorId: integer('actor_id').references(() => user.id),
		action: text('action').notNull(),
		/** The person whose data or account was touched, if any. */
		subjectUserId: integer('subject_user_id').references(() => user.id),
		/** What else was touched, e.g. "request:12" or "offer:council-tax-exemption". */
		target: text('target'),
		detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>()
	},
	(table) => [
		index('audit_event_at').on(table.at),
		index('audit_event_actor').on(table.actorId),
		index('audit_event_action').on(table.action)
	]
);

// ——— Support requests: "Ask my PA" ———

export const REQUEST_STATUSES = ['new', 'in-progress', 'waiting', 'resolved'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const CONTACT_METHODS = ['app', 'phone', 'text', 'email'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const supportRequest = sqliteTable(
	'support_request',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		leaverId: integer('leaver_id')
			.notNull()
			.references(() => user.id),
		/** The PA answering it: the young person's PA, or whoever it was handed to. */
		adviserId: integer('adviser_id').references(() => user.id),
		/** A category slug, or "other". */
		topic: text('topic').notNull(),
		offerSlug: text('offer_slug'),
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
		id: integer('id').primaryKey({ autoIncrement: true }),
		requestId: integer('request_id')
			.notNull()
			.references(() => supportRequest.id),
		authorId: integer('author_id')
			.notNull()
			.references(() => user.id),
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
	id: integer('id').primaryKey({ autoIncrement: true }),
	title: text('title').notNull(),
	body: text('body').notNull(),
	position: integer('position').notNull().default(0),
	...timestamps
});

export const pushSubscription = sqliteTable(
	'push_subscription',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
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

export const analyticsEvent = sqliteTable(
	'analytics_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** When it happened on the device (UTC ms): queued offline events keep their own time. */
		at: integer('at').notNull(),
		/** 48 bits of SHA-256 of the browser's random visitor id. */
		visitorHash: integer('visitor_hash').notNull(),
		/** Signed-in care leavers only, from the session (never sent by the browser). */
		userId: integer('user_id').references(() => user.id, { onDelete: 'set null' }),
		type: text('type').$type<EventType>().notNull(),
		offerId: integer('offer_id').references(() => offer.id, { onDelete: 'cascade' }),
		/** A path on this site, without its query string. */
		path: text('path'),
		/** Search words, normalised (lower case, single spaces). */
		query: text('query'),
		results: integer('results'),
		/** Synthetic events made for the demo (DEMO not 0). */
		demo: integer('demo', { mode: 'boolean' }).notNull().default(false)
	},
	(table) => [index('analytics_event_at').on(table.at)]
);

/**
 * One row per London day (span "day") or Monday-to-Sunday week (span "week", `day` = its Monday)
 * and scope ("site", "leaver", "offer:12:view", "category:money:view", "type:search"…): how many
 * events, and a sketch of the distinct people behind them (see src/lib/server/analytics/sketch.ts).
 * Week rows let a 90-day range be read as about 12 weeks and a few days instead of 90 days.
 */
export const analyticsRollup = sqliteTable(
	'analytics_rollup',
	{
		span: text('span', { enum: ['day', 'week'] }).notNull(),
		day: text('day').notNull(),
		scope: text('scope').notNull(),
		events: integer('events').notNull().default(0),
		sketch: blob('sketch', { mode: 'buffer' }).notNull()
	},
	(table) => [
		primaryKey({ columns: [table.span, table.day, table.scope] }),
		// Counts are read from this index alone, without touching the sketches.
		index('analytics_rollup_counts').on(table.span, table.day, table.scope, table.events)
	]
);

/** Searches per London day and normalised query: what young people look for, found or not. */
export const analyticsSearchDaily = sqliteTable(
	'analytics_search_daily',
	{
		day: text('day').notNull(),
		query: text('query').notNull(),
		searches: integer('searches').notNull().default(0),
		/** Searches that found nothing: unmet demand. */
		empty: integer('empty').notNull().default(0)
	},
	(table) => [primaryKey({ columns: [table.day, table.query] })]
);

/** How far the rollup has read the raw events (the last event id rolled up). */
export const analyticsCursor = sqliteTable('analytics_cursor', {
	name: text('name').primaryKey(),
	lastId: integer('last_id').notNull()
});

/** "Was this helpful?" on an offer: one answer per browser and offer, which it may change. */
export const offerFeedback = sqliteTable(
	'offer_feedback',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		offerId: integer('offer_id')
			.notNull()
			.references(() => offer.id, { onDelete: 'cascade' }),
		/** SHA-256 of the browser's random feedback id (not the analytics visitor id). */
		responder: text('responder').notNull(),
		helpful: integer('helpful', { mode: 'boolean' }).notNull(),
		comment: text('comment'),
		demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
		...timestamps
	},
	(table) => [
		unique('offer_feedback_offer_responder').on(table.offerId, table.responder),
		index('offer_feedback_updated').on(table.updatedAt)
	]
);

/** "Tell us what you think": no account needed, name optional. */
export const generalFeedback = sqliteTable(
	'general_feedback',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		name: text('name'),
		message: text('message').notNull(),
		demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
		createdAt: timestamps.createdAt
	},
	(table) => [index('general_feedback_created').on(table.createdAt)]
);

/**
 * Every saved version of an offer, whole (the content model of src/lib/schemas/offer.ts), so the
 * history can show who changed what and a lead can restore any of them as a new version.
 */
export const offerVersion = sqliteTable(
	'offer_version',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		offerId: integer('offer_id')
			.notNull()
			.references(() => offer.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		content: text('content', { mode: 'json' }).$type<OfferContent>().notNull(),
		/** Null for the version that came from the council's content file. */
		authorId: integer('author_id').references(() => user.id),
		/** What happened: created, saved, published, unpublished, reviewed, restored, seeded. */
		change: text('change').notNull(),
		createdAt: timestamps.createdAt
	},
	(table) => [unique('offer_version_offer_version').on(table.offerId, table.version)]
);

/** Old web addresses of offers whose slug changed: /offers/OLD answers 308 to the new one. */
export const offerRedirect = sqliteTable('offer_redirect', {
	slug: text('slug').primaryKey(),
	offerId: integer('offer_id')
		.notNull()
		.references(() => offer.id, { onDelete: 'cascade' }),
	createdAt: timestamps.createdAt
});

/** "You said, we did": what young people told us and what changed because of it. */
export const youSaidWeDid = sqliteTable(
	'you_said_we_did',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		youSaid: text('you_said').notNull(),
		weDid: text('we_did').notNull(),
		/** The part of the offer that changed, if any. */
		offerId: integer('offer_id').references(() => offer.id, { onDelete: 'set null' }),
		published: integer('published', { mode: 'boolean' }).notNull().default(false),
		createdById: integer('created_by_id').references(() => user.id),
		...timestamps
	},
	(table) => [index('you_said_we_did_updated').on(table.updatedAt)]
);
