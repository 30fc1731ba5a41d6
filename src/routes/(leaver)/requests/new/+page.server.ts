import { fail, redirect } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/paths';
import { m } from '$lib/paraglide/messages';
import { newRequestSchema } from '$lib/schemas/requests';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import { generateIdempotencyKey } from '$lib/server/ids';
import { getPublishedOfferBySlug, listPublishedOffers } from '$lib/server/offers';
import { translateOffers } from '$lib/server/translations';
import { pageLanguage } from '$lib/i18n/paths';
import { describeAdviserAvailability } from '$lib/server/request-views';
import { submitSupportRequest, UNKNOWN_OFFER_MESSAGE } from '$lib/server/requests';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const leaver = requireRole(event, 'leaver');
	const offerSlug = event.url.searchParams.get('offer') ?? '';
	const offer = offerSlug ? getPublishedOfferBySlug(db, offerSlug.slice(0, 80)) : undefined;
	return {
		offers: translateOffers(db, listPublishedOffers(db), pageLanguage()).map(
			({ slug, title, category }) => ({ slug, title, category })
		),
		preset: offer ? { offer: offer.slug, topic: offer.category } : null,
		availability: describeAdviserAvailability(db, leaver),
		idempotencyKey: generateIdempotencyKey()
	};
};

export const actions = {
	default: async (event) => {
		const leaver = requireRole(event, 'leaver');
		const form = await readForm(event.request);
		const values = {
			...echo(form, {
				topic: 40,
				offer: 80,
				message: 6000,
				contactBy: 10,
				contactDetail: 200,
				contactWhen: 200,
				idempotencyKey: 64
			}),
			urgent: form.urgent === 'yes'
		};
		const parsed = newRequestSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { values, errors: fieldErrors(parsed.error) });
		}
		const result = submitSupportRequest(db, leaver, parsed.data);
		if (!result.ok) {
			const errors: Record<string, string> = { ...result.errors };
			if (errors.offer === UNKNOWN_OFFER_MESSAGE) {
				errors.offer = m.leaver_error_unknown_offer();
			}
			return fail(400, { values, errors });
		}
		const { request } = result;
		redirect(
			303,
			localizePath(`/requests/${request.id}?sent=1${request.crisis ? '&crisis=1' : ''}`)
		);
	}
} satisfies Actions;
