import { describe, expect, it } from 'vitest';
import { youSaidWeDidSchema } from '$lib/schemas/you-said-we-did';
import { user } from '$lib/server/db/schema';
import { offlinePackTag } from '$lib/server/offline-pack';
import { getCouncilSettings, saveCouncilSettings } from '$lib/server/settings';
import { saveYouSaidWeDid } from '$lib/server/you-said-we-did';
import { createTestDatabase } from './helpers';

describe("the offline pack's tag (the ETag of /api/offers)", () => {
	function setUp() {
		const db = createTestDatabase();
		const lead = db
			.insert(user)
			.values({ role: 'lead', name: 'Lee Lead', username: 'lee-lead' })
			.returning()
			.get();
		return { db, lead, tag: () => offlinePackTag(db, '[{"slug":"staying-put"}]') };
	}

	it('stays the same while nothing a saved page shows changes', () => {
		const { tag } = setUp();
		expect(tag()).toMatch(/^"[\w-]{22}"$/);
		expect(tag()).toBe(tag());
	});

	it('moves with the offers, the council settings and published "You said, we did" entries', async () => {
		const { db, lead, tag } = setUp();
		const before = tag();
		expect(offlinePackTag(db, '[{"slug":"staying-put","updatedAt":2}]')).not.toBe(before);

		const entry = youSaidWeDidSchema.parse({
			youSaid: 'Forms for the bursary were too long.',
			weDid: 'We cut the form to one page.',
			offer: 'staying-put'
		});
		// A draft is on no saved page.
		const draft = saveYouSaidWeDid(db, lead.id, { ...entry, published: false });
		expect(tag()).toBe(before);
		if (!draft.ok) {
			throw new Error('not saved');
		}
		await new Promise((resolve) => setTimeout(resolve, 5));
		saveYouSaidWeDid(db, lead.id, { ...entry, published: true }, draft.id);
		const published = tag();
		expect(published).not.toBe(before);

		await new Promise((resolve) => setTimeout(resolve, 5));
		const council = getCouncilSettings(db);
		saveCouncilSettings(db, lead.id, { ...council, name: `${council.name} Council` });
		expect(tag()).not.toBe(published);
	});
});
