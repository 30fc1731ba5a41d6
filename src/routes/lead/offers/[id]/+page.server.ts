import { error, fail, redirect } from '@sveltejs/kit';
import { idSchema } from '$lib/schemas/account';
import { toOfferFormValues } from '$lib/schemas/offer-form';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { renderMarkdown } from '$lib/server/markdown';
import {
	getOfferById,
	getReviewMonths,
	isReviewDue,
	markOfferReviewed,
	offerToContent
} from '$lib/server/offer-editing';
import { handleEditorAction } from '../editor.server';
import type { Actions, PageServerLoad } from './$types';

function offerId(raw: string) {
	const id = idSchema.safeParse(raw);
	if (!id.success) {
		error(404, 'We could not find that offer.');
	}
	return id.data;
}

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	const offer = getOfferById(db, offerId(event.params.id));
	if (!offer) {
		error(404, 'We could not find that offer.');
	}
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
	save: async (event) => handleEditorAction(event, 'save', offerId(event.params.id)),
	publish: async (event) => handleEditorAction(event, 'publish', offerId(event.params.id)),
	unpublish: async (event) => handleEditorAction(event, 'unpublish', offerId(event.params.id)),
	preview: async (event) => handleEditorAction(event, 'preview', offerId(event.params.id)),
	/** "Mark as reviewed": the words are right as they are; today becomes the last-checked date. */
	review: async (event) => {
		const lead = requireRole(event, 'lead');
		const id = offerId(event.params.id);
		const version = idSchema.safeParse((await readForm(event.request)).version);
		if (!getOfferById(db, id)) {
			error(404, 'We could not find that offer.');
		}
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
