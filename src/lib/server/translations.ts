import { and, eq, sql } from 'drizzle-orm';
import { BASE_LANGUAGE, type LanguageCode } from '$lib/languages';
import type { Database, Executor } from './db/connection';
import {
	contentTranslation,
	contentTranslationVersion,
	type TranslatedFields,
	type TranslationKind
} from './db/schema';
import type { Offer } from './offers';
import type { CouncilSettings } from '$lib/schemas/offer';

export type Translation = typeof contentTranslation.$inferSelect;

/**
 * How a translation stands, as young people and leads are told: `checked` by a person, `draft`
 * (machine-drafted or not yet checked), or `out-of-date` (the English changed since it was made).
 */
export type TranslationState = 'checked' | 'draft' | 'out-of-date';

/** The fields of each kind a translator translates, in the order they are shown and exported. */
export const TRANSLATED_FIELDS: Record<TranslationKind, readonly string[]> = {
	offer: ['title', 'summary', 'body', 'eligibilityNotes', 'steps', 'contacts', 'keywords'],
	category: ['name', 'description'],
	welcome: ['welcome']
};

/**
 * Fields that are the translation's own rather than the English's words: an offer's search words
 * differ by language, so they are never compared with the English to say it is out of date.
 */
const OWN_FIELDS = new Set(['keywords']);

type CategoryRow = { slug: string; name: string; description: string };

/** The English an offer's translation is made from (contacts by name: numbers stay as they are). */
export function offerSource(
	item: Pick<Offer, 'title' | 'summary' | 'body' | 'steps' | 'contacts' | 'eligibilityNotes'>
): TranslatedFields {
	const fields: TranslatedFields = {
		title: item.title,
		summary: item.summary,
		body: item.body,
		steps: item.steps,
		contacts: item.contacts.map((contact) => contact.name)
	};
	if (item.eligibilityNotes) {
		fields.eligibilityNotes = item.eligibilityNotes;
	}
	return fields;
}

export function categorySource(item: CategoryRow): TranslatedFields {
	return { name: item.name, description: item.description };
}

export function welcomeSource(council: CouncilSettings): TranslatedFields {
	return { welcome: council.welcome };
}

/** The same English, field by field (a translation's own fields aside). */
export function sameSource(a: TranslatedFields, b: TranslatedFields) {
	const keys = new Set(
		[...Object.keys(a), ...Object.keys(b)].filter((key) => !OWN_FIELDS.has(key))
	);
	return [...keys].every(
		(key) => JSON.stringify(a[key] ?? null) === JSON.stringify(b[key] ?? null)
	);
}

export function translationState(row: Translation, english: TranslatedFields): TranslationState {
	if (!sameSource(row.source, english)) {
		return 'out-of-date';
	}
	return row.status;
}

/** Every translation of one kind into one language, by subject. */
export function findTranslations(
	db: Executor,
	kind: TranslationKind,
	language: LanguageCode
): Map<string, Translation> {
	if (language === BASE_LANGUAGE) {
		return new Map();
	}
	const rows = db
		.select()
		.from(contentTranslation)
		.where(and(eq(contentTranslation.kind, kind), eq(contentTranslation.language, language)))
		.all();
	return new Map(rows.map((row) => [row.subject, row]));
}

export function findTranslation(
	db: Executor,
	kind: TranslationKind,
	subject: string,
	language: LanguageCode
): Translation | undefined {
	if (language === BASE_LANGUAGE) {
		return undefined;
	}
	return db
		.select()
		.from(contentTranslation)
		.where(
			and(
				eq(contentTranslation.kind, kind),
				eq(contentTranslation.subject, subject),
				eq(contentTranslation.language, language)
			)
		)
		.get();
}

/** Languages written right to left. */
const RIGHT_TO_LEFT = new Set<string>(['ar', 'fa', 'ps', 'ckb']);

/** A phone number written in groups: 116 123, 01642 393939, +44 808 800 4444. */
const GROUPED_NUMBER = /(?<![\p{N}\u2066])\+?\p{N}+(?: \p{N}+)+(?![\p{N}\u2069])/gu;

/**
 * In right-to-left text, each phone number is kept left to right (between Unicode's invisible
 * isolates, U+2066 and U+2069): otherwise 116 123 reads as 123 116, because the space between its
 * groups takes the sentence's direction.
 */
export function isolateNumbers(value: string) {
	return value.replace(GROUPED_NUMBER, (number) => `\u2066${number}\u2069`);
}

function reader(language: string) {
	const show = RIGHT_TO_LEFT.has(language) ? isolateNumbers : (value: string) => value;
	return {
		text(fields: TranslatedFields, key: string, fallback: string) {
			const value = fields[key];
			return typeof value === 'string' && value.trim() ? show(value) : fallback;
		},
		list(fields: TranslatedFields, key: string, fallback: string[]) {
			const value = fields[key];
			return Array.isArray(value) && value.length === fallback.length ? value.map(show) : fallback;
		}
	};
}

