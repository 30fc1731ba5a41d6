import { csvPeople } from '$lib/suppression';
import { recordAudit } from '../audit';
import type { Database } from '../db/connection';
import { toCsv } from './csv';
import {
	getCheckInsByWeek,
	getHelpNowFigures,
	getInTouchNow,
	getInTouchOverTime,
	type InTouchTotal,
	type Share
} from './keeping-in-touch';
import { getOpportunityUptake } from './opportunity-uptake';
import { getPledgeUptake, SUPPRESSED, type GivenAmount, type HiddenCount } from './pledge-uptake';
import {
	findLowUseOffers,
	getCategoryViews,
	getLanguageViews,
	getOfferUptake,
	getPeopleOverTime,
	getRequestStats,
	getUnmetSearches,
	listRecentGeneralFeedback,
	listRecentOfferComments,
	type DateRange
} from './queries';

const isoTime = (date: Date) => date.toISOString();
/** The pledges panel's hidden figures are "suppressed"; pence are written as pounds (12.5). */
const csvHidden = (count: HiddenCount) => (count === SUPPRESSED ? count : csvPeople(count));
const csvPounds = (pence: GivenAmount) => (pence === SUPPRESSED ? pence : pence / 100);
const percent = (share: number | null) => (share === null ? '' : Math.round(share * 100));
const csvShare = (share: Share) => (share === SUPPRESSED ? share : percent(share));
/** Care leavers, in touch and the share, written as the dashboard shows them. */
const inTouchCells = (row: InTouchTotal) => [
	csvHidden(row.careLeavers),
	csvHidden(row.inTouch),
	csvShare(row.share)
];
const IN_TOUCH_COLUMNS = ['care_leavers', 'in_touch', 'in_touch_percent'];

/**
 * Every table on the dashboard as a CSV file, by name, each computing only its own table (never
 * the whole dashboard). People counts of 1–4 are written "<5".
 * offers.csv's columns are fixed by CONTRACT.md.
 */
