/**
 * Translations out to a translation agency and back, as XLIFF 2.0 (the OASIS standard their tools
 * read). Units are named by slug (`offer.council-tax-exemption.steps.0`), so a file still means the
 * same thing in another copy of the app. An import is checked whole before anything is saved: one
 * problem and nothing changes.
 */
export { exportXliff, escapeXml, XLIFF_NAMESPACE } from './units';
export { readXliffUnits } from './read';
export { importXliff, XLIFF_MAX_BYTES, type ImportResult } from './import';
