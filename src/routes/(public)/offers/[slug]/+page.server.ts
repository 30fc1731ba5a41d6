import { error } from '@sveltejs/kit';
import { describeEligibility } from '$lib/describe-eligibility';
import { db } from '$lib/server/db';
import { renderMarkdown } from '$lib/server/markdown';
import { getPublishedOfferBySlug } from '$lib/server/offers';
import { getCouncilSettings } from '$lib/server/settings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const offer = getPublishedOfferBySlug(db, params.slug);
	if (!offer) {
		error(404, 'We could not find that part of the offer.');
	}
	const council = getCouncilSettings(db);
	return {
		offer: {
			slug: offer.slug,
			title: offer.title,
			category: offer.category,
			summary: offer.summary,
			kind: offer.kind,
			steps: offer.steps,
			contacts: offer.contacts,
			reviewedAt: offer.reviewedAt,
			bodyHtml: renderMarkdown(offer.body),
			whoCanGetIt: describeEligibility(offer, council.shortName)
		}
	};
};
