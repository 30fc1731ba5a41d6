import { stringify } from 'csv-stringify/sync';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return at the start)
 * gets a leading apostrophe: search words typed by anyone end up in these files.
 */
export function neutraliseFormula(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type CsvCell = string | number | null | undefined;

/** RFC 4180 CSV (quoting by csv-stringify), formulas neutralised, CRLF line ends. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
	return stringify([header, ...rows], {
		record_delimiter: 'windows',
		// Quote any line break, not only the CRLF record delimiter: spreadsheets split on either.
		quoted_match: /[\r\n]/,
		cast: {
			string: (value) => neutraliseFormula(value),
			number: (value) => String(value)
		}
	});
}
