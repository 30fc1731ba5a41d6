import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { rowId } from './common';
import type { EventType } from '$lib/schemas/analytics';
import { offer } from './content';
import { user } from './people';

export const analyticsEvent = sqliteTable(
	'analytics_event',
	{
		id: rowId(),
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
		/** The language the page was read in (`ar`): the council sees the demand for each. */
		language: text('language'),
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
