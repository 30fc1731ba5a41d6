/**
 * Keeping in touch, for the Corporate Parenting Board: the share of care leavers in touch by the
 * government's age bands, per PA and week by week; check-in answers by week; and "I need help
 * now" with how fast someone answered.
 *
 * "In touch" is the rule in ../in-touch.ts (two-way contact within the lead's number of weeks),
 * judged on a day: the end of the period (or today, if the period has not ended), and the end of
 * each week for the series. A week's figure counts only contact up to that week's end.
 *
 * Counts of 1–4 are suppressed before they leave the server, and so is a share computed from a
 * suppressed count (20% of 10 gives the 2 away). The all-ages total is hidden when a band's
 * figure is, so it cannot be worked out by subtraction.
 */
import { alias } from 'drizzle-orm/sqlite-core';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { addDays, londonDay, londonDayStart, londonToday, weekStart } from '$lib/london-time';
import { CHECK_IN_MOODS, type CheckInMood } from '$lib/schemas/check-in';
import { suppressPeople, type PeopleCount } from '$lib/suppression';
import type { Database } from '../db/connection';
import { checkIn, supportRequest, user } from '../db/schema';
import { AGE_BANDS, ageBand, getInTouchWeeks, isInTouch, type AgeBand } from '../in-touch';
import { SUPPRESSED, type HiddenCount } from './pledge-uptake';
import { median } from './request-stats';
import { weeksOf, type DateRange } from './rollup-reads';

const HOUR = 3_600_000;

/** 0–1; hidden with a suppressed count; null when there is nobody to take a share of. */
export type Share = number | typeof SUPPRESSED | null;

export type InTouchFigures = { careLeavers: PeopleCount; inTouch: PeopleCount; share: Share };
/** A total: its counts are also hidden when they would give a hidden figure away. */
export type InTouchTotal = { careLeavers: HiddenCount; inTouch: HiddenCount; share: Share };

type Person = {
	id: number;
	dateOfBirth: string | null;
	adviserId: number | null;
	adviser: string | null;
	/** The day they were added: nobody is out of touch before they could be in touch. */
	since: string;
	/** The day their account was disabled, if it was. */
	disabledOn: string | null;
};

type Judged = { person: Person; inTouch: boolean };

/** A time on a London day, for the rules that take "now": noon is on that day whatever the clock. */
const onDay = (day: string) => new Date(londonDayStart(day) + 12 * HOUR);

/** The day figures are "now" for: the period's last day, or today while it lasts; null before it. */
export function snapshotDay(range: DateRange, now = Date.now()): string | null {
	const today = londonToday(now);
	if (range.from > today) {
		return null;
	}
	return range.to < today ? range.to : today;
}

/** Each week of the period that has begun, with the day its figures are taken (its last, or today). */
function snapshotWeeks(range: DateRange, asOf: string) {
	return weeksOf(range)
		.filter((week) => week.from <= asOf)
		.map((week) => ({ ...week, on: week.to < asOf ? week.to : asOf }));
}

/** Every care leaver's account (disabled ones too: they were care leavers before that day). */
function listCareLeavers(db: Database, upTo: string): Person[] {
	const adviser = alias(user, 'adviser');
	return db
		.select({
			id: user.id,
			dateOfBirth: user.dateOfBirth,
			adviserId: user.adviserId,
			adviser: adviser.name,
			createdAt: user.createdAt,
			disabledAt: user.disabledAt
		})
		.from(user)
		.leftJoin(adviser, eq(adviser.id, user.adviserId))
		.where(
			and(eq(user.role, 'leaver'), lt(user.createdAt, new Date(londonDayStart(addDays(upTo, 1)))))
		)
		.all()
		.map(({ createdAt, disabledAt, ...row }) => ({
			...row,
			since: londonDay(createdAt),
			disabledOn: disabledAt ? londonDay(disabledAt) : null
		}));
}

/** A care leaver on a day: added by then, and not disabled on or before it. */
const isCareLeaverOn = (person: Person, day: string) =>
	person.since <= day && (person.disabledOn === null || person.disabledOn > day);

/**
 * The London days on which there was contact with each young person, from `from` to `to`, sorted:
 * the same sources as lastContacts, but every day rather than only the last, so a week's figure
 * can ignore what came after it. One pass per source; timestamps are grouped by hour in SQLite
 * (London's offset is whole hours, so an hour is on one London day).
 */
