import { and, eq, gte, inArray, isNotNull, lt } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { addDays, londonDayStart } from '$lib/london-time';
import { PLEDGE_KINDS, type PledgeKind } from '$lib/schemas/pledge';
import { suppressPeople, type PeopleCount } from '$lib/suppression';
import type { Database } from '../db/connection';
import { pledge, pledgeMatch } from '../db/schema';
import { formatPounds } from '../pledges';
import type { DateRange } from './rollup-reads';

/**
 * Hidden for the sake of a figure that is: hours and money given by fewer than 5 young people's
 * matches, and a total that would give a kind's hidden figure away by subtraction. Not "fewer than
 * 5", which such a total need not be.
 */
export const SUPPRESSED = 'suppressed';
export type GivenAmount = number | typeof SUPPRESSED;
/** A count of young people: a number, "fewer than 5", or hidden with another figure. */
export type HiddenCount = PeopleCount | typeof SUPPRESSED;

export type PledgeUptakeRow = {
	kind: PledgeKind | 'total';
	/** Pledges made in the period. */
	offered: number;
	/** Pledges a lead approved in the period (including any ended since). */
	approved: number;
	/** Young people matched with a pledge in the period. */
	matched: HiddenCount;
	/** Young people whose match took place, or whose money was paid, in the period. */
	completed: HiddenCount;
	/** Hours given at the completed matches. */
	hours: GivenAmount;
	/** Money paid at the completed matches, in pence (for the CSV)… */
	paidPence: GivenAmount;
	/** …and as the page shows it: "£1,250" (the browser has no formatPounds). */
	moneyGiven: string;
};

/** How a match counts: its young person, and what it gave if it was completed in the period. */
type MatchFigures = { kind: PledgeKind; leaverId: number; hours: number; paidPence: number };

/** The period's instants: from the first day's London midnight to the one after the last day. */
function inPeriod(column: SQLiteColumn, range: DateRange) {
	return and(
		gte(column, new Date(londonDayStart(range.from))),
		lt(column, new Date(londonDayStart(addDays(range.to, 1))))
	);
}

const ofKind = <T extends { kind: PledgeKind }>(rows: T[], kind: PledgeKind) =>
	rows.filter((row) => row.kind === kind);

/** Distinct young people, suppressed below 5. */
const peopleIn = (rows: { leaverId: number }[]) =>
	suppressPeople(new Set(rows.map((row) => row.leaverId)).size);

const sum = (rows: MatchFigures[], pick: (row: MatchFigures) => number) =>
	rows.reduce((total, row) => total + pick(row), 0);

/** To the quarter hour and below: sums of decimals such as 0.1 + 0.2 come out a hair off. */
const roundHours = (hours: number) => Math.round(hours * 100) / 100;

/** Hours and money are shown only with the count of young people they come from. */
function given(completed: HiddenCount, amount: number): GivenAmount {
	return typeof completed === 'number' ? amount : SUPPRESSED;
}

/** The completed matches' figures for a row, hidden with its count of young people. */
function givenBy(completed: HiddenCount, done: MatchFigures[]) {
	const paidPence = given(
		completed,
		sum(done, (row) => row.paidPence)
	);
	return {
		completed,
		hours: given(completed, roundHours(sum(done, (row) => row.hours))),
		paidPence,
		moneyGiven: paidPence === SUPPRESSED ? SUPPRESSED : formatPounds(paidPence)
	};
}

/**
 * Helping Hands and No Limits in the period, by kind (time, money) and in total: pledges offered
 * and approved, young people matched and helped, and the hours and money given.
 *
 * Counts of young people are suppressed below 5 before they leave the server, and so are the
 * hours and money that come from them: a single young person's support could be read off
 * otherwise. A total is hidden whenever a kind's figure is, or subtracting the other kind from it
 * would give the hidden figure away. Pledges offered and
 * approved are the supporters', not young people's, and are never suppressed.
 */
export function getPledgeUptake(db: Database, range: DateRange) {
	const offered = db
		.select({ kind: pledge.kind })
		.from(pledge)
		.where(inPeriod(pledge.createdAt, range))
		.all();
	// A pledge ended after its approval keeps its decision date; a declined one is not counted.
	const approved = db
		.select({ kind: pledge.kind })
		.from(pledge)
		.where(
			and(
				inArray(pledge.status, ['approved', 'ended']),
				isNotNull(pledge.decidedAt),
				inPeriod(pledge.decidedAt, range)
			)
		)
		.all();
	const matched = db
		.select({ kind: pledge.kind, leaverId: pledgeMatch.leaverId })
		.from(pledgeMatch)
		.innerJoin(pledge, eq(pledge.id, pledgeMatch.pledgeId))
		.where(inPeriod(pledgeMatch.createdAt, range))
		.all();
	const completed: MatchFigures[] = db
		.select({
			kind: pledge.kind,
			leaverId: pledgeMatch.leaverId,
			hours: pledgeMatch.hours,
			paidPence: pledgeMatch.paidPence
		})
		.from(pledgeMatch)
		.innerJoin(pledge, eq(pledge.id, pledgeMatch.pledgeId))
		.where(
			and(
				inArray(pledgeMatch.outcome, ['took-place', 'money-paid']),
				inPeriod(pledgeMatch.outcomeAt, range)
			)
		)
		.all()
		.map((row) => ({ ...row, hours: row.hours ?? 0, paidPence: row.paidPence ?? 0 }));

	const kinds: PledgeUptakeRow[] = PLEDGE_KINDS.map((kind) => {
		const done = ofKind(completed, kind);
		return {
			kind,
			offered: ofKind(offered, kind).length,
			approved: ofKind(approved, kind).length,
			matched: peopleIn(ofKind(matched, kind)),
			...givenBy(peopleIn(done), done)
		};
	});

	// Money's 9 and a total of 12 would give time's hidden 3 away; hours and money go with it.
	const totalOf = (pick: (row: PledgeUptakeRow) => HiddenCount, rows: { leaverId: number }[]) =>
		kinds.some((row) => typeof pick(row) !== 'number') ? SUPPRESSED : peopleIn(rows);
	const total: PledgeUptakeRow = {
		kind: 'total',
		offered: offered.length,
		approved: approved.length,
		matched: totalOf((row) => row.matched, matched),
		...givenBy(
			totalOf((row) => row.completed, completed),
			completed
		)
	};
	return { kinds, total };
}

export type PledgeUptake = ReturnType<typeof getPledgeUptake>;
