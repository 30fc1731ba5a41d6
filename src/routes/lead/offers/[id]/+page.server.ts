import { error, fail, redirect } from '@sveltejs/kit';
import { idSchema } from '$lib/schemas/account';
import { toOfferFormValues } from '$lib/schemas/offer-form';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { renderMarkdown } from '$lib/server/markdown';
import {
	getReviewMonths,
	isReviewDue,
	markOfferReviewed,
	offerToContent
} from '$lib/server/offer-editing';
import { handleEditorAction, offerIdParam, requireLeadsOffer } from '../editor.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { offer } = requireLeadsOffer(event);
	return {
		offer: {
			id: offer.id,
			slug: offer.slug,
			title: offer.title,
			published: offer.published,
			version: offer.version,
			reviewedAt: offer.reviewedAt,
			updatedAt: offer.updatedAt,
			reviewDue: isReviewDue(offer.reviewedAt, new Date(), getReviewMonths(db))
		},
		values: toOfferFormValues(offerToContent(offer), offer.version),
		previewHtml: renderMarkdown(offer.body),
		saved: event.url.searchParams.get('saved')
	};
};

export const actions = {
	save: async (event) => handleEditorAction(event, 'save', offerIdParam(event.params.id)),
	publish: async (event) => handleEditorAction(event, 'publish', offerIdParam(event.params.id)),
	unpublish: async (event) => handleEditorAction(event, 'unpublish', offerIdParam(event.params.id)),
	preview: async (event) => handleEditorAction(event, 'preview', offerIdParam(event.params.id)),
	/** "Mark as reviewed": the words are right as they are; today becomes the last-checked date. */
	review: async (event) => {
		const { lead, offer } = requireLeadsOffer(event);
		const { id } = offer;
		const version = idSchema.safeParse((await readForm(event.request)).version);
		if (!version.success) {
			return fail(400, { reviewMessage: 'This page is out of date. Open the offer again.' });
		}
		const result = markOfferReviewed(db, lead, id, version.data);
		if (!result.ok && result.reason === 'conflict') {
			return fail(409, {
				reviewMessage: `Not marked as reviewed: ${result.current.by ?? 'another lead'} changed this offer after you opened it. Check their changes first.`
			});
		}
		if (!result.ok) {
			error(404, 'We could not find that offer.');
		}
		redirect(303, `/lead/offers/${id}?saved=review`);
	}
} satisfies Actions;
