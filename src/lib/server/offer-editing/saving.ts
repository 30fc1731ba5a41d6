/** Creating, saving, publishing, restoring and moving offers: every change versioned and audited. */
import { and, asc, eq, max, ne } from 'drizzle-orm';
import { londonToday } from '$lib/london-time';
import { offerContentSchema, type CategorySlug, type OfferContent } from '$lib/schemas/offer';
import { recordAudit, type AuditAction } from '../audit';
import type { Database, Executor } from '../db/connection';
import { offer, offerRedirect, offerVersion, user } from '../db/schema';
import type { Offer } from '../offers';

import type { Actor } from './columns';
import { contentToColumns, offerToContent } from './columns';
import { changedFields } from './history';
import { getOfferById } from './lead-list';

export type SaveResult =
	| { ok: true; offer: Offer }
	| { ok: false; reason: 'invalid'; errors: Record<string, string> }
	| {
			ok: false;
			reason: 'conflict';
			current: { version: number; updatedAt: Date; by: string | null };
	  }
	| { ok: false; reason: 'not-found' };

export type SaveOptions = {
	/** One sentence for "What's new" (only when the lead ticked "tell young people"). */
	news?: string | null;
	now?: Date;
	/** What the history calls this version; worked out from the content when not given. */
	change?: string;
};

/** Refuses a slug another offer uses now, or used before (its old address still leads there). */
export function checkSlugFree(db: Executor, slug: string, ownId: number | null) {
	const taken = db
		.select({ id: offer.id })
		.from(offer)
		.where(ownId === null ? eq(offer.slug, slug) : and(eq(offer.slug, slug), ne(offer.id, ownId)))
		.get();
	if (taken) {
		return 'Another offer already uses this web address. Choose a different one.';
	}
	const redirect = db.select().from(offerRedirect).where(eq(offerRedirect.slug, slug)).get();
	if (redirect && redirect.offerId !== ownId) {
		return 'This web address used to belong to another offer and still leads there. Choose a different one.';
	}
	return null;
}

export function nextPosition(db: Executor, categorySlug: CategorySlug) {
	const row = db
		.select({ top: max(offer.position) })
		.from(offer)
		.where(eq(offer.category, categorySlug))
		.get();
	return (row?.top ?? -1) + 1;
}

export function auditActionFor(change: string): AuditAction {
	if (change === 'published') {
		return 'offer-published';
	}
	if (change === 'unpublished') {
		return 'offer-unpublished';
	}
	if (change === 'reviewed') {
		return 'offer-reviewed';
	}
	if (change.startsWith('restored')) {
		return 'offer-restored';
	}
	return 'offer-saved';
}

/** A new offer (a draft unless `content.published`), with its first version in the history. */
export function createOffer(
	db: Database,
	actor: Actor,
	content: OfferContent,
	options: SaveOptions = {}
): SaveResult {
	const now = options.now ?? new Date();
	return db.transaction(
		(tx) => {
			const slugProblem = checkSlugFree(tx, content.slug, null);
			if (slugProblem) {
				return { ok: false, reason: 'invalid', errors: { slug: slugProblem } } as const;
			}
			const created = tx
				.insert(offer)
				.values({
					...contentToColumns(content),
					position: nextPosition(tx, content.category),
					version: 1,
					news: options.news ?? null,
					newsAt: options.news ? now : null,
					createdAt: now,
					updatedAt: now
				})
				.returning()
				.get();
			const change = options.change ?? (content.published ? 'created and published' : 'created');
			tx.insert(offerVersion)
				.values({
					offerId: created.id,
					version: 1,
					content,
					authorId: actor.id,
					change,
					createdAt: now
				})
				.run();
			recordAudit(tx, {
				actorId: actor.id,
				action: 'offer-created',
				target: `offer:${created.id}`,
				detail: { slug: content.slug, published: content.published },
				at: now
			});
			return { ok: true, offer: created } as const;
		},
		{ behavior: 'immediate' }
	);
}

/**
 * Saves a new version of an offer. `expectedVersion` is the version the lead's form was loaded
 * from: when someone else saved in between, nothing is written and the caller shows who did, so
 * the second lead can copy their words across instead of silently overwriting the first.
 */
