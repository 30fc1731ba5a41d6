/**
 * Helping Hands and No Limits pledges: supporters offer time or money, a lead approves what young
 * people see, a young person asks through their PA, the PA or a lead matches, the outcome is kept.
 * Safeguarding: a young person never sees who the supporter is beyond what the lead chose to show,
 * and a supporter sees of a young person only their first name and the match (never a request).
 */
import { and, asc, count, desc, eq, gte, inArray, isNull, ne, sql } from 'drizzle-orm';
import { londonToday } from '$lib/london-time';
import { formatPounds } from '$lib/pounds';
import type { PledgeForm, PledgeShown } from '$lib/schemas/pledge-form';
import type { MatchOutcome, TimeKind } from '$lib/schemas/pledge';
import { recordAudit } from './audit';
import type { User } from './auth/session';
import type { Database, Executor } from './db/connection';
import { pledge, pledgeMatch, supportRequest, user } from './db/schema';
import { queueMail } from './mail/queue';

export type Pledge = typeof pledge.$inferSelect;
export type PledgeMatch = typeof pledgeMatch.$inferSelect;

/** The words a pledge of time starts with on the board, until the lead writes their own. */
const TIME_TITLES: Record<TimeKind, string> = {
	mentoring: 'Mentoring',
	'interview-practice': 'Interview practice',
	'cv-help': 'Help with your CV',
	'work-shadowing': 'Work shadowing',
	skill: 'Learn a skill'
};

export { formatPounds };

/** The title a pledge is first shown with, for the lead to check. */
function suggestedTitle(input: PledgeForm) {
	return input.kind === 'money'
		? `Up to ${formatPounds(input.amount ?? 0)} towards what you need`
		: TIME_TITLES[input.timeKind ?? 'skill'];
}

// ——— The supporter ———

/** A supporter offers time or money. It waits for a lead: no young person sees it yet. */
export function createPledge(db: Database, supporter: User, input: PledgeForm, now = Date.now()) {
	return db.transaction((tx) => {
		const made = tx
			.insert(pledge)
			.values({
				supporterId: supporter.id,
				scheme: input.scheme,
				kind: input.kind,
				timeKind: input.kind === 'time' ? (input.timeKind ?? null) : null,
				amountPence: input.kind === 'money' ? (input.amount ?? null) : null,
				details: input.details,
				places: input.places,
				until: input.until,
				title: suggestedTitle(input),
				// The supporter's words are for staff: the lead writes what young people read.
				summary: '',
				shownAs: 'Someone from the council',
				status: 'waiting',
				createdAt: new Date(now),
				updatedAt: new Date(now)
			})
			.returning()
			.get();
		recordAudit(tx, {
			actorId: supporter.id,
			action: 'pledge-created',
			target: `pledge:${made.id}`,
			at: new Date(now)
		});
		return made;
	});
}

/** How many young people each pledge has been matched with. */
function matchCounts(db: Executor, pledgeIds: number[]) {
	if (pledgeIds.length === 0) {
		return new Map<number, number>();
	}
	const rows = db
		.select({ pledgeId: pledgeMatch.pledgeId, matched: count() })
		.from(pledgeMatch)
		.where(inArray(pledgeMatch.pledgeId, pledgeIds))
		.groupBy(pledgeMatch.pledgeId)
		.all();
	return new Map(rows.map((row) => [row.pledgeId, row.matched]));
}

/** A supporter's own pledges, newest first, with how many young people each was matched with. */
export function listPledgesOf(db: Database, supporterId: number) {
	const rows = db
		.select()
		.from(pledge)
		.where(eq(pledge.supporterId, supporterId))
		.orderBy(desc(pledge.createdAt), desc(pledge.id))
		.all();
	const matched = matchCounts(
		db,
		rows.map((row) => row.id)
	);
	return rows.map((row) => ({ ...row, matched: matched.get(row.id) ?? 0 }));
}

/**
 * A supporter's matches: only what they need (the young person's first name, what, when, where,
 * the PA's note). Never the request, a surname, a date of birth or a way to contact them.
 */
export function listMatchesForSupporter(db: Database, supporterId: number) {
	return db
		.select({
			id: pledgeMatch.id,
			pledgeId: pledge.id,
			pledgeTitle: pledge.title,
			kind: pledge.kind,
			firstName: sql<string>`(SELECT u.name FROM user u WHERE u.id = ${pledgeMatch.leaverId})`,
			meetWhen: pledgeMatch.meetWhen,
			meetWhere: pledgeMatch.meetWhere,
			note: pledgeMatch.note,
			outcome: pledgeMatch.outcome,
			hours: pledgeMatch.hours,
			paidPence: pledgeMatch.paidPence,
			createdAt: pledgeMatch.createdAt
		})
		.from(pledgeMatch)
		.innerJoin(pledge, eq(pledge.id, pledgeMatch.pledgeId))
		.where(eq(pledge.supporterId, supporterId))
		.orderBy(desc(pledgeMatch.createdAt), desc(pledgeMatch.id))
		.all()
		.map((row) => ({ ...row, firstName: row.firstName.trim().split(/\s+/)[0] }));
}