const EXPORTS = {
	offers: (db, range) =>
		toCsv(
			['slug', 'title', 'category', 'views', 'unique_viewers', 'saves', 'used', 'contacts'],
			getOfferUptake(db, range, { sort: 'title' }).map((row) => [
				row.slug,
				row.title,
				row.category,
				row.views,
				csvPeople(row.uniqueViewers),
				row.saves,
				csvPeople(row.used),
				row.contacts
			])
		),
	weekly: (db, range) =>
		toCsv(
			['week_starting', 'from', 'to', 'visitors', 'active_care_leavers'],
			getPeopleOverTime(db, range).weeks.map((week) => [
				week.week,
				week.from,
				week.to,
				csvPeople(week.visitors),
				csvPeople(week.leavers)
			])
		),
	categories: (db, range) =>
		toCsv(
			['category', 'name', 'views', 'unique_viewers'],
			getCategoryViews(db, range).map((row) => [
				row.slug,
				row.name,
				row.views,
				csvPeople(row.uniqueViewers)
			])
		),
	languages: (db, range) =>
		toCsv(
			['language', 'name', 'views', 'unique_viewers'],
			getLanguageViews(db, range).map((row) => [
				row.code,
				row.name,
				csvPeople(row.views),
				csvPeople(row.uniqueViewers)
			])
		),
	searches: (db, range) =>
		toCsv(
			['search', 'searches_with_no_results'],
			getUnmetSearches(db, range, 1000).unmet.map((row) => [row.query, row.count])
		),
	// The dashboard's list: the offers table and the rule that picks from it, nothing else.
	'low-use': (db, range) =>
		toCsv(
			['slug', 'title', 'views', 'unique_viewers', 'used'],
			findLowUseOffers(getOfferUptake(db, range)).map((row) => [
				row.slug,
				row.title,
				row.views,
				csvPeople(row.uniqueViewers),
				csvPeople(row.used)
			])
		),
	helpful: (db, range) =>
		toCsv(
			['slug', 'title', 'helpful_yes', 'helpful_no'],
			getOfferUptake(db, range, { sort: 'title' })
				.filter((row) => row.helpfulYes + row.helpfulNo > 0)
				.map((row) => [row.slug, row.title, row.helpfulYes, row.helpfulNo])
		),
	comments: (db, range) =>
		toCsv(
			['at', 'slug', 'title', 'helpful', 'comment'],
			listRecentOfferComments(db, range, 10_000).map((row) => [
				isoTime(row.at),
				row.slug,
				row.title,
				row.helpful ? 'yes' : 'no',
				row.comment
			])
		),
	feedback: (db, range) =>
		toCsv(
			['at', 'name', 'message'],
			listRecentGeneralFeedback(db, range, 10_000).map((row) => [
				isoTime(row.at),
				row.name,
				row.message
			])
		),
	opportunities: (db, range) =>
		toCsv(
			['id', 'title', 'kind', 'views', 'unique_viewers', 'interested'],
			getOpportunityUptake(db, range).rows.map((row) => [
				row.id,
				row.title,
				row.kind,
				row.views,
				csvPeople(row.uniqueViewers),
				csvPeople(row.interested)
			])
		),
	// Hours and money are "suppressed" with the count of young people they come from, and a
	// total with a kind's hidden figure.
	pledges: (db, range) => {
		const { kinds, total } = getPledgeUptake(db, range);
		return toCsv(
			[
				'kind',
				'offered',
				'approved',
				'young_people_matched',
				'young_people_completed',
				'hours_given',
				'money_given_pounds'
			],
			[...kinds, total].map((row) => [
				row.kind,
				row.offered,
				row.approved,
				csvHidden(row.matched),
				csvHidden(row.completed),
				row.hours,
				csvPounds(row.paidPence)
			])
		);
	},
	// Keeping in touch: "on" is the day in touch was judged (the period's end, or today).
	'in-touch': (db, range) => {
		const { asOf, bands, all } = getInTouchNow(db, range);
		return toCsv(
			['on', 'age_band', ...IN_TOUCH_COLUMNS],
			all ? [...bands, all].map((row) => [asOf, row.band, ...inTouchCells(row)]) : []
		);
	},
	'in-touch-by-pa': (db, range) => {
		const { asOf, perAdviser } = getInTouchNow(db, range);
		return toCsv(
			['on', 'adviser', ...IN_TOUCH_COLUMNS],
			perAdviser.map((row) => [asOf, row.adviser, ...inTouchCells(row)])
		);
	},
	'in-touch-weekly': (db, range) =>
		toCsv(
			['week_starting', 'on', ...IN_TOUCH_COLUMNS],
			getInTouchOverTime(db, range).map((row) => [row.week, row.on, ...inTouchCells(row)])
		),
	'check-ins-weekly': (db, range) =>
		toCsv(
			['week_starting', 'from', 'to', 'good', 'ok', 'not_great', 'help_now'],
			getCheckInsByWeek(db, range).map((row) => [
				row.week,
				row.from,
				row.to,
				csvPeople(row.good),
				csvPeople(row.ok),
				csvPeople(row['not-great']),
				csvPeople(row['help-now'])
			])
		),
	'help-now': (db, range) => {
		const figures = getHelpNowFigures(db, range);
		return toCsv(
			['from', 'to', 'help_now_check_ins', 'answered', 'median_first_response_minutes'],
			[
				[
					range.from,
					range.to,
					csvPeople(figures.count),
					csvPeople(figures.answered),
					figures.medianFirstResponseMinutes
				]
			]
		);
	},
	requests: (db, range, previous) => {
		const stats = getRequestStats(db, range, previous);
		return toCsv(
			['adviser', 'answered', 'median_first_response_minutes', 'within_target_percent'],
			(stats?.perAdviser ?? []).map((row) => [
				row.adviser,
				row.answered,
				row.medianFirstResponseMinutes,
				percent(row.withinTargetShare)
			])
		);
	}
} satisfies Record<string, (db: Database, range: DateRange, previous: DateRange) => string>;

export type ExportName = keyof typeof EXPORTS;
export const EXPORT_NAMES = Object.keys(EXPORTS) as ExportName[];

export function isExportName(name: string): name is ExportName {
	return Object.hasOwn(EXPORTS, name);
}

export function buildExport(
	db: Database,
	name: ExportName,
	range: DateRange,
	previous: DateRange
): string {
	return EXPORTS[name](db, range, previous);
}

/**
 * A CSV download for a lead: the file, its name, and an audit entry saying who took which data
 * for which period.
 */
export function exportCsv(
	db: Database,
	actorId: number,
	name: ExportName,
	range: DateRange,
	previous: DateRange
) {
	const csv = buildExport(db, name, range, previous);
	recordAudit(db, {
		actorId,
		action: 'data-exported',
		target: `${name}.csv`,
		detail: { from: range.from, to: range.to }
	});
	return { csv, filename: `${name}-${range.from}-to-${range.to}.csv` };
}
