import { index, integer, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import { belongsTo, rowId, timestamps } from './common';
import { user } from './people';

/** What can be translated: an offer, a topic (category) or the council's welcome. */
export const TRANSLATION_KINDS = ['offer', 'category', 'welcome'] as const;
export type TranslationKind = (typeof TRANSLATION_KINDS)[number];

/** A translated field is a text (title, body) or a list of texts (steps, contact names). */
export type TranslatedFields = Record<string, string | string[]>;

/**
 * The council's own words in another language: one row per thing and language. `source` keeps the
 * English the translation was made from, so a change to the English shows it "may be out of date"
 * until someone updates it. `draft` is machine-drafted or not yet checked; `checked` by a person.
 */
export const contentTranslation = sqliteTable(
	'content_translation',
	{
		id: rowId(),
		kind: text('kind').$type<TranslationKind>().notNull(),
		/** The offer's id, the category's slug, or "welcome". */
		subject: text('subject').notNull(),
		language: text('language').notNull(),
		fields: text('fields', { mode: 'json' }).$type<TranslatedFields>().notNull(),
		source: text('source', { mode: 'json' }).$type<TranslatedFields>().notNull(),
		status: text('status', { enum: ['draft', 'checked'] }).notNull(),
		version: integer('version').notNull().default(1),
		/** Null for translations that came from the council's content files. */
		updatedById: integer('updated_by_id').references(() => user.id),
		...timestamps
	},
	(table) => [
		unique('content_translation_subject_language').on(table.kind, table.subject, table.language),
		index('content_translation_language').on(table.language)
	]
);

/** Every saved version of a translation, like the English offer's history. */
export const contentTranslationVersion = sqliteTable(
	'content_translation_version',
	{
		id: rowId(),
		translationId: belongsTo('translation_id', () => contentTranslation.id, 'cascade'),
		version: integer('version').notNull(),
		fields: text('fields', { mode: 'json' }).$type<TranslatedFields>().notNull(),
		source: text('source', { mode: 'json' }).$type<TranslatedFields>().notNull(),
		status: text('status', { enum: ['draft', 'checked'] }).notNull(),
		authorId: integer('author_id').references(() => user.id),
		/** What happened: seeded, saved, checked, imported. */
		change: text('change').notNull(),
		createdAt: timestamps.createdAt
	},
	(table) => [unique('content_translation_version_version').on(table.translationId, table.version)]
);
