import type { CellState } from '$lib/server/translation-editing';

/** How a translation stands, in words (the grid's colours only repeat them). */
export const STATE_LABELS: Record<CellState, string> = {
	checked: 'Checked',
	draft: 'Draft',
	'out-of-date': 'May be out of date',
	missing: 'Not translated'
};