// ——— The lead ———

/** Every pledge for leads: waiting ones first, with the supporter's name and the matches. */
export function listPledgesForStaff(db: Database) {
	const rows = db
		.select({ pledge, supporterName: user.name, supporterEmail: user.email })
		.from(pledge)
		.innerJoin(user, eq(user.id, pledge.supporterId))
		.orderBy(
			sql`CASE ${pledge.status} WHEN 'waiting' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END`,
			desc(pledge.createdAt),
			desc(pledge.id)
		)
		.all();
	const matched = matchCounts(
		db,
		rows.map((row) => row.pledge.id)
	);
	return rows.map((row) => ({
		...row.pledge,
		supporterName: row.supporterName,
		supporterEmail: row.supporterEmail,
		matched: matched.get(row.pledge.id) ?? 0
	}));
}

export function getPledge(db: Executor, id: number) {
	return db.select().from(pledge).where(eq(pledge.id, id)).get();
}

/** The supporter behind a pledge, for staff only. */
export function getSupporter(db: Executor, item: Pledge) {
	return db
		.select({ id: user.id, name: user.name, email: user.email })
		.from(user)
		.where(eq(user.id, item.supporterId))
		.get();
}

/** A lead approves (with what young people see) or declines a waiting pledge; audited. */
export function decidePledge(
	db: Database,
	lead: User,
	item: Pledge,
	decision: { approve: true; shown: PledgeShown } | { approve: false },
	now = Date.now()
) {
	db.transaction((tx) => {
		tx.update(pledge)
			.set({
				...(decision.approve ? decision.shown : {}),
				status: decision.approve ? 'approved' : 'declined',
				decidedById: lead.id,
				decidedAt: new Date(now),
				updatedAt: new Date(now)
			})
			.where(eq(pledge.id, item.id))
			.run();
		recordAudit(tx, {
			actorId: lead.id,
			action: decision.approve ? 'pledge-approved' : 'pledge-declined',
			subjectUserId: item.supporterId,
			target: `pledge:${item.id}`,
			at: new Date(now)
		});
	});
}

/** A lead changes what young people see of an approved pledge; audited. */
export function saveShown(
	db: Database,
	lead: User,
	item: Pledge,
	shown: PledgeShown,
	now = Date.now()
) {
	db.transaction((tx) => {
		tx.update(pledge)
			.set({ ...shown, updatedAt: new Date(now) })
			.where(eq(pledge.id, item.id))
			.run();
		recordAudit(tx, {
			actorId: lead.id,
			action: 'pledge-saved',
			target: `pledge:${item.id}`,
			at: new Date(now)
		});
	});
}

/** The supporter or a lead ends a pledge early: it leaves the board; matches made stand. */
export function endPledge(db: Database, actor: User, item: Pledge, now = Date.now()) {
	db.transaction((tx) => {
		tx.update(pledge)
			.set({ status: 'ended', updatedAt: new Date(now) })
			.where(eq(pledge.id, item.id))
			.run();
		recordAudit(tx, {
			actorId: actor.id,
			action: 'pledge-ended',
			subjectUserId: item.supporterId,
			target: `pledge:${item.id}`,
			at: new Date(now)
		});
	});
}

// ——— The board ———

/**
 * On the board: approved, its last day not passed (London), a place left, and its supporter's
 * account still on (a supporter who has left cannot be matched).
 */
export function listOpenPledges(db: Executor, now = Date.now()) {
	const rows = db
		.select({ pledge })
		.from(pledge)
		.innerJoin(user, eq(user.id, pledge.supporterId))
		.where(
			and(
				eq(pledge.status, 'approved'),
				gte(pledge.until, londonToday(now)),
				isNull(user.disabledAt)
			)
		)
		.orderBy(asc(pledge.until), asc(pledge.id))
		.all()
		.map((row) => row.pledge);
	const matched = matchCounts(
		db,
		rows.map((row) => row.id)
	);
	return rows
		.map((row) => ({ ...row, placesLeft: row.places - (matched.get(row.id) ?? 0) }))
		.filter((row) => row.placesLeft > 0);
}

/** One pledge as young people see it: undefined unless it is on the board today. */
export function getOpenPledge(db: Executor, id: number, now = Date.now()) {
	return listOpenPledges(db, now).find((row) => row.id === id);
}

/** What young people may see of a pledge: never the supporter, their details or their words. */
export function publicPledge(item: Pledge & { placesLeft: number }) {
	return {
		id: item.id,
		scheme: item.scheme,
		kind: item.kind,
		title: item.title,
		summary: item.summary,
		shownAs: item.shownAs,
		until: item.until,
		placesLeft: item.placesLeft
	};
}
export type PublicPledge = ReturnType<typeof publicPledge>;

