/** Importing opportunities from a partner's CSV: all rows or none, as drafts. */
import { parse } from 'csv-parse/sync';
import { opportunityFormSchema, type OpportunityInput } from '$lib/schemas/opportunity-form';
import { recordAudit } from './audit';
import type { User } from './auth/session';
import type { Database } from './db/connection';
import { opportunity } from './db/schema';
import { columnsOf } from './opportunity-editing';

/** The CSV's columns, in the template's order: the editor's field names. */
export const CSV_COLUMNS = [
	'kind',
	'title',
	'organisation',
	'summary',
	'body',
	'place',
	'pay',
	'startsOn',
	'closesOn',
	'ringFenced',
	'minAge',
	'maxAge',
	'statuses',
	'livesInArea',
	'inEducation',
	'steps',
	'applyUrl',
	'contactName',
	'contactPhone',
	'contactEmail'
] as const;

/** Columns every file must have; the others may be left out (empty). */
const CSV_REQUIRED_COLUMNS = [
	'kind',
	'title',
	'organisation',
	'summary',
	'body',
	'closesOn',
	'minAge',
	'maxAge',
	'statuses',
	'steps'
] as const;

/** At most this many rows in one file (a partner's list, not a database dump). */
export const CSV_MAX_ROWS = 200;

export type ImportProblem = { row: number; column: string; message: string };

/** "Closes on", "closes_on" and "closesOn" all name the same column. */
function columnKey(header: string) {
	const plain = header
		.trim()
		.toLowerCase()
		.replace(/[\s_-]+/g, '');
	return CSV_COLUMNS.find((column) => column.toLowerCase() === plain);
}

/**
 * Checks every row of a partner's CSV and, only when all are right, adds them all as drafts in
 * one transaction: nothing is half-imported. Problems name the row as a spreadsheet numbers it
 * (the header is row 1).
 */
export function importOpportunities(
	db: Database,
	actor: User,
	csv: string,
	now = Date.now()
): { ok: true; created: number } | { ok: false; problems: ImportProblem[] } {
	let records: string[][];
	try {
		records = parse(csv.replace(/^\uFEFF/, ''), {
			skip_empty_lines: true,
			relax_column_count: true,
			trim: true
		}) as string[][];
	} catch {
		return {
			ok: false,
			problems: [
				{
					row: 1,
					column: '',
					message:
						'This file could not be read as CSV. Save it as “CSV (comma delimited)” and try again.'
				}
			]
		};
	}
	const [header, ...rows] = records;
	if (!header || rows.length === 0) {
		return {
			ok: false,
			problems: [{ row: 1, column: '', message: 'The file has no rows under the header.' }]
		};
	}
	const keys = header.map(columnKey);
	const missing = CSV_REQUIRED_COLUMNS.filter((column) => !keys.includes(column));
	if (missing.length > 0) {
		return {
			ok: false,
			problems: [
				{ row: 1, column: '', message: `The header needs these columns: ${missing.join(', ')}.` }
			]
		};
	}
	if (rows.length > CSV_MAX_ROWS) {
		return {
			ok: false,
			problems: [{ row: 1, column: '', message: `Import at most ${CSV_MAX_ROWS} rows at a time.` }]
		};
	}
	const problems: ImportProblem[] = [];
	const inputs: OpportunityInput[] = [];
	rows.forEach((cells, index) => {
		const record: Record<string, string> = {};
		keys.forEach((key, column) => {
			if (key) {
				record[key] = cells[column] ?? '';
			}
		});
		const parsed = opportunityFormSchema.safeParse(record);
		if (parsed.success) {
			inputs.push(parsed.data);
		} else {
			for (const issue of parsed.error.issues) {
				problems.push({
					row: index + 2,
					column: String(issue.path[0] ?? ''),
					message: issue.message
				});
			}
		}
	});
	if (problems.length > 0) {
		return { ok: false, problems };
	}
	db.transaction((tx) => {
		for (const input of inputs) {
			tx.insert(opportunity)
				.values({
					...columnsOf(input),
					status: 'draft',
					createdById: actor.id,
					createdAt: new Date(now),
					updatedAt: new Date(now)
				})
				.run();
		}
		recordAudit(tx, {
			actorId: actor.id,
			action: 'opportunities-imported',
			target: 'opportunity',
			detail: { rows: inputs.length }
		});
	});
	return { ok: true, created: inputs.length };
}
