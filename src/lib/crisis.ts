/**
 * Words that mean a young person may be in danger. Finding one never blocks sending: the
 * app shows urgent-help contacts at once and flags the request urgent for staff.
 * Phrases are matched as whole words after folding case, punctuation and repeated spaces,
 * so "Kill myself!!", "KILL   MYSELF" and "self-harm" all match, and "kill time" does not.
 */
export const CRISIS_PHRASES = [
	'kill myself',
	'killing myself',
	'kill my self',
	'suicide',
	'suicidal',
	'overdose',
	'overdosed',
	'take all my pills',
	'end my life',
	'end it all',
	'want to die',
	'wanna die',
	'better off dead',
	'self harm',
	'selfharm',
	'hurt myself',
	'hurting myself',
	'cut myself',
	'cutting myself',
	'not safe',
	'unsafe',
	'in danger',
	'homeless tonight',
	'nowhere to sleep',
	'nowhere to stay tonight',
	'sleeping rough',
	'kicked out',
	'he hits me',
	'she hits me',
	'being abused',
	'raped'
] as const;

function fold(text: string) {
	return ` ${text
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[’']/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim()} `;
}

const FOLDED = CRISIS_PHRASES.map((phrase) => fold(phrase));

/** The crisis phrases found in a text (empty when none). */
export function findCrisisWords(text: string): string[] {
	const folded = fold(text.slice(0, 50_000));
	return CRISIS_PHRASES.filter((_, index) => folded.includes(FOLDED[index]));
}

export function containsCrisisWords(text: string) {
	return findCrisisWords(text).length > 0;
}