export function saveOffer(
	db: Database,
	actor: Actor,
	id: number,
	expectedVersion: number,
	content: OfferContent,
	options: SaveOptions = {}
): SaveResult {
	const now = options.now ?? new Date();
	return db.transaction(
		(tx): SaveResult => {
			const current = tx.select().from(offer).where(eq(offer.id, id)).get();
			if (!current) {
				return { ok: false, reason: 'not-found' };
			}
			if (current.version !== expectedVersion) {
				const latest = tx
					.select({ name: user.name })
					.from(offerVersion)
					.leftJoin(user, eq(user.id, offerVersion.authorId))
					.where(and(eq(offerVersion.offerId, id), eq(offerVersion.version, current.version)))
					.get();
				return {
					ok: false,
					reason: 'conflict',
					current: {
						version: current.version,
						updatedAt: current.updatedAt,
						by: latest?.name ?? null
					}
				};
			}
			if (content.slug !== current.slug) {
				const slugProblem = checkSlugFree(tx, content.slug, id);
				if (slugProblem) {
					return { ok: false, reason: 'invalid', errors: { slug: slugProblem } };
				}
			}
			ensureBaselineVersion(tx, current);
			if (content.slug !== current.slug) {
				// The old address keeps working: links in texts, leaflets and saved phones.
				tx.insert(offerRedirect)
					.values({ slug: current.slug, offerId: id, createdAt: now })
					.onConflictDoUpdate({ target: offerRedirect.slug, set: { offerId: id } })
					.run();
				tx.delete(offerRedirect).where(eq(offerRedirect.slug, content.slug)).run();
			}
			const change =
				options.change ??
				(content.published && !current.published
					? 'published'
					: !content.published && current.published
						? 'unpublished'
						: 'saved');
			const version = current.version + 1;
			const saved = tx
				.update(offer)
				.set({
					...contentToColumns(content),
					...(content.category !== current.category
						? { position: nextPosition(tx, content.category) }
						: {}),
					version,
					...(options.news ? { news: options.news, newsAt: now } : {}),
					updatedAt: now
				})
				.where(eq(offer.id, id))
				.returning()
				.get();
			tx.insert(offerVersion)
				.values({ offerId: id, version, content, authorId: actor.id, change, createdAt: now })
				.run();
			recordAudit(tx, {
				actorId: actor.id,
				action: auditActionFor(change),
				target: `offer:${id}`,
				detail: {
					slug: content.slug,
					version,
					changed: changedFields(offerToContent(current), content),
					...(options.news ? { news: options.news } : {})
				},
				at: now
			});
			return { ok: true, offer: saved };
		},
		{ behavior: 'immediate' }
	);
}

/** Offers from the content file have no history yet: their first edit keeps them as version 1. */
export function ensureBaselineVersion(tx: Executor, current: Offer) {
	const existing = tx
		.select({ id: offerVersion.id })
		.from(offerVersion)
		.where(eq(offerVersion.offerId, current.id))
		.get();
	if (existing) {
		return;
	}
	tx.insert(offerVersion)
		.values({
			offerId: current.id,
			version: current.version,
			content: offerToContent(current),
			authorId: null,
			change: 'from the content file',
			createdAt: current.updatedAt
		})
		.run();
}

/** "Mark as reviewed": the content is right as it is; today becomes its last-checked date. */
export function markOfferReviewed(
	db: Database,
	actor: Actor,
	id: number,
	expectedVersion: number,
	now = new Date()
): SaveResult {
	const current = getOfferById(db, id);
	if (!current) {
		return { ok: false, reason: 'not-found' };
	}
	const content = { ...offerToContent(current), reviewedOn: londonToday(now) };
	return saveOffer(db, actor, id, expectedVersion, content, { now, change: 'reviewed' });
}

/**
 * Restores an older version's words as a new version. The web address and whether the offer is
 * published stay as they are now: restoring words must not move or hide a live page.
 */
export function restoreOfferVersion(
	db: Database,
	actor: Actor,
	id: number,
	fromVersion: number,
	expectedVersion: number,
	now = new Date()
): SaveResult {
	const current = getOfferById(db, id);
	const old = db
		.select()
		.from(offerVersion)
		.where(and(eq(offerVersion.offerId, id), eq(offerVersion.version, fromVersion)))
		.get();
	if (!current || !old) {
		return { ok: false, reason: 'not-found' };
	}
	const parsed = offerContentSchema.safeParse(old.content);
	if (!parsed.success) {
		throw new Error(
			`Stored version ${fromVersion} of offer ${id} does not match the content model`
		);
	}
	const content = { ...parsed.data, slug: current.slug, published: current.published };
	return saveOffer(db, actor, id, expectedVersion, content, {
		now,
		change: `restored version ${fromVersion}`
	});
}

/** Moves an offer one place up or down within its topic (the order young people see). */
export function moveOffer(db: Database, actor: Actor, id: number, direction: 'up' | 'down') {
	return db.transaction(
		(tx) => {
			const current = tx.select().from(offer).where(eq(offer.id, id)).get();
			if (!current) {
				return false;
			}
			const siblings = tx
				.select({ id: offer.id })
				.from(offer)
				.where(eq(offer.category, current.category))
				.orderBy(asc(offer.position), asc(offer.title))
				.all()
				.map((row) => row.id);
			const from = siblings.indexOf(id);
			const to = direction === 'up' ? from - 1 : from + 1;
			if (to < 0 || to >= siblings.length) {
				return true;
			}
			[siblings[from], siblings[to]] = [siblings[to], siblings[from]];
			for (const [position, siblingId] of siblings.entries()) {
				tx.update(offer).set({ position }).where(eq(offer.id, siblingId)).run();
			}
			recordAudit(tx, {
				actorId: actor.id,
				action: 'offer-moved',
				target: `offer:${id}`,
				detail: { slug: current.slug, direction }
			});
			return true;
		},
		{ behavior: 'immediate' }
	);
}
