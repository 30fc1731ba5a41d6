import { and, desc, eq } from 'drizzle-orm';
import type { YouSaidWeDidInput } from '$lib/schemas/you-said-we-did';
import { recordAudit } from './audit';
import type { Database, Executor } from './db/connection';
import { offer, youSaidWeDid } from './db/schema';

/** Entries with the offer they link to; `publishedOnly` for young people's page. */
export function listYouSaidWeDid(db: Database, { publishedOnly }: { publishedOnly: boolean }) {
	return db
		.select({
			id: youSaidWeDid.id,
			youSaid: youSaidWeDid.youSaid,
			weDid: youSaidWeDid.weDid,
			published: youSaidWeDid.published,
			updatedAt: youSaidWeDid.updatedAt,
			// A draft offer is never linked on a public page.
			offerSlug: offer.slug,
			offerTitle: offer.title,
			offerPublished: offer.published
		})
		.from(youSaidWeDid)
		.leftJoin(offer, eq(offer.id, youSaidWeDid.offerId))
		.where(publishedOnly ? eq(youSaidWeDid.published, true) : undefined)
		.orderBy(desc(youSaidWeDid.updatedAt), desc(youSaidWeDid.id))
		.all()
		.map((row) => ({
			...row,
			offerSlug: !publishedOnly || row.offerPublished ? row.offerSlug : null,
			offerTitle: !publishedOnly || row.offerPublished ? row.offerTitle : null
		}));
}

export type SaveEntryResult =
	{ ok: true; id: number } | { ok: false; field: 'offer' | 'id'; message: string };

function findOfferId(db: Executor, slug: string) {
	return db.select({ id: offer.id }).from(offer).where(eq(offer.slug, slug)).get()?.id;
}

/** Creates (no id) or updates an entry; an offer slug that does not exist is refused. */
export function saveYouSaidWeDid(
	db: Database,
	actorId: number,
	input: YouSaidWeDidInput,
	id: number | null = null
): SaveEntryResult {
	return db.transaction((tx): SaveEntryResult => {
		const offerId = input.offer ? findOfferId(tx, input.offer) : null;
		if (offerId === undefined) {
			return { ok: false, field: 'offer', message: 'Choose an offer from the list' };
		}
		const values = {
			youSaid: input.youSaid,
			weDid: input.weDid,
			offerId,
			published: input.published,
			updatedAt: new Date()
		};
		let savedId: number;
		if (id === null) {
			savedId = tx
				.insert(youSaidWeDid)
				.values({ ...values, createdById: actorId })
				.returning({ id: youSaidWeDid.id })
				.get().id;
		} else {
			const result = tx.update(youSaidWeDid).set(values).where(eq(youSaidWeDid.id, id)).run();
			if (result.changes === 0) {
				return { ok: false, field: 'id', message: 'That entry no longer exists.' };
			}
			savedId = id;
		}
		recordAudit(tx, {
			actorId,
			action: 'you-said-we-did-changed',
			target: `you-said-we-did:${savedId}`,
			detail: { change: id === null ? 'created' : 'saved', published: input.published }
		});
		return { ok: true, id: savedId };
	});
}

export function deleteYouSaidWeDid(db: Database, actorId: number, id: number): boolean {
	return db.transaction((tx) => {
		const result = tx
			.delete(youSaidWeDid)
			.where(and(eq(youSaidWeDid.id, id)))
			.run();
		if (result.changes === 0) {
			return false;
		}
		recordAudit(tx, {
			actorId,
			action: 'you-said-we-did-changed',
			target: `you-said-we-did:${id}`,
			detail: { change: 'deleted' }
		});
		return true;
	});
}
