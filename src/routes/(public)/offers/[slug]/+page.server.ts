import { error, fail, redirect } from '@sveltejs/kit';
import { describeEligibility } from '$lib/describe-eligibility';
import { helpfulSchema } from '$lib/schemas/analytics';
import { db } from '$lib/server/db';
import { cachedUntilWrite } from '$lib/server/db/cache';
import { newResponderId, recordHelpfulAnswer } from '$lib/server/feedback';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { renderMarkdown } from '$lib/server/markdown';
import { findOfferRedirect } from '$lib/server/offer-editing';
import { getPublishedOfferBySlug } from '$lib/server/offers';
import { getCouncilSettings } from '$lib/server/settings';
import { findTranslation, translateOffer } from '$lib/server/translations';
import { languageOf } from '$lib/language-names';
import { m } from '$lib/paraglide/messages';
import { pageLanguage } from '$lib/i18n/paths';
import { localizePath } from '$lib/i18n/paths';
import type { Actions, PageServerLoad } from './$types';

/**
 * The page's content, rendered from Markdown once until the offer changes (once per language:
 * who can get it is written in the page's words).
 */
function loadOfferPage(slug: string) {
	const english = getPublishedOfferBySlug(db, slug);
	if (!english) {
		return undefined;
	}
	const language = pageLanguage();
	const offer = translateOffer(english, findTranslation(db, 'offer', String(english.id), language));
	const council = getCouncilSettings(db);
	return {
		/** The language its words are in: the page's, or English where there is no translation. */
		language: offer.language,
		dir: languageOf(offer.language).dir,
		/** checked, draft (machine-drafted), out-of-date, or null for the English itself. */
		translationState: offer.translationState,
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
	};
}

export const load: PageServerLoad = ({ params }) => {
	const offer = cachedUntilWrite(db, `offer:${pageLanguage()}:${params.slug}`, () =>
		loadOfferPage(params.slug)
	);
	if (!offer) {
		// A slug a lead changed: the old address (in texts, leaflets, saved phones) still works.
		const moved = findOfferRedirect(db, params.slug);
		if (moved) {
			redirect(308, localizePath(`/offers/${moved}`));
		}
		error(404, m.public_offer_not_found());
	}
	return { offer };
};

export const actions = {
	/** "Was this helpful?": no account needed; one answer per browser and offer, changeable. */
	helpful: async ({ request, params }) => {
		const offer = getPublishedOfferBySlug(db, params.slug);
		if (!offer) {
			error(404, m.public_offer_not_found());
		}
		const form = await readForm(request);
		const values = echo(form, { helpful: 10, comment: 2000 });
		const parsed = helpfulSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				helpful: { values, errors: fieldErrors(parsed.error), saved: false, responder: null }
			});
		}
		// Without JavaScript there is no stored id: make one and send it back in the form.
		const responder = parsed.data.responder ?? newResponderId();
		recordHelpfulAnswer(db, offer.id, responder, parsed.data);
		return { helpful: { values, errors: {}, saved: true, responder } };
	}
} satisfies Actions;
