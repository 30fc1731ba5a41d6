import { and, count, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/connection';
import { supportRequest } from '../db/schema';
import { dueAt, getResponseTargets, isOverdue } from '../requests';
import { addDays, londonDayStart } from '$lib/london-time';

import type { DateRange } from './rollup-reads';

/* ------------------------------------------------------------------------------------------ */
/* Requests: how many, about what, and how fast they were answered                            */
/* ------------------------------------------------------------------------------------------ */

export type RequestStats = {
	total: number;
	previousTotal: number;
	/** Minutes from a request to its first reply by staff; null when none was answered. */
	medianFirstResponseMinutes: number | null;
	/** 0–1: answered within the configured target. */
	withinTargetShare: number | null;
	urgentShare: number | null;
	byTopic: { topic: string; count: number }[];
	byStatus: { status: string; count: number }[];
	perAdviser: {
		adviser: string;
		answered: number;
		medianFirstResponseMinutes: number | null;
		withinTargetShare: number | null;
	}[];
	perOffer: { offerId: number; count: number }[];
};

/** Requests for support made in the range, for the dashboard: the one place their figures come from. */
export function getRequestStats(
	db: Database,
	range: DateRange,
	previous?: DateRange,
	now = Date.now()
): RequestStats | null {
	const bounds = (r: DateRange) =>
		[londonDayStart(r.from), londonDayStart(addDays(r.to, 1))] as const;
	const [from, to] = bounds(range);
	const rows = db
		.select({
			request: supportRequest,
			// Raw, qualified names: drizzle leaves columns unqualified in a one-table select, and an
			// unqualified adviser_id inside the subquery would mean user.adviser_id.
			adviser: sql<
				string | null
			>`(SELECT u.name FROM user u WHERE u.id = support_request.adviser_id)`,
			offerId: sql<
				number | null
			>`(SELECT o.id FROM offer o WHERE o.slug = support_request.offer_slug)`
		})
		.from(supportRequest)
		.where(
			and(gte(supportRequest.createdAt, new Date(from)), lt(supportRequest.createdAt, new Date(to)))
		)
		.all();
	const previousTotal = previous
		? (db
				.select({ n: count() })
				.from(supportRequest)
				.where(
					and(
						gte(supportRequest.createdAt, new Date(bounds(previous)[0])),
						lt(supportRequest.createdAt, new Date(bounds(previous)[1]))
					)
				)
				.get()?.n ?? 0)
		: 0;
	const targets = getResponseTargets(db);
	const summarise = (list: typeof rows) => {
		const minutes = list
			.filter((row) => row.request.firstResponseAt)
			.map(
				(row) => (row.request.firstResponseAt!.getTime() - row.request.createdAt.getTime()) / 60_000
			);
		// Met: answered by the due time. Missed: answered late, or still unanswered past it.
		// Not yet due and unanswered: not counted either way.
		let met = 0;
		let missed = 0;
		for (const { request } of list) {
			const due = dueAt(request, targets, now).getTime();
			if (request.firstResponseAt) {
				if (request.firstResponseAt.getTime() <= due) {
					met += 1;
				} else {
					missed += 1;
				}
			} else if (isOverdue(request, targets, now)) {
				missed += 1;
			}
		}
		return {
			answered: minutes.length,
			medianFirstResponseMinutes: median(minutes),
			withinTargetShare: met + missed ? met / (met + missed) : null
		};
	};
	const tally = (key: (row: (typeof rows)[number]) => string) => {
		const counts = new Map<string, number>();
		rows.forEach((row) => counts.set(key(row), (counts.get(key(row)) ?? 0) + 1));
		return [...counts].sort((a, b) => b[1] - a[1]);
	};
	const overall = summarise(rows);
	return {
		total: rows.length,
		previousTotal,
		medianFirstResponseMinutes: overall.medianFirstResponseMinutes,
		withinTargetShare: overall.withinTargetShare,
		urgentShare: rows.length ? rows.filter((row) => row.request.urgent).length / rows.length : null,
		byTopic: tally((row) => row.request.topic).map(([topic, n]) => ({ topic, count: n })),
		byStatus: tally((row) => row.request.status).map(([status, n]) => ({ status, count: n })),
		perAdviser: tally((row) => row.adviser ?? 'No PA').map(([adviser]) => ({
			adviser,
			...summarise(rows.filter((row) => (row.adviser ?? 'No PA') === adviser))
		})),
		perOffer: tally((row) => String(row.offerId ?? ''))
			.filter(([offerId]) => offerId !== '')
			.map(([offerId, n]) => ({ offerId: Number(offerId), count: n }))
	};
}

export function median(values: number[]): number | null {
	if (values.length === 0) {
		return null;
	}
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const value = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return Math.round(value);
}