/** The young person's open request asking for this pledge, if they already asked. */
export function findPledgeAsk(db: Database, leaver: User, pledgeId: number) {
	return db
		.select({ id: supportRequest.id, createdAt: supportRequest.createdAt })
		.from(supportRequest)
		.where(
			and(
				eq(supportRequest.leaverId, leaver.id),
				eq(supportRequest.pledgeId, pledgeId),
				ne(supportRequest.status, 'resolved')
			)
		)
		.orderBy(desc(supportRequest.createdAt))
		.get();
}

// ——— Matching ———

export function getMatchForRequest(db: Executor, requestId: number) {
	return db.select().from(pledgeMatch).where(eq(pledgeMatch.requestId, requestId)).get();
}

export function getMatch(db: Executor, id: number) {
	return db.select().from(pledgeMatch).where(eq(pledgeMatch.id, id)).get();
}

export type MatchProblem = 'not-open' | 'already-matched';

/**
 * A PA or lead matches the young person who asked (the request) with the pledge. The supporter
 * gets an email that says only that there is a match, and signs in for the details.
 */
export function matchPledge(
	db: Database,
	staff: User,
	request: typeof supportRequest.$inferSelect,
	input: { meetWhen: string; meetWhere: string; note?: string },
	now = Date.now()
): { ok: true; match: PledgeMatch } | { ok: false; problem: MatchProblem } {
	const pledgeId = request.pledgeId;
	if (pledgeId === null) {
		return { ok: false, problem: 'not-open' };
	}
	return db.transaction(
		(tx) => {
			if (getMatchForRequest(tx, request.id)) {
				return { ok: false as const, problem: 'already-matched' as const };
			}
			const open = getOpenPledge(tx, pledgeId, now);
			if (!open) {
				return { ok: false as const, problem: 'not-open' as const };
			}
			const match = tx
				.insert(pledgeMatch)
				.values({
					pledgeId: open.id,
					requestId: request.id,
					leaverId: request.leaverId,
					matchedById: staff.id,
					meetWhen: input.meetWhen,
					meetWhere: input.meetWhere,
					note: input.note ?? '',
					createdAt: new Date(now),
					updatedAt: new Date(now)
				})
				.returning()
				.get();
			recordAudit(tx, {
				actorId: staff.id,
				action: 'pledge-matched',
				subjectUserId: request.leaverId,
				target: `pledge:${open.id}`,
				detail: { match: match.id, request: request.id },
				at: new Date(now)
			});
			const supporter = getSupporter(tx, open);
			if (supporter?.email) {
				queueMail(
					tx,
					'pledge-match',
					[{ userId: supporter.id, address: supporter.email }],
					`pledge-match:${match.id}`,
					{ path: '/supporter' },
					now
				);
			}
			return { ok: true as const, match };
		},
		// Places are counted and taken in one go: two PAs cannot take the last place at once.
		{ behavior: 'immediate' }
	);
}

/**
 * How a match went, from the supporter (their own pledge's matches: time given, or it did not
 * happen) or from staff (any, including money paid). Recorded again, it is corrected; audited.
 */
export function recordOutcome(
	db: Database,
	actor: User,
	match: PledgeMatch,
	input: { outcome: MatchOutcome; hours?: number; paid?: number },
	now = Date.now()
) {
	db.transaction((tx) => {
		tx.update(pledgeMatch)
			.set({
				outcome: input.outcome,
				hours: input.outcome === 'took-place' ? (input.hours ?? null) : null,
				paidPence: input.outcome === 'money-paid' ? (input.paid ?? null) : null,
				outcomeById: actor.id,
				outcomeAt: new Date(now),
				updatedAt: new Date(now)
			})
			.where(eq(pledgeMatch.id, match.id))
			.run();
		recordAudit(tx, {
			actorId: actor.id,
			action: 'pledge-outcome',
			subjectUserId: match.leaverId,
			target: `pledge:${match.pledgeId}`,
			detail: { match: match.id, outcome: input.outcome },
			at: new Date(now)
		});
	});
}

/** A supporter's match, or undefined when it is not of one of their pledges. */
export function getMatchOfSupporter(db: Database, supporterId: number, matchId: number) {
	return db
		.select({ match: pledgeMatch })
		.from(pledgeMatch)
		.innerJoin(pledge, eq(pledge.id, pledgeMatch.pledgeId))
		.where(and(eq(pledgeMatch.id, matchId), eq(pledge.supporterId, supporterId)))
		.get()?.match;
}

/** Every match of a pledge, for leads: the young person's first name and how it went. */
export function listMatchesOfPledge(db: Database, pledgeId: number) {
	return db
		.select({
			id: pledgeMatch.id,
			requestId: pledgeMatch.requestId,
			leaverName: user.name,
			meetWhen: pledgeMatch.meetWhen,
			meetWhere: pledgeMatch.meetWhere,
			outcome: pledgeMatch.outcome,
			hours: pledgeMatch.hours,
			paidPence: pledgeMatch.paidPence,
			createdAt: pledgeMatch.createdAt
		})
		.from(pledgeMatch)
		.innerJoin(user, eq(user.id, pledgeMatch.leaverId))
		.where(eq(pledgeMatch.pledgeId, pledgeId))
		.orderBy(asc(pledgeMatch.createdAt))
		.all();
}
