/** What the public side reads from the editing history: old addresses and what's new. */
import { and, desc, eq, gte, isNotNull } from 'drizzle-orm';
import type { Database } from '../db/connection';
import { offer, offerRedirect } from '../db/schema';

/** The current slug of a published offer that used to live at `slug`. */
export function findOfferRedirect(db: Database, slug: string): string | undefined {
	return db
		.select({ slug: offer.slug })
		.from(offerRedirect)
		.innerJoin(offer, eq(offer.id, offerRedirect.offerId))
		.where(and(eq(offerRedirect.slug, slug), eq(offer.published, true)))
		.get()?.slug;
}

export const WHATS_NEW_DAYS = 90;

/** Published offers a lead told young people about in the last 90 days, newest first. */
export function listWhatsNew(db: Database, now = new Date(), limit?: number) {
	const since = new Date(now.getTime() - WHATS_NEW_DAYS * 24 * 60 * 60 * 1000);
	const query = db
		.select({
			slug: offer.slug,
			title: offer.title,
			category: offer.category,
			news: offer.news,
			newsAt: offer.newsAt
		})
		.from(offer)
		.where(and(eq(offer.published, true), isNotNull(offer.newsAt), gte(offer.newsAt, since)))
		.orderBy(desc(offer.newsAt));
	const rows = limit ? query.limit(limit).all() : query.all();
	return rows.map((row) => ({ ...row, news: row.news ?? '', newsAt: row.newsAt ?? now }));
}
