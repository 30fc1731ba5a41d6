/**
 * Limits on the shape of Markdown a lead may save. The renderer (marked) recurses once per level
 * of quotes, lists and emphasis: a few thousand ">" overflow the stack. Nobody writes a page like
 * that on purpose, so such text is refused at save and preview with a message beside the field.
 * Pure, without marked, so the rule is the same wherever it is checked.
 */
export const MARKDOWN_MAX_NESTING = 10;
/** The longest run of * or _ (emphasis markers) a body may have. */
export const MARKDOWN_MAX_EMPHASIS_RUN = 50;

/** Quote and list markers at the start of a line: "> - 1. > text" is four levels. */
const CONTAINER_MARKER = /^[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/;

/** How many quotes and lists one line sits inside, from its markers and its indentation. */
function lineNesting(line: string) {
	let rest = line;
	let markers = 0;
	let match = CONTAINER_MARKER.exec(rest);
	while (match) {
		markers += 1;
		rest = rest.slice(match[0].length);
		match = CONTAINER_MARKER.exec(rest);
	}
	// A nested list can also be made by indenting: every two spaces can open one more level.
	const indent = /^ */.exec(line)?.[0].length ?? 0;
	return markers + Math.floor(indent / 2);
}

/** Why `markdown` cannot be saved as it is, in plain words; null when it is fine. */
export function markdownShapeProblem(markdown: string): string | null {
	const deepest = markdown
		.split('\n')
		.reduce((deepest, line) => Math.max(deepest, lineNesting(line)), 0);
	if (deepest > MARKDOWN_MAX_NESTING) {
		return `The text has quotes or lists inside each other too many times. Use at most ${MARKDOWN_MAX_NESTING} levels.`;
	}
	if (new RegExp(`[*_]{${MARKDOWN_MAX_EMPHASIS_RUN + 1}}`).test(markdown)) {
		return `The text has a long row of * or _ marks. Use at most ${MARKDOWN_MAX_EMPHASIS_RUN} in a row.`;
	}
	return null;
}
