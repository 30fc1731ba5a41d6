import { db } from '$lib/server/db';
import { listYouSaidWeDid } from '$lib/server/you-said-we-did';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
	entries: listYouSaidWeDid(db, { publishedOnly: true }).map((entry) => ({
		id: entry.id,
		youSaid: entry.youSaid,
		weDid: entry.weDid,
		offerSlug: entry.offerSlug,
		offerTitle: entry.offerTitle
	}))
});
