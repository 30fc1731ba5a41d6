import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { idSchema } from '$lib/schemas/account';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import {
	diffOfferContent,
	listOfferVersions,
	offerToContent,
	restoreOfferVersion
} from '$lib/server/offer-editing';
import { requireLeadsOffer } from '../../editor.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { offer } = requireLeadsOffer(event);
	const versions = listOfferVersions(db, offer.id);
	// Offers from the content file have no stored versions until their first edit.
	const entries = versions.length
		? versions.map((version, index) => ({
				version: version.version,
				change: version.change,
				createdAt: version.createdAt,
				authorName: version.authorName,
				diffs: diffOfferContent(versions[index + 1]?.content ?? null, version.content)
			}))
		: [
				{
					version: offer.version,
					change: 'from the content file',
					createdAt: offer.updatedAt,
					authorName: null,
					diffs: diffOfferContent(null, offerToContent(offer))
				}
			];
	return {
		offer: { id: offer.id, title: offer.title, version: offer.version },
		entries
	};
};

const restoreSchema = z.object({ from: idSchema, version: idSchema });

export const actions = {
	/** Restoring makes a new version with the older words; nothing is ever overwritten. */
	restore: async (event) => {
		const { lead, offer } = requireLeadsOffer(event);
		const { id } = offer;
		const parsed = restoreSchema.safeParse(await readForm(event.request));
		if (!parsed.success) {
			return fail(400, { message: 'Choose a version to restore.' });
		}
		const result = restoreOfferVersion(db, lead, id, parsed.data.from, parsed.data.version);
		if (!result.ok && result.reason === 'conflict') {
			return fail(409, {
				message: `Not restored: ${result.current.by ?? 'another lead'} saved a new version after you opened this page. Look at it below first.`
			});
		}
		if (!result.ok) {
			error(404, 'We could not find that version.');
		}
		redirect(303, `/lead/offers/${id}?saved=save`);
	}
} satisfies Actions;
