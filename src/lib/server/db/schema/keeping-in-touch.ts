import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
// Relative, not $lib: drizzle-kit loads this file outside Vite.
import {
	CHECK_IN_MOODS,
	CONTACT_KINDS,
	type CheckInMood,
	type CheckInTopic,
	type ContactKind
} from '../../../schemas/check-in';
import { belongsTo, rowId } from './common';
import { user } from './people';
import { supportRequest } from './requests';

// ---------------------------------------------------------------------------------------------
// Keeping in touch: a young person's check-ins (health data: kept for a set time, seen only by
// them and their PA) and the contacts a PA logs. Together with messages on requests they say when
// there was last two-way contact.
// ---------------------------------------------------------------------------------------------

export const checkIn = sqliteTable(
	'check_in',
	{
		id: rowId(),
		leaverId: belongsTo('leaver_id', () => user.id, 'cascade'),
		mood: text('mood', { enum: CHECK_IN_MOODS }).$type<CheckInMood>().notNull(),
		topics: text('topics', { mode: 'json' }).$type<CheckInTopic[]>().notNull(),
		/** A few words, if they wrote any. */
		words: text('words'),
		/** The request it made: "I need help now", or "Tell my PA". */
		requestId: integer('request_id').references(() => supportRequest.id, { onDelete: 'set null' }),
		/** Sent from the phone's outbox: a check-in sent twice is stored once. */
		idempotencyKey: text('idempotency_key').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [
		uniqueIndex('check_in_idempotency').on(table.leaverId, table.idempotencyKey),
		index('check_in_leaver_created').on(table.leaverId, table.createdAt),
		index('check_in_created').on(table.createdAt)
	]
);

/** "We met", "we spoke on the phone", "they replied by text": logged by the PA, with the day. */
export const contactLog = sqliteTable(
	'contact_log',
	{
		id: rowId(),
		leaverId: belongsTo('leaver_id', () => user.id, 'cascade'),
		loggedById: integer('logged_by_id').references(() => user.id, { onDelete: 'set null' }),
		kind: text('kind', { enum: CONTACT_KINDS }).$type<ContactKind>().notNull(),
		/** The day it happened (YYYY-MM-DD, London). */
		on: text('on').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(table) => [index('contact_log_leaver_on').on(table.leaverId, table.on)]
);

/** Who a message from the team is for. */
export const NEWS_AUDIENCES = [
	'everyone',
	'age-band',
	'in-area',
	'out-of-area',
	'caseload'
] as const;
export type NewsAudience = (typeof NEWS_AUDIENCES)[number];

/**
 * "News from the team": a short message from a lead (to everyone, an age band or by area) or a
 * PA (to their caseload), on the young person's home page and as a push that says nothing.
 */
export const teamNews = sqliteTable(
	'team_news',
	{
		id: rowId(),
		authorId: integer('author_id').references(() => user.id, { onDelete: 'set null' }),
		audience: text('audience', { enum: NEWS_AUDIENCES }).$type<NewsAudience>().notNull(),
		/** For "age-band": the government band ('17-18', '19-21', '22-25'). */
		ageBand: text('age_band'),
		/** For "caseload": the PA whose young people get it. */
		adviserId: integer('adviser_id').references(() => user.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
		withdrawnAt: integer('withdrawn_at', { mode: 'timestamp_ms' })
	},
	(table) => [index('team_news_created').on(table.createdAt)]
);
