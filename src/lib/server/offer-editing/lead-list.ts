/** The lead's list of every offer, published and drafts. */
import { asc, eq } from 'drizzle-orm';
import type { CategorySlug } from '$lib/schemas/offer';
import type { Database } from '../db/connection';
import { category, offer } from '../db/schema';
import type { Offer } from '../offers';

import { getReviewMonths, isReviewDue } from './reviews';
import type { LeadOfferFilters } from '$lib/schemas/offer-editing';

/** Every offer, published and drafts, with whether its review is due. */
export function listOffersForLead(db: Database, filters: LeadOfferFilters, now = new Date()) {
	const months = getReviewMonths(db);
	const rows = db
		.select({ offer, categoryName: category.name, categoryPosition: category.position })
		.from(offer)
		.innerJoin(category, eq(category.slug, offer.category))
		.where(filters.category ? eq(offer.category, filters.category as CategorySlug) : undefined)
		.orderBy(asc(category.position), asc(offer.position), asc(offer.title))
		.all()
		.map((row) => ({
			id: row.offer.id,
			slug: row.offer.slug,
			title: row.offer.title,
			category: row.offer.category,
			categoryName: row.categoryName,
			published: row.offer.published,
			reviewedAt: row.offer.reviewedAt,
			updatedAt: row.offer.updatedAt,
			reviewDue: isReviewDue(row.offer.reviewedAt, now, months)
		}))
		.filter(
			(row) =>
				filters.status === 'all' ||
				(filters.status === 'published' && row.published) ||
				(filters.status === 'draft' && !row.published) ||
				(filters.status === 'review-due' && row.reviewDue)
		);
	if (filters.sort === 'title') {
		rows.sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
	} else if (filters.sort === 'reviewed') {
		rows.sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
	} else if (filters.sort === 'updated') {
		rows.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
	}
	return { rows, reviewMonths: months };
}

export function getOfferById(db: Database, id: number): Offer | undefined {
	return db.select().from(offer).where(eq(offer.id, id)).get();
}
