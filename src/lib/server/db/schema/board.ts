import { index, integer, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
// Relative, not $lib: drizzle-kit loads this file outside Vite.
import type { LegalStatus } from '../../../schemas/offer';
import { OPPORTUNITY_KINDS, type OpportunityKind } from '../../../schemas/opportunity';
import { EVENT_KINDS, type EventKind } from '../../../schemas/event';
import type { Contact } from './content';
import { belongsTo, rowId, timestamps } from './common';
import { user } from './people';

// ---------------------------------------------------------------------------------------------
// The board: opportunities (jobs, apprenticeships, work experience, training, volunteering) and
// events (celebrations, group meetings, drop-ins). Council content, like offers: who can apply
// uses the offer's eligibility model, so "what I can apply for" follows the same rules as /check.
// ---------------------------------------------------------------------------------------------

/** draft: only staff see it; published: on the board until its closing date; closed: closed early. */
export const BOARD_STATUSES = ['draft', 'published', 'closed'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

const eligibility = {
	minAge: integer('min_age').notNull(),
	maxAge: integer('max_age').notNull(),
	statuses: text('statuses', { mode: 'json' }).$type<LegalStatus[]>().notNull(),
	livesInArea: integer('lives_in_area', { mode: 'boolean' }).notNull().default(false),
	inEducation: integer('in_education', { mode: 'boolean' }).notNull().default(false)
};

export const opportunity = sqliteTable(
	'opportunity',
	{
		id: rowId(),
		kind: text('kind', { enum: OPPORTUNITY_KINDS }).$type<OpportunityKind>().notNull(),
		title: text('title').notNull(),
		organisation: text('organisation').notNull(),
		summary: text('summary').notNull(),
		/** Markdown, rendered on the server and sanitised like an offer's body. */
		body: text('body').notNull(),
		/** Where it happens; null when it is online only. */
		place: text('place'),
		pay: text('pay'),
		/** YYYY-MM-DD, London dates. */
		startsOn: text('starts_on'),
		/** The last day to apply: from the day after it leaves the public board by itself. */
		closesOn: text('closes_on').notNull(),
		/** For care leavers only (ring-fenced). */
		ringFenced: integer('ring_fenced', { mode: 'boolean' }).notNull().default(false),
		...eligibility,
		steps: text('steps', { mode: 'json' }).$type<string[]>().notNull(),
		applyUrl: text('apply_url'),
		contacts: text('contacts', { mode: 'json' }).$type<Contact[]>().notNull(),
		status: text('status', { enum: BOARD_STATUSES }).notNull().default('draft'),
		/** When it was first published: "new for you" is newest first. */
		publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
		createdById: integer('created_by_id').references(() => user.id, { onDelete: 'set null' }),
		...timestamps
	},
	(table) => [index('opportunity_status_closes').on(table.status, table.closesOn)]
);

export const calendarEvent = sqliteTable(
	'calendar_event',
	{
		id: rowId(),
		kind: text('kind', { enum: EVENT_KINDS }).$type<EventKind>().notNull(),
		title: text('title').notNull(),
		summary: text('summary').notNull(),
		/** Markdown, rendered on the server and sanitised. */
		body: text('body').notNull(),
		startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
		endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
		/** Where it happens; null when it is online only. */
		place: text('place'),
		/** Step-free access, toilets, quiet room, how to get there. */
		access: text('access'),
		/** Places; null: no limit. */
		capacity: integer('capacity'),
		...eligibility,
		status: text('status', { enum: BOARD_STATUSES }).notNull().default('draft'),
		publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
		createdById: integer('created_by_id').references(() => user.id, { onDelete: 'set null' }),
		...timestamps
	},
	(table) => [index('calendar_event_status_starts').on(table.status, table.startsAt)]
);

export const PLACE_STATUSES = ['going', 'waiting', 'cancelled'] as const;
export type PlaceStatus = (typeof PLACE_STATUSES)[number];

/** A care leaver's "I'm going": a place, or a place on the waiting list (oldest first). */
export const eventPlace = sqliteTable(
	'event_place',
	{
		id: rowId(),
		eventId: belongsTo('event_id', () => calendarEvent.id, 'cascade'),
		leaverId: belongsTo('leaver_id', () => user.id, 'cascade'),
		status: text('status', { enum: PLACE_STATUSES }).notNull(),
		/** Where they are in the queue: set when they joined (or re-joined) it. */
		queuedAt: integer('queued_at', { mode: 'timestamp_ms' }).notNull(),
		/** Marked by staff after the event; null: not marked. */
		attended: integer('attended', { mode: 'boolean' }),
		/** The day-before reminder went. */
		remindedAt: integer('reminded_at', { mode: 'timestamp_ms' }),
		...timestamps
	},
	(table) => [
		unique('event_place_event_leaver').on(table.eventId, table.leaverId),
		index('event_place_event_status').on(table.eventId, table.status, table.queuedAt),
		index('event_place_leaver').on(table.leaverId)
	]
);