function listContactDays(db: Database, from: string, to: string) {
	const start = londonDayStart(from);
	const end = londonDayStart(addDays(to, 1));
	const rows = [
		...db.all<{ leaverId: number; hour: number }>(
			sql`SELECT leaver_id AS leaverId, created_at / ${HOUR} AS hour FROM check_in
				WHERE created_at >= ${start} AND created_at < ${end}
				GROUP BY leaver_id, hour`
		),
		// What they wrote to their PA, and what their PA wrote that they have since read. Whether a
		// reply had been read by a week's end is not kept (only the latest read), so a read reply
		// counts from the day it was sent.
		...db.all<{ leaverId: number; hour: number }>(
			sql`SELECT r.leaver_id AS leaverId, m.created_at / ${HOUR} AS hour
				FROM request_message m JOIN support_request r ON r.id = m.request_id
				WHERE m.created_at >= ${start} AND m.created_at < ${end}
					AND (m.author_id = r.leaver_id
						OR (m.kind = 'message' AND r.leaver_read_at >= m.created_at))
				GROUP BY r.leaver_id, hour`
		)
	].map((row) => ({ leaverId: row.leaverId, day: londonDay(row.hour * HOUR) }));
	const logged = db.all<{ leaverId: number; day: string }>(
		sql`SELECT DISTINCT leaver_id AS leaverId, "on" AS day FROM contact_log
			WHERE "on" >= ${from} AND "on" <= ${to}`
	);
	const days = new Map<number, Set<string>>();
	for (const row of [...rows, ...logged]) {
		const known = days.get(row.leaverId) ?? new Set<string>();
		known.add(row.day);
		days.set(row.leaverId, known);
	}
	return new Map([...days].map(([id, set]) => [id, [...set].sort()]));
}

/**
 * Who was in touch on each day given (ascending): one list of care leavers per day. Contact
 * before the first day's cutoff cannot keep anyone in touch on any of them, so it is not read.
 */
function judgeInTouch(db: Database, days: readonly string[]): Judged[][] {
	if (days.length === 0) {
		return [];
	}
	const weeks = getInTouchWeeks(db);
	const last = days[days.length - 1];
	const contact = listContactDays(db, addDays(days[0], -7 * weeks), last);
	const judged: Judged[][] = days.map(() => []);
	for (const person of listCareLeavers(db, last)) {
		const seen = contact.get(person.id) ?? [];
		let after = 0;
		days.forEach((day, index) => {
			while (after < seen.length && seen[after] <= day) {
				after += 1;
			}
			if (isCareLeaverOn(person, day)) {
				const lastContact = after > 0 ? seen[after - 1] : null;
				judged[index].push({
					person,
					inTouch: isInTouch(lastContact, person.since, weeks, onDay(day))
				});
			}
		});
	}
	return judged;
}

/** Care leavers, those in touch and the share, suppressed. */
function figuresOf(group: readonly Judged[]): InTouchFigures {
	const inTouch = group.filter((row) => row.inTouch).length;
	const careLeavers = suppressPeople(group.length);
	const shown = suppressPeople(inTouch);
	const hidden = typeof careLeavers !== 'number' || typeof shown !== 'number';
	return {
		careLeavers,
		inTouch: shown,
		share: hidden ? SUPPRESSED : group.length ? inTouch / group.length : null
	};
}

/** The all-ages row: a count is hidden when a band's is, or subtraction would give it away. */
function totalOf(group: readonly Judged[], bands: readonly InTouchFigures[]): InTouchTotal {
	const figures: InTouchTotal = figuresOf(group);
	if (bands.some((band) => typeof band.careLeavers !== 'number')) {
		figures.careLeavers = SUPPRESSED;
	}
	if (bands.some((band) => typeof band.inTouch !== 'number')) {
		figures.inTouch = SUPPRESSED;
	}
	if (typeof figures.careLeavers !== 'number' || typeof figures.inTouch !== 'number') {
		figures.share = SUPPRESSED;
	}
	return figures;
}

const NO_PA = 'No PA';

function byAgeBand(judged: readonly Judged[], day: string) {
	const date = onDay(day);
	const bands = AGE_BANDS.map((band) => ({
		band,
		...figuresOf(judged.filter((row) => ageBand(row.person.dateOfBirth, date) === band))
	}));
	// Everyone, whatever their age: a care leaver with no date of birth is still one.
	return { bands, all: { band: 'all' as const, ...totalOf(judged, bands) } };
}

function byAdviser(judged: readonly Judged[]) {
	const groups = new Map<number | null, { adviser: string; rows: Judged[] }>();
	for (const row of judged) {
		const key = row.person.adviserId;
		const group = groups.get(key) ?? { adviser: row.person.adviser ?? NO_PA, rows: [] };
		group.rows.push(row);
		groups.set(key, group);
	}
	return [...groups]
		.sort(([a, x], [b, y]) =>
			a === null ? 1 : b === null ? -1 : x.adviser.localeCompare(y.adviser, 'en-GB')
		)
		.map(([adviserId, group]) => ({ adviserId, adviser: group.adviser, ...figuresOf(group.rows) }));
}

export type AgeBandRow = { band: AgeBand } & InTouchFigures;

/**
 * In touch at the end of the period, by age band (with all ages) and per PA. A young person's
 * band is their age on that day; their PA is their PA now (changes of PA are not kept).
 */
