import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { CategorySlug } from '$lib/schemas/offer';
import type { Database } from './db/connection';
import { category, offer } from './db/schema';
import { buildSearchQuery } from './search';
import { rankTranslatedOfferIds, translateOffers } from './translations';
import { BASE_LANGUAGE, type LanguageCode } from '$lib/languages';

export type Offer = typeof offer.$inferSelect;

export type OfferFilters = {
	category?: CategorySlug;
	/** Free text, as typed. */
	q?: string;
	/** Only offers a young person of this age can get. */
	age?: number;
	/** The language searched in as well as English (its matches first). */
	language?: LanguageCode;
};

/** Published offers in reading order (category, then the lead's order), narrowed by filters. */
export function listPublishedOffers(db: Database, filters: OfferFilters = {}): Offer[] {
	const conditions = [eq(offer.published, true)];
	if (filters.category) {
		conditions.push(eq(offer.category, filters.category));
	}
	if (filters.age !== undefined) {
		conditions.push(lte(offer.minAge, filters.age), gte(offer.maxAge, filters.age));
	}
	const offers = db
		.select({ offer })
		.from(offer)
		.innerJoin(category, eq(category.slug, offer.category))
		.where(and(...conditions))
		.orderBy(asc(category.position), asc(offer.position), asc(offer.title))
		.all()
		.map((row) => row.offer);

	if (filters.q === undefined) {
		return offers;
	}
	const ranking = rankOfferIds(db, filters.q, filters.language ?? BASE_LANGUAGE);
	return offers
		.filter((item) => ranking.has(item.id))
		.sort((a, b) => (ranking.get(a.id) ?? 0) - (ranking.get(b.id) ?? 0));
}

/**
 * Offer ids matching the text, mapped to their rank (0 = best). Titles weigh most. In another
 * language, offers found by its words come first, then those found by English words.
 */
function rankOfferIds(db: Database, text: string, language: LanguageCode): Map<number, number> {
	const match = buildSearchQuery(text);
	if (!match) {
		return new Map();
	}
	const english = db
		.all<{ id: number }>(
			sql`SELECT rowid AS id FROM offer_search WHERE offer_search MATCH ${match}
				ORDER BY bm25(offer_search, 10.0, 4.0, 1.0, 6.0, 2.0)`
		)
		.map((row) => row.id);
	const ranking = new Map<number, number>();
	for (const id of [...rankTranslatedOfferIds(db, match, language), ...english]) {
		if (!ranking.has(id)) {
			ranking.set(id, ranking.size);
		}
	}
	return ranking;
}

export function getPublishedOfferBySlug(db: Database, slug: string): Offer | undefined {
	return db
		.select()
		.from(offer)
		.where(and(eq(offer.slug, slug), eq(offer.published, true)))
		.get();
}

/** Published offers as cards show them (OfferCard), in a language, narrowed by filters. */
export function listOfferCards(
	db: Database,
	language: LanguageCode,
	filters: Omit<OfferFilters, 'language'> = {}
) {
	return translateOffers(db, listPublishedOffers(db, { ...filters, language }), language).map(
		({ slug, title, summary, kind, category, language }) => ({
			slug,
			title,
			summary,
			kind,
			category,
			language
		})
	);
}

/**
 * The fields the public API and the eligibility checker need; never drafts. In another language,
 * titles and summaries are translated where they can be, and each says which language it is in.
 */
export function listPublicOfferSummaries(db: Database, language: LanguageCode = BASE_LANGUAGE) {
	return translateOffers(db, listPublishedOffers(db), language).map((item) => ({
		slug: item.slug,
		title: item.title,
		language: item.language,
		category: item.category,
		summary: item.summary,
		kind: item.kind,
		eligibility: {
			minAge: item.minAge,
			maxAge: item.maxAge,
			statuses: item.statuses,
			livesInArea: item.livesInArea,
			inEducation: item.inEducation,
			isParent: item.isParent
		},
		reviewedAt: item.reviewedAt.toISOString(),
		updatedAt: item.updatedAt.toISOString()
	}));
}

export type OfferSummary = ReturnType<typeof listPublicOfferSummaries>[number];
