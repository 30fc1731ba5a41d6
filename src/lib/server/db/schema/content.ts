import { index, integer, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import { belongsTo, rowId, timestamps } from './common';
import type { CategorySlug, LegalStatus, OfferContent } from '$lib/schemas/offer';
import { user } from './people';

/** Key–value settings, each value a JSON document validated by zod when read and written. */
export const setting = sqliteTable('setting', {
	key: text('key').primaryKey(),
	value: text('value', { mode: 'json' }).notNull(),
	updatedAt: timestamps.updatedAt
});

export const category = sqliteTable('category', {
	slug: text('slug').$type<CategorySlug>().primaryKey(),
	name: text('name').notNull(),
	description: text('description').notNull(),
	icon: text('icon').notNull(),
	position: integer('position').notNull().default(0)
});

export type Contact = {
	name: string;
	phone?: string;
	text?: string;
	email?: string;
	url?: string;
};

export const offer = sqliteTable(
	'offer',
	{
		id: rowId(),
		slug: text('slug').notNull().unique(),
		title: text('title').notNull(),
		category: text('category')
			.$type<CategorySlug>()
			.notNull()
			.references(() => category.slug),
		summary: text('summary').notNull(),
		/** Markdown, rendered on the server and sanitised. */
		body: text('body').notNull(),
		minAge: integer('min_age').notNull(),
		maxAge: integer('max_age').notNull(),
		statuses: text('statuses', { mode: 'json' }).$type<LegalStatus[]>().notNull(),
		livesInArea: integer('lives_in_area', { mode: 'boolean' }).notNull().default(false),
		inEducation: integer('in_education', { mode: 'boolean' }).notNull().default(false),
		isParent: integer('is_parent', { mode: 'boolean' }).notNull().default(false),
		eligibilityNotes: text('eligibility_notes'),
		steps: text('steps', { mode: 'json' }).$type<string[]>().notNull(),
		contacts: text('contacts', { mode: 'json' }).$type<Contact[]>().notNull(),
		kind: text('kind', { enum: ['statutory', 'extra'] }).notNull(),
		/** Extra words people search with; indexed for search, never shown. */
		keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull().default([]),
		reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }).notNull(),
		published: integer('published', { mode: 'boolean' }).notNull().default(false),
		position: integer('position').notNull().default(0),
		/** Bumped on every save: lets two editors' saves be told apart. */
		version: integer('version').notNull().default(1),
		/** "What's new" for young people: one sentence, and when it was written (null: nothing new). */
		news: text('news'),
		newsAt: integer('news_at', { mode: 'timestamp_ms' }),
		...timestamps
	},
	(table) => [index('offer_category_position').on(table.category, table.position)]
);

/** "Was this helpful?" on an offer: one answer per browser and offer, which it may change. */
export const offerFeedback = sqliteTable(
	'offer_feedback',
	{
		id: rowId(),
		offerId: belongsTo('offer_id', () => offer.id, 'cascade'),
		/** SHA-256 of the browser's random feedback id (not the analytics visitor id). */
		responder: text('responder').notNull(),
		helpful: integer('helpful', { mode: 'boolean' }).notNull(),
		comment: text('comment'),
		demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
		...timestamps
	},
	(table) => [
		unique('offer_feedback_offer_responder').on(table.offerId, table.responder),
		index('offer_feedback_updated').on(table.updatedAt)
	]
);

/** "Tell us what you think": no account needed, name optional. */
export const generalFeedback = sqliteTable(
	'general_feedback',
	{
		id: rowId(),
		name: text('name'),
		message: text('message').notNull(),
		demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
		createdAt: timestamps.createdAt
	},
	(table) => [index('general_feedback_created').on(table.createdAt)]
);

/**
 * Every saved version of an offer, whole (the content model of src/lib/schemas/offer.ts), so the
 * history can show who changed what and a lead can restore any of them as a new version.
 */
export const offerVersion = sqliteTable(
	'offer_version',
	{
		id: rowId(),
		offerId: belongsTo('offer_id', () => offer.id, 'cascade'),
		version: integer('version').notNull(),
		content: text('content', { mode: 'json' }).$type<OfferContent>().notNull(),
		/** Null for the version that came from the council's content file. */
		authorId: integer('author_id').references(() => user.id),
		/** What happened: created, saved, published, unpublished, reviewed, restored, seeded. */
		change: text('change').notNull(),
		createdAt: timestamps.createdAt
	},
	(table) => [unique('offer_version_offer_version').on(table.offerId, table.version)]
);

/** Old web addresses of offers whose slug changed: /offers/OLD answers 308 to the new one. */
export const offerRedirect = sqliteTable('offer_redirect', {
	slug: text('slug').primaryKey(),
	offerId: belongsTo('offer_id', () => offer.id, 'cascade'),
	createdAt: timestamps.createdAt
});

/** "You said, we did": what young people told us and what changed because of it. */
export const youSaidWeDid = sqliteTable(
	'you_said_we_did',
	{
		id: rowId(),
		youSaid: text('you_said').notNull(),
		weDid: text('we_did').notNull(),
		/** The part of the offer that changed, if any. */
		offerId: integer('offer_id').references(() => offer.id, { onDelete: 'set null' }),
		published: integer('published', { mode: 'boolean' }).notNull().default(false),
		createdById: integer('created_by_id').references(() => user.id),
		...timestamps
	},
	(table) => [index('you_said_we_did_updated').on(table.updatedAt)]
);