export function getInTouchNow(db: Database, range: DateRange, now = Date.now()) {
	const asOf = snapshotDay(range, now);
	const weeks = getInTouchWeeks(db);
	if (asOf === null) {
		const bands: AgeBandRow[] = [];
		return { asOf, weeks, bands, all: null, perAdviser: [] };
	}
	const [judged] = judgeInTouch(db, [asOf]);
	return { asOf, weeks, ...byAgeBand(judged, asOf), perAdviser: byAdviser(judged) };
}

/** Each week's figures, judged on the day each is taken. */
function weeklyFigures(db: Database, range: DateRange, asOf: string) {
	const series = snapshotWeeks(range, asOf);
	const judged = judgeInTouch(
		db,
		series.map((week) => week.on)
	);
	const rows = series.map((week, index) => ({
		week: week.start,
		on: week.on,
		...figuresOf(judged[index])
	}));
	return { rows, end: judged[judged.length - 1] };
}

/** The share in touch at the end of each week of the period (today, for the week still going). */
export function getInTouchOverTime(db: Database, range: DateRange, now = Date.now()) {
	const asOf = snapshotDay(range, now);
	return asOf === null ? [] : weeklyFigures(db, range, asOf).rows;
}

export type CheckInWeek = { week: string; from: string; to: string } & Record<
	CheckInMood,
	PeopleCount
>;

/** The period's instants: from the first day's London midnight to the one after the last. */
function inPeriod(column: typeof checkIn.createdAt, range: DateRange) {
	return and(
		gte(column, new Date(londonDayStart(range.from))),
		lt(column, new Date(londonDayStart(addDays(range.to, 1))))
	);
}

/**
 * Check-in answers per week of the period (the weeks begun by today). Counts of answers, not of
 * people, but any count of 1–4 is still hidden: a week with 2 "I need help now" is two young
 * people's worst days.
 */
export function getCheckInsByWeek(db: Database, range: DateRange, now = Date.now()) {
	const asOf = snapshotDay(range, now);
	if (asOf === null) {
		return [];
	}
	const rows = db.all<{ mood: CheckInMood; hour: number; answers: number }>(
		sql`SELECT mood, created_at / ${HOUR} AS hour, count(*) AS answers FROM check_in
			WHERE created_at >= ${londonDayStart(range.from)}
				AND created_at < ${londonDayStart(addDays(range.to, 1))}
			GROUP BY mood, hour`
	);
	const counts = new Map<string, number>();
	for (const row of rows) {
		const key = `${weekStart(londonDay(row.hour * HOUR))}|${row.mood}`;
		counts.set(key, (counts.get(key) ?? 0) + row.answers);
	}
	return snapshotWeeks(range, asOf).map((week): CheckInWeek => ({
		week: week.start,
		from: week.from,
		to: week.to,
		...(Object.fromEntries(
			CHECK_IN_MOODS.map((mood) => [mood, suppressPeople(counts.get(`${week.start}|${mood}`) ?? 0)])
		) as Record<CheckInMood, PeopleCount>)
	}));
}

/** Fewer answered than this and there is no median: it would be one or two young people's wait. */
const MEDIAN_FROM = 5;

/**
 * "I need help now" check-ins in the period, how many were answered, and the median time from the
 * urgent request they made to its first reply by staff, in minutes of clock time (not working
 * time: someone asking for help at 10 pm waits through the night).
 */
export function getHelpNowFigures(db: Database, range: DateRange) {
	const rows = db
		.select({
			createdAt: supportRequest.createdAt,
			firstResponseAt: supportRequest.firstResponseAt
		})
		.from(checkIn)
		.leftJoin(supportRequest, eq(supportRequest.id, checkIn.requestId))
		.where(and(eq(checkIn.mood, 'help-now'), inPeriod(checkIn.createdAt, range)))
		.all();
	const minutes = rows.flatMap(({ createdAt, firstResponseAt }) =>
		createdAt && firstResponseAt ? [(firstResponseAt.getTime() - createdAt.getTime()) / 60_000] : []
	);
	return {
		count: suppressPeople(rows.length),
		answered: suppressPeople(minutes.length),
		medianFirstResponseMinutes: minutes.length >= MEDIAN_FROM ? median(minutes) : null
	};
}

/**
 * Everything the dashboard's keeping-in-touch panel shows. The end-of-period figures are the
 * series' last week, so contact is read once.
 */
export function getKeepingInTouch(db: Database, range: DateRange, now = Date.now()) {
	const asOf = snapshotDay(range, now);
	const shared = { asOf, weeks: getInTouchWeeks(db), helpNow: getHelpNowFigures(db, range) };
	if (asOf === null) {
		const bands: AgeBandRow[] = [];
		return { ...shared, bands, all: null, perAdviser: [], overTime: [], checkIns: [] };
	}
	const { rows, end } = weeklyFigures(db, range, asOf);
	return {
		...shared,
		...byAgeBand(end, asOf),
		perAdviser: byAdviser(end),
		overTime: rows,
		checkIns: getCheckInsByWeek(db, range, now)
	};
}

export type KeepingInTouch = ReturnType<typeof getKeepingInTouch>;
