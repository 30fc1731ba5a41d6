/**
 * WCAG 2.2 contrast between two #rrggbb colours (1 to 21). The council's colours are used as
 * backgrounds behind white text (the header, buttons) and as text and borders on white, so both
 * must keep AA contrast against white.
 */
export function contrastRatio(a: string, b: string): number {
	const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (lighter + 0.05) / (darker + 0.05);
}

function luminance(hex: string): number {
	const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
	const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Text (and white text on the colour): WCAG 1.4.3 AA. */
export const TEXT_CONTRAST_AA = 4.5;
/** Borders and other non-text marks: WCAG 1.4.11 AA. */
export const NON_TEXT_CONTRAST_AA = 3;