/**
 * What a page shows of an offer in a language: the translation's words where there is one (numbers,
 * addresses and links always from the English), and in which language and state they are, so the
 * page can mark English words as English and say how far to trust the translation.
 */
export function translateOffer(item: Offer, translation: Translation | undefined) {
	if (!translation) {
		return { ...item, language: BASE_LANGUAGE as LanguageCode, translationState: null };
	}
	const fields = translation.fields;
	const { text, list } = reader(translation.language);
	const names = list(
		fields,
		'contacts',
		item.contacts.map((contact) => contact.name)
	);
	return {
		...item,
		title: text(fields, 'title', item.title),
		summary: text(fields, 'summary', item.summary),
		body: text(fields, 'body', item.body),
		eligibilityNotes: item.eligibilityNotes
			? text(fields, 'eligibilityNotes', item.eligibilityNotes)
			: item.eligibilityNotes,
		steps: list(fields, 'steps', item.steps),
		contacts: item.contacts.map((contact, index) => ({ ...contact, name: names[index] })),
		language: translation.language as LanguageCode,
		translationState: translationState(translation, offerSource(item)) as TranslationState | null
	};
}

export type TranslatedOffer = ReturnType<typeof translateOffer>;

/** Offers in a language, each translated where it can be. */
export function translateOffers(db: Executor, items: Offer[], language: LanguageCode) {
	const translations = findTranslations(db, 'offer', language);
	return items.map((item) => translateOffer(item, translations.get(String(item.id))));
}

/** Topics in a language: translated names and descriptions, English where there is none. */
export function translateCategories<T extends CategoryRow>(
	db: Executor,
	categories: T[],
	language: LanguageCode
) {
	const translations = findTranslations(db, 'category', language);
	return categories.map((item) => {
		const translation = translations.get(item.slug);
		if (!translation) {
			return { ...item, language: BASE_LANGUAGE as LanguageCode };
		}
		const { text } = reader(language);
		return {
			...item,
			name: text(translation.fields, 'name', item.name),
			description: text(translation.fields, 'description', item.description),
			language: translation.language as LanguageCode
		};
	});
}

/** The council's welcome in a language, and which language it is in. */
export function translateWelcome(db: Executor, council: CouncilSettings, language: LanguageCode) {
	const translation = findTranslation(db, 'welcome', 'welcome', language);
	return translation
		? {
				text: reader(language).text(translation.fields, 'welcome', council.welcome),
				language: translation.language as LanguageCode
			}
		: { text: council.welcome, language: BASE_LANGUAGE as LanguageCode };
}

/**
 * Saves a translation as a new version (creating it if needed) and keeps the version in the
 * history. `source` is the English it was made from, as it stands when saved.
 */
export function saveTranslation(
	db: Executor,
	input: {
		kind: TranslationKind;
		subject: string;
		language: LanguageCode;
		fields: TranslatedFields;
		source: TranslatedFields;
		status: 'draft' | 'checked';
		authorId: number | null;
		change: 'seeded' | 'saved' | 'checked' | 'imported';
	}
): Translation {
	const existing = findTranslation(db, input.kind, input.subject, input.language);
	const values = {
		fields: input.fields,
		source: input.source,
		status: input.status,
		updatedById: input.authorId
	};
	const row = existing
		? db
				.update(contentTranslation)
				.set({
					...values,
					version: existing.version + 1,
					updatedAt: sql`(unixepoch('subsec') * 1000)`
				})
				.where(eq(contentTranslation.id, existing.id))
				.returning()
				.get()
		: db
				.insert(contentTranslation)
				.values({ ...values, kind: input.kind, subject: input.subject, language: input.language })
				.returning()
				.get();
	db.insert(contentTranslationVersion)
		.values({
			translationId: row.id,
			version: row.version,
			fields: row.fields,
			source: row.source,
			status: row.status,
			authorId: input.authorId,
			change: input.change
		})
		.run();
	return row;
}

/** Offer ids whose translation into `language` matches the search, best first. */
export function rankTranslatedOfferIds(
	db: Database,
	match: string,
	language: LanguageCode
): number[] {
	if (language === BASE_LANGUAGE) {
		return [];
	}
	return db
		.all<{ id: number }>(
			sql`SELECT offer_id AS id FROM translation_search
				WHERE translation_search MATCH ${match} AND language = ${language}
				ORDER BY bm25(translation_search, 10.0, 4.0, 1.0, 6.0)`
		)
		.map((row) => Number(row.id));
}
