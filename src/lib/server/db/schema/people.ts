import {
	blob,
	index,
	uniqueIndex,
	integer,
	sqliteTable,
	text,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';
import { CHECK_IN_FREQUENCIES } from '../../../schemas/check-in';
import { belongsTo, rowId, timestamps } from './common';

/** A supporter pledges time or money (Helping Hands, No Limits); they never see requests. */
export const ROLES = ['leaver', 'adviser', 'lead', 'supporter'] as const;
export type Role = (typeof ROLES)[number];
export const SIGN_IN_METHODS = ['password', 'oidc'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export const user = sqliteTable(
	'user',
	{
		id: rowId(),
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
		/**
		 * Work email for staff (stored lower case): where notices go, and how an account is found
		 * the first time its owner signs in with the council's identity provider. Care leavers may
		 * have one.
		 */
		email: text('email'),
		/** The identity provider account this staff account is linked to (issuer + `sub`). */
		oidcIssuer: text('oidc_issuer'),
		oidcSubject: text('oidc_subject'),
		/** A PA on leave: away up to and including this day (YYYY-MM-DD, London time). */
		awayUntil: text('away_until'),
		/** Who answers a PA's new requests while they are away; null means the team inbox. */
		coverAdviserId: integer('cover_adviser_id').references((): AnySQLiteColumn => user.id),
		/** Which notices come by email and which by push (`$lib/schemas/notices`); null: defaults. */
		noticeChoices: text('notice_choices', { mode: 'json' }).$type<Record<string, string[]>>(),
		/**
		 * The language a care leaver chose (`$lib/languages`): their notices and emails use it, and
		 * signing in on another phone opens the app in it. Null: English, or never chosen.
		 */
		language: text('language'),
		/**
		 * How often the app asks a care leaver how they are (`$lib/schemas/check-in`); they change
		 * it any time. Null: off.
		 */
		checkInEvery: text('check_in_every', { enum: CHECK_IN_FREQUENCIES }),
		/** The next pathway plan review, set by the PA (YYYY-MM-DD). */
		pathwayReviewOn: text('pathway_review_on'),
		/** When the app last asked them by push how they are (at most once in each period). */
		checkInRemindedAt: integer('check_in_reminded_at', { mode: 'timestamp_ms' }),
		/** The review day they and their PA were last reminded of (once for each review). */
		reviewRemindedFor: text('review_reminded_for'),
		...timestamps
	},
	(table) => [
		index('user_adviser').on(table.adviserId),
		index('user_role').on(table.role),
		uniqueIndex('user_email').on(table.email),
		uniqueIndex('user_oidc').on(table.oidcIssuer, table.oidcSubject)
	]
);

/** Lucia's session table: the id is SHA-256(token); the token itself is only in the cookie. */
export const session = sqliteTable(
	'session',
	{
		id: text('id').primaryKey(),
		userId: belongsTo('user_id', () => user.id, 'cascade'),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
		/** False until the second factor is given (when the account needs one). */
		mfaVerified: integer('mfa_verified', { mode: 'boolean' }).notNull().default(false),
		/** "Chrome on Android": enough to recognise a device; the user agent itself is not kept. */
		device: text('device').notNull().default('Unknown device'),
		/**
		 * How the person signed in. A session made through the council's identity provider counts
		 * as two-step verified (the provider's own MFA); a password session still needs the app's.
		 */
		method: text('method', { enum: SIGN_IN_METHODS }).notNull().default('password')
	},
	(table) => [index('session_user').on(table.userId), index('session_expires').on(table.expiresAt)]
);

export const invite = sqliteTable(
	'invite',
	{
		id: rowId(),
		userId: belongsTo('user_id', () => user.id, 'cascade'),
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
		id: rowId(),
		key: text('key').notNull(),
		at: integer('at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('throttle_failure_key_at').on(table.key, table.at)]
);

/** Append-only (triggers refuse UPDATE and DELETE): who did what to whose data, and when. */
export const auditEvent = sqliteTable(
	'audit_event',
	{
		id: rowId(),
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
