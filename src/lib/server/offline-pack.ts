import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import type { Database } from './db/connection';
import { getSettingsVersion, listCategories } from './settings';
import { listYouSaidWeDid } from './you-said-we-did';

/**
 * The tag phones compare to know their offline pack is out of date (the ETag of /api/offers).
 * It covers everything the saved pages show: the published offers (`offersJson`; each offer's
 * `updatedAt` moves with every save, so publishing, unpublishing, an edit and a "What's new" note
 * all change it), the council's settings (the saved pages show its phone numbers, urgent help among
 * them: a new number must reach phones as surely as a new offer), the topics' names and order, and
 * the published "You said, we did" entries.
 */
export function offlinePackTag(db: Database, offersJson: string) {
	const topics = listCategories(db).map((item) => [item.slug, item.name, item.description]);
	const youSaidWeDid = listYouSaidWeDid(db, { publishedOnly: true }).map((entry) => [
		entry.id,
		entry.updatedAt.getTime(),
		entry.offerSlug
	]);
	const tagged = [
		getSettingsVersion(db),
		JSON.stringify(topics),
		JSON.stringify(youSaidWeDid),
		offersJson
	].join('\n');
	return `"${encodeBase64urlNoPadding(sha256(new TextEncoder().encode(tagged))).slice(0, 22)}"`;
}
