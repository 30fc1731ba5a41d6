/** An offer between its table row and the content model (what the seed file holds and the editor edits). */
export type Actor = { id: number };
import type { OfferContent } from '$lib/schemas/offer';
import type { Offer } from '../offers';

/** An offer as the content model (what the seed file holds and the editor edits). */
export function offerToContent(row: Offer): OfferContent {
	return {
		slug: row.slug,
		title: row.title,
		category: row.category,
		summary: row.summary,
		body: row.body,
		eligibility: {
			minAge: row.minAge,
			maxAge: row.maxAge,
			statuses: row.statuses,
			livesInArea: row.livesInArea,
			inEducation: row.inEducation,
			isParent: row.isParent,
			...(row.eligibilityNotes ? { notes: row.eligibilityNotes } : {})
		},
		steps: row.steps,
		contacts: row.contacts,
		kind: row.kind,
		keywords: row.keywords,
		reviewedOn: toDateOnly(row.reviewedAt),
		published: row.published
	};
}

/** The offer table's columns for a piece of content. */
export function contentToColumns(content: OfferContent) {
	const { eligibility, reviewedOn, ...rest } = content;
	return {
		...rest,
		minAge: eligibility.minAge,
		maxAge: eligibility.maxAge,
		statuses: eligibility.statuses,
		livesInArea: eligibility.livesInArea,
		inEducation: eligibility.inEducation,
		isParent: eligibility.isParent,
		eligibilityNotes: eligibility.notes ?? null,
		reviewedAt: new Date(`${reviewedOn}T00:00:00Z`)
	};
}

/**
 * The day a date-only column holds (stored as UTC midnight of that day, like `reviewedAt`).
 * Not for "today": that is London's, `londonToday`.
 */
export function toDateOnly(date: Date) {
	return date.toISOString().slice(0, 10);
}
