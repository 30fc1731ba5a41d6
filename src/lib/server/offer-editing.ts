import { and, asc, desc, eq, gte, isNotNull, max, ne } from 'drizzle-orm';
import { diffLines, diffWords, type ChangeObject } from 'diff';
import { z } from 'zod';
import { londonToday } from '$lib/london-time';
import { offerContentSchema, type CategorySlug, type OfferContent } from '$lib/schemas/offer';
import { recordAudit, type AuditAction } from './audit';
import type { Database, Executor } from './db/connection';
import { category, offer, offerRedirect, offerVersion, setting, user } from './db/schema';
import type { Offer } from './offers';

type Actor = { id: number };

/** An offer as the content model (what the seed file holds and the editor edits). */
export function offerToContent(row: Offer): OfferContent {
	return {
		slug: row.slug,
		title: row.title,
		category: row.category,
		summary: row.summary,
		body: row.body,
		eligibility: {
			minAge: row.minAge,
			maxAge: row.maxAge,
			statuses: row.statuses,
			livesInArea: row.livesInArea,
			inEducation: row.inEducation,
			isParent: row.isParent,
			...(row.eligibilityNotes ? { notes: row.eligibilityNotes } : {})
		},
		steps: row.steps,
		contacts: row.contacts,
		kind: row.kind,
		keywords: row.keywords,
		reviewedOn: toDateOnly(row.reviewedAt),
		published: row.published
	};
}

/** The offer table's columns for a piece of content. */
function contentToColumns(content: OfferContent) {
	const { eligibility, reviewedOn, ...rest } = content;
	return {
		...rest,
		minAge: eligibility.minAge,
		maxAge: eligibility.maxAge,
		statuses: eligibility.statuses,
		livesInArea: eligibility.livesInArea,
		inEducation: eligibility.inEducation,
		isParent: eligibility.isParent,
		eligibilityNotes: eligibility.notes ?? null,
		reviewedAt: new Date(`${reviewedOn}T00:00:00Z`)
	};
}

/**
 * The day a date-only column holds (stored as UTC midnight of that day, like `reviewedAt`).
 * Not for "today": that is London's, `londonToday`.
 */
export function toDateOnly(date: Date) {
	return date.toISOString().slice(0, 10);
}

// Review dates ------------------------------------------------------------------------------

const CONTENT_SETTINGS_KEY = 'content';
export const DEFAULT_REVIEW_MONTHS = 6;

export const contentSettingsSchema = z.object({
	reviewMonths: z.coerce
		.number({ error: 'Enter a number of months' })
		.int('Enter a whole number of months')
		.min(1, 'Enter a number of months from 1 to 24')
		.max(24, 'Enter a number of months from 1 to 24')
});

/** How many months after its last check an offer is due for review. */
export function getReviewMonths(db: Database): number {
	const row = db.select().from(setting).where(eq(setting.key, CONTENT_SETTINGS_KEY)).get();
	const parsed = contentSettingsSchema.safeParse(row?.value ?? {});
	return parsed.success ? parsed.data.reviewMonths : DEFAULT_REVIEW_MONTHS;
}

export function saveReviewMonths(db: Executor, reviewMonths: number) {
	db.insert(setting)
		.values({ key: CONTENT_SETTINGS_KEY, value: { reviewMonths } })
		.onConflictDoUpdate({
			target: setting.key,
			set: { value: { reviewMonths }, updatedAt: new Date() }
		})
		.run();
}

/** The day an offer checked on `reviewedAt` is due for its next check (calendar months). */
export function reviewDueOn(reviewedAt: Date, months: number): Date {
	const due = new Date(reviewedAt);
	const day = due.getUTCDate();
	due.setUTCDate(1);
	due.setUTCMonth(due.getUTCMonth() + months);
	// 31 August + 6 months is the last day of February, not 3 March.
	const lastDay = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate();
	due.setUTCDate(Math.min(day, lastDay));
	return due;
}

/** Last checked more than `months` ago (by today's date in the UK): the lead's list highlights it. */
export function isReviewDue(reviewedAt: Date, now: Date, months: number): boolean {
	return toDateOnly(reviewDueOn(reviewedAt, months)) <= londonToday(now);
}

// The lead's list -----------------------------------------------------------------------------

export const LEAD_OFFER_SORTS = ['order', 'title', 'reviewed', 'updated'] as const;
export const LEAD_OFFER_STATUSES = ['all', 'published', 'draft', 'review-due'] as const;

export const leadOfferFiltersSchema = z.object({
	category: z.enum(['', ...categoryValues()]).catch(''),
	status: z.enum(LEAD_OFFER_STATUSES).catch('all'),
	sort: z.enum(LEAD_OFFER_SORTS).catch('order')
});

function categoryValues() {
	return offerContentSchema.shape.category.options;
}

export type LeadOfferFilters = z.infer<typeof leadOfferFiltersSchema>;

/** Every offer, published and drafts, with whether its review is due. */
export function listOffersForLead(db: Database, filters: LeadOfferFilters, now = new Date()) {
	const months = getReviewMonths(db);
	const rows = db
		.select({ offer, categoryName: category.name, categoryPosition: category.position })
		.from(offer)
		.innerJoin(category, eq(category.slug, offer.category))
		.where(filters.category ? eq(offer.category, filters.category as CategorySlug) : undefined)
		.orderBy(asc(category.position), asc(offer.position), asc(offer.title))
		.all()
		.map((row) => ({
			id: row.offer.id,
			slug: row.offer.slug,
			title: row.offer.title,
			category: row.offer.category,
			categoryName: row.categoryName,
			published: row.offer.published,
			reviewedAt: row.offer.reviewedAt,
			updatedAt: row.offer.updatedAt,
			reviewDue: isReviewDue(row.offer.reviewedAt, now, months)
		}))
		.filter(
			(row) =>
				filters.status === 'all' ||
				(filters.status === 'published' && row.published) ||
				(filters.status === 'draft' && !row.published) ||
				(filters.status === 'review-due' && row.reviewDue)
		);
	if (filters.sort === 'title') {
		rows.sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
	} else if (filters.sort === 'reviewed') {
		rows.sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
	} else if (filters.sort === 'updated') {
		rows.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
	}
	return { rows, reviewMonths: months };
}

