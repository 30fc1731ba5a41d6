import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
// Relative, not $lib: drizzle-kit loads this file outside Vite.
import {
	MATCH_OUTCOMES,
	PLEDGE_KINDS,
	PLEDGE_SCHEMES,
	PLEDGE_STATUSES,
	TIME_KINDS,
	type MatchOutcome,
	type PledgeKind,
	type PledgeScheme,
	type PledgeStatus,
	type TimeKind
} from '../../../schemas/pledge';
import { belongsTo, rowId, timestamps } from './common';
import { user } from './people';
import { supportRequest } from './requests';

// ---------------------------------------------------------------------------------------------
// Helping Hands and No Limits pledges. A supporter (council staff, an elected member, a partner)
// offers time or money; a lead approves it and chooses what young people see of the supporter.
// Young people and supporters meet only through the PA: a young person asks (a request to their
// PA), the PA or a lead matches, and the supporter is told only what they need for the match.
// ---------------------------------------------------------------------------------------------

export const pledge = sqliteTable(
	'pledge',
	{
		id: rowId(),
		supporterId: belongsTo('supporter_id', () => user.id),
		scheme: text('scheme', { enum: PLEDGE_SCHEMES }).$type<PledgeScheme>().notNull(),
		kind: text('kind', { enum: PLEDGE_KINDS }).$type<PledgeKind>().notNull(),
		/** Time pledges: what the time is for. */
		timeKind: text('time_kind', { enum: TIME_KINDS }).$type<TimeKind>(),
		/** Money pledges: how much, for each young person, in pence. */
		amountPence: integer('amount_pence'),
		/** In the supporter's words: what they offer, when they are free, anything staff should know. */
		details: text('details').notNull(),
		/** How many young people it is for. */
		places: integer('places').notNull(),
		/** The last day it can be matched (YYYY-MM-DD, London). */
		until: text('until').notNull(),
		/** What young people see, written or checked by the lead when approving. */
		title: text('title').notNull(),
		summary: text('summary').notNull(),
		/** Who it is from, as the lead chose to show it ("someone from the council's IT team"). */
		shownAs: text('shown_as').notNull(),
		status: text('status', { enum: PLEDGE_STATUSES }).$type<PledgeStatus>().notNull(),
		decidedById: integer('decided_by_id').references(() => user.id, { onDelete: 'set null' }),
		decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
		...timestamps
	},
	(table) => [
		index('pledge_supporter').on(table.supporterId),
		index('pledge_status_until').on(table.status, table.until)
	]
);

/** A young person matched with a pledge by their PA or a lead, and how it went. */
export const pledgeMatch = sqliteTable(
	'pledge_match',
	{
		id: rowId(),
		pledgeId: belongsTo('pledge_id', () => pledge.id),
		/** The young person's request that asked for it. */
		requestId: belongsTo('request_id', () => supportRequest.id),
		leaverId: belongsTo('leaver_id', () => user.id),
		matchedById: integer('matched_by_id').references(() => user.id, { onDelete: 'set null' }),
		/** What the supporter is told: when and where, and what to do (no surname, no contact). */
		meetWhen: text('meet_when').notNull(),
		meetWhere: text('meet_where').notNull(),
		note: text('note').notNull(),
		outcome: text('outcome', { enum: MATCH_OUTCOMES }).$type<MatchOutcome>(),
		/** Time given (hours) or money paid (pence), recorded with the outcome. */
		hours: real('hours'),
		paidPence: integer('paid_pence'),
		outcomeById: integer('outcome_by_id').references(() => user.id, { onDelete: 'set null' }),
		outcomeAt: integer('outcome_at', { mode: 'timestamp_ms' }),
		...timestamps
	},
	(table) => [
		index('pledge_match_pledge').on(table.pledgeId),
		index('pledge_match_leaver').on(table.leaverId),
		index('pledge_match_request').on(table.requestId)
	]
);
