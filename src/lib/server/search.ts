/**
 * Turns what a young person types into a safe SQLite FTS5 query.
 *
 * Only letters and digits survive, so FTS5 syntax (quotes, `*`, `NEAR(`, `OR`, `-`)
 * typed by anyone is treated as plain words, never as query operators. Every word
 * is a prefix match ("coun" finds "council") and may be swapped for the words the
 * offer itself uses ("flat" finds accommodation).
 */

const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 40;

/** Words young people use → words the offer uses. Keep entries lower case. */
export const SYNONYMS: Record<string, readonly string[]> = {
	flat: ['accommodation', 'housing', 'home', 'tenancy'],
	house: ['accommodation', 'housing', 'home', 'tenancy'],
	housing: ['accommodation', 'home', 'tenancy'],
	home: ['accommodation', 'housing'],
	rent: ['accommodation', 'housing', 'tenancy'],
	homeless: ['accommodation', 'housing', 'emergency'],
	job: ['employment', 'work', 'apprenticeship', 'career'],
	jobs: ['employment', 'work', 'apprenticeship', 'career'],
	work: ['employment', 'job', 'apprenticeship'],
	career: ['employment', 'work', 'apprenticeship'],
	cash: ['money', 'allowance', 'grant', 'bursary', 'payment'],
	grant: ['money', 'allowance', 'bursary'],
	pay: ['money', 'allowance', 'payment'],
	bills: ['money', 'budgeting', 'council', 'tax'],
	uni: ['university', 'higher', 'education'],
	college: ['education', 'further', 'training', 'course'],
	school: ['education', 'training'],
	course: ['education', 'training'],
	dentist: ['dental', 'teeth'],
	teeth: ['dentist', 'dental'],
	doctor: ['health', 'gp'],
	gym: ['leisure', 'active', 'swimming'],
	swimming: ['leisure', 'active'],
	sad: ['mental', 'wellbeing', 'psychologist'],
	anxious: ['mental', 'wellbeing', 'psychologist'],
	depressed: ['mental', 'wellbeing', 'psychologist'],
	counselling: ['mental', 'wellbeing', 'psychologist'],
	baby: ['parent', 'parents', 'pregnant'],
	pregnant: ['parent', 'parents', 'baby'],
	mum: ['parent', 'parents'],
	dad: ['parent', 'parents'],
	friends: ['relationships', 'support', 'mentoring'],
	lonely: ['relationships', 'support', 'mentoring'],
	complain: ['advocacy', 'advocate', 'nyas'],
	voice: ['say', 'advocacy', 'group']
};

/** The plain words of a search, lower case, de-duplicated, bounded in count and length. */
export function searchTerms(text: string): string[] {
	const words = text
		.normalize('NFKC')
		.toLowerCase()
		.slice(0, 2000)
		.match(/[\p{L}\p{N}]+/gu);
	if (!words) {
		return [];
	}
	const unique = [...new Set(words.filter((word) => word.length <= MAX_TERM_LENGTH))];
	return unique.slice(0, MAX_TERMS);
}

/** An FTS5 MATCH expression for `text`, or null when there is nothing to search for. */
export function buildSearchQuery(text: string): string | null {
	const terms = searchTerms(text);
	if (terms.length === 0) {
		return null;
	}
	// Each term is quoted (it holds only letters and digits, so a quote cannot appear in it).
	const groups = terms.map((term) => {
		const alternatives = [term, ...(SYNONYMS[term] ?? [])].map((word) => `"${word}"*`);
		return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`;
	});
	return groups.join(' AND ');
}