export function getOfferById(db: Database, id: number): Offer | undefined {
	return db.select().from(offer).where(eq(offer.id, id)).get();
}

// Saving --------------------------------------------------------------------------------------

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
function checkSlugFree(db: Executor, slug: string, ownId: number | null) {
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

function nextPosition(db: Executor, categorySlug: CategorySlug) {
	const row = db
		.select({ top: max(offer.position) })
		.from(offer)
		.where(eq(offer.category, categorySlug))
		.get();
	return (row?.top ?? -1) + 1;
}

function auditActionFor(change: string): AuditAction {
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
function ensureBaselineVersion(tx: Executor, current: Offer) {
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

// History and differences ---------------------------------------------------------------------

export function listOfferVersions(db: Database, id: number) {
	return db
		.select({
			version: offerVersion.version,
			content: offerVersion.content,
			change: offerVersion.change,
			createdAt: offerVersion.createdAt,
			authorName: user.name
		})
		.from(offerVersion)
		.leftJoin(user, eq(user.id, offerVersion.authorId))
		.where(eq(offerVersion.offerId, id))
		.orderBy(desc(offerVersion.version))
		.all();
}

const FIELD_LABELS: [keyof FlatContent, string][] = [
	['title', 'Title'],
	['slug', 'Web address'],
	['category', 'Topic'],
	['summary', 'Summary'],
	['body', 'Main text'],
	['eligibility', 'Who can get it'],
	['steps', 'How to get it'],
	['contacts', 'Contacts'],
	['kind', 'Right by law or extra'],
	['keywords', 'Search words'],
	['reviewedOn', 'Last checked'],
	['published', 'Status']
];

type FlatContent = Record<keyof OfferContent, string>;

/** Each field as the text a person compares. */
function flatten(content: OfferContent): FlatContent {
	const e = content.eligibility;
	const conditions = [
		e.livesInArea ? 'lives in the area' : null,
		e.inEducation ? 'in education or training' : null,
		e.isParent ? 'young parents' : null
	].filter(Boolean);
	return {
		slug: content.slug,
		title: content.title,
		category: content.category,
		summary: content.summary,
		body: content.body,
		eligibility: [
			`Ages ${e.minAge} to ${e.maxAge}`,
			`Groups: ${e.statuses.join(', ')}`,
			conditions.length ? `Only: ${conditions.join(', ')}` : 'No other conditions',
			e.notes ? `Notes: ${e.notes}` : ''
		]
			.filter(Boolean)
			.join('\n'),
		steps: content.steps.map((step, index) => `${index + 1}. ${step}`).join('\n'),
		contacts: content.contacts
			.map((c) =>
				[c.name, c.phone, c.text && `text ${c.text}`, c.email, c.url].filter(Boolean).join(', ')
			)
			.join('\n'),
		kind: content.kind === 'statutory' ? 'Right by law' : 'Extra',
		keywords: content.keywords.join(', '),
		reviewedOn: content.reviewedOn,
		published: content.published ? 'Published' : 'Draft'
	};
}

const MULTILINE = new Set<keyof FlatContent>(['body', 'eligibility', 'steps', 'contacts']);

export type FieldDiff = { field: string; label: string; parts: ChangeObject<string>[] };

/** What changed between two versions, field by field, as word or line differences. */
export function diffOfferContent(older: OfferContent | null, newer: OfferContent): FieldDiff[] {
	const before = older ? flatten(older) : null;
	const after = flatten(newer);
	const diffs: FieldDiff[] = [];
	for (const [field, label] of FIELD_LABELS) {
		const oldText = before?.[field] ?? '';
		if (before && oldText === after[field]) {
			continue;
		}
		const parts = MULTILINE.has(field)
			? diffLines(oldText, after[field])
			: diffWords(oldText, after[field]);
		diffs.push({ field, label, parts });
	}
	return diffs;
}

function changedFields(older: OfferContent, newer: OfferContent) {
	return diffOfferContent(older, newer).map((diff) => diff.field);
}

// Public: old addresses and what's new --------------------------------------------------------

/** The current slug of a published offer that used to live at `slug`. */
export function findOfferRedirect(db: Database, slug: string): string | undefined {
	return db
		.select({ slug: offer.slug })
		.from(offerRedirect)
		.innerJoin(offer, eq(offer.id, offerRedirect.offerId))
		.where(and(eq(offerRedirect.slug, slug), eq(offer.published, true)))
		.get()?.slug;
}

export const WHATS_NEW_DAYS = 90;

/** Published offers a lead told young people about in the last 90 days, newest first. */
export function listWhatsNew(db: Database, now = new Date(), limit?: number) {
	const since = new Date(now.getTime() - WHATS_NEW_DAYS * 24 * 60 * 60 * 1000);
	const query = db
		.select({
			slug: offer.slug,
			title: offer.title,
			category: offer.category,
			news: offer.news,
			newsAt: offer.newsAt
		})
		.from(offer)
		.where(and(eq(offer.published, true), isNotNull(offer.newsAt), gte(offer.newsAt, since)))
		.orderBy(desc(offer.newsAt));
	const rows = limit ? query.limit(limit).all() : query.all();
	return rows.map((row) => ({ ...row, news: row.news ?? '', newsAt: row.newsAt ?? now }));
}
