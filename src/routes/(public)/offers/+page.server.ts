import { z } from 'zod';
import { CATEGORY_SLUGS } from '$lib/schemas/offer';
import { db } from '$lib/server/db';
import { cachedUntilWrite } from '$lib/server/db/cache';
import { listOfferCards } from '$lib/server/offers';
import { pageLanguage } from '$lib/i18n/paths';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

const filtersSchema = z.object({
	q: z.string().trim().max(200).optional().catch(undefined),
	category: z.string().trim().max(60).optional().catch(undefined),
	age: z.string().trim().max(10).optional().catch(undefined)
});

export const load: PageServerLoad = ({ url }) => {
	// Read each filter once: repeated keys (?q=a&q=b) use the first.
	const raw = filtersSchema.parse({
		q: url.searchParams.get('q') ?? undefined,
		category: url.searchParams.get('category') ?? undefined,
		age: url.searchParams.get('age') ?? undefined
	});
	const messages: string[] = [];

	const category = CATEGORY_SLUGS.find((slug) => slug === raw.category);
	if (raw.category && !category) {
		messages.push(m.public_offers_unknown_topic());
	}

	let age: number | undefined;
	if (raw.age) {
		const parsed = Number(raw.age);
		if (Number.isInteger(parsed) && parsed >= 14 && parsed <= 25) {
			age = parsed;
		} else {
			messages.push(m.public_offers_age_invalid());
		}
	}

	const q = raw.q || undefined;
	const language = pageLanguage();
	const list = () => listOfferCards(db, language, { category, q, age });

	return {
		filters: { q: q ?? '', category: category ?? '', age: age?.toString() ?? raw.age ?? '' },
		messages,
		// Searches vary without end and are not kept; the few category and age lists are.
		offers: q
			? list()
			: cachedUntilWrite(db, `offers:${language}:${category ?? ''}:${age ?? ''}`, list)
	};
};
