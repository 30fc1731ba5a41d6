/** The leads' side of translations: what there is to translate, how each stands, saving by hand. */
import { createHash } from 'node:crypto';
import { asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { TRANSLATED_LANGUAGE_CODES, type LanguageCode } from '$lib/languages';
import {
	categoryTranslationSchema,
	offerTranslationSchema,
	welcomeTranslationSchema
} from '$lib/schemas/translation';
import { recordAudit } from './audit';
import type { Database, Executor } from './db/connection';
import {
	category,
	contentTranslationVersion,
	offer,
	TRANSLATION_KINDS,
	user,
	type TranslatedFields,
	type TranslationKind
} from './db/schema';
import { getCouncilSettings } from './settings';
import {
	categorySource,
	findTranslations,
	offerSource,
	saveTranslation,
	translationState,
	TRANSLATED_FIELDS,
	type Translation,
	type TranslationState
} from './translations';

/** One thing to translate, with the English it is translated from. */
export type TranslationSubject = {
	kind: TranslationKind;
	/** As stored: the offer's id, the category's slug, or "welcome". */
	subject: string;
	/** As people and translation files name it: the offer's or category's slug, or "welcome". */
	key: string;
	label: string;
	english: TranslatedFields;
	/** The English search words, shown to translators beside theirs (never compared). */
	englishKeywords: string[];
};

/** The welcome, then each topic in its order, then each offer by title. */
export function listTranslationSubjects(db: Executor): TranslationSubject[] {
	const council = getCouncilSettings(db);
	const categories = db.select().from(category).orderBy(asc(category.position)).all();
	const offers = db.select().from(offer).orderBy(asc(offer.title)).all();
	return [
		{
			kind: 'welcome',
			subject: 'welcome',
			key: 'welcome',
			label: 'The welcome',
			english: { welcome: council.welcome },
			englishKeywords: []
		},
		...categories.map((item): TranslationSubject => ({
			kind: 'category',
			subject: item.slug,
			key: item.slug,
			label: item.name,
			english: categorySource(item),
			englishKeywords: []
		})),
		...offers.map((item): TranslationSubject => ({
			kind: 'offer',
			subject: String(item.id),
			key: item.slug,
			label: item.title,
			english: offerSource(item),
			englishKeywords: item.keywords
		}))
	];
}

export function findTranslationSubject(
	db: Executor,
	kind: TranslationKind,
	subject: string
): TranslationSubject | undefined {
	return listTranslationSubjects(db).find((item) => item.kind === kind && item.subject === subject);
}

/** The language and thing an editor's address names (`/ar/offer/12`), if the app has them. */
export function findTranslationTarget(
	db: Executor,
	params: { language: string; kind: string; subject: string }
) {
	const { language, kind, subject } = params;
	if (
		!(TRANSLATED_LANGUAGE_CODES as readonly string[]).includes(language) ||
		!(TRANSLATION_KINDS as readonly string[]).includes(kind)
	) {
		return undefined;
	}
	const item = findTranslationSubject(db, kind as TranslationKind, subject);
	return item ? { language: language as LanguageCode, item } : undefined;
}

/** A cell of the grid: how a thing stands in a language, `missing` when there is no translation. */
export type CellState = TranslationState | 'missing';

/** Every thing in every language, and each language's count of offers translated and out of date. */
export function getTranslationOverview(db: Executor) {
	const subjects = listTranslationSubjects(db);
	const languages = TRANSLATED_LANGUAGE_CODES.map((language) => {
		const found = {
			offer: findTranslations(db, 'offer', language),
			category: findTranslations(db, 'category', language),
			welcome: findTranslations(db, 'welcome', language)
		};
		const states = subjects.map((item): CellState => {
			const row = found[item.kind].get(item.subject);
			return row ? translationState(row, item.english) : 'missing';
		});
		const offerStates = states.filter((_, index) => subjects[index].kind === 'offer');
		return {
			code: language,
			states,
			offers: {
				total: offerStates.length,
				translated: offerStates.filter((state) => state !== 'missing').length,
				outOfDate: offerStates.filter((state) => state === 'out-of-date').length
			}
		};
	});
	return {
		rows: subjects.map((item, index) => ({
			kind: item.kind,
			subject: item.subject,
			label: item.label,
			states: languages.map((language) => language.states[index])
		})),
		languages: languages.map(({ code, offers }) => ({ code, offers }))
	};
}

/** The English fields that changed since a translation was made (search words aside). */
export function changedEnglishFields(translation: Translation, english: TranslatedFields) {
	return TRANSLATED_FIELDS[translation.kind].filter(
		(field) =>
			field !== 'keywords' &&
			JSON.stringify(translation.source[field] ?? null) !== JSON.stringify(english[field] ?? null)
	);
}

/**
 * A short fingerprint of the English a form was made from: marking a translation checked means a
 * person checked it against today's English, so a form opened before the English changed is
 * refused rather than recorded as checked against words they never saw.
 */
export function englishFingerprint(english: TranslatedFields) {
	return createHash('sha256').update(JSON.stringify(english)).digest('base64url').slice(0, 16);
}

/** Each kind's schema. An offer's steps and contact names must be as many as the English's. */
export function translationSchemaFor(kind: TranslationKind, english: TranslatedFields) {
	if (kind === 'category') {
		return categoryTranslationSchema;
	}
	if (kind === 'welcome') {
		return welcomeTranslationSchema;
	}
	const count = (field: 'steps' | 'contacts') =>
		Array.isArray(english[field]) ? english[field].length : 0;
	return offerTranslationSchema.superRefine((fields, ctx) => {
		for (const field of ['steps', 'contacts'] as const) {
			if (fields[field].length !== count(field)) {
				ctx.addIssue({
					code: 'custom',
					path: [field],
					message: `Give ${count(field)} ${field === 'steps' ? 'steps' : 'contact names'}, as the English has`
				});
			}
		}
		if (fields.eligibilityNotes !== undefined && english.eligibilityNotes === undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['eligibilityNotes'],
				message: 'The English has no notes on who can get it'
			});
		}
		if (fields.eligibilityNotes === undefined && english.eligibilityNotes !== undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['eligibilityNotes'],
				message: 'Write the notes on who can get it'
			});
		}
	});
}

/** Checks a translation's fields; errors by field path: `title`, `steps.2`. */
export function validateTranslation(
	kind: TranslationKind,
	english: TranslatedFields,
	fields: unknown
): { ok: true; fields: TranslatedFields } | { ok: false; errors: Record<string, string> } {
	const parsed = translationSchemaFor(kind, english).safeParse(fields);
	if (parsed.success) {
		return { ok: true, fields: withoutEmptyKeywords(parsed.data) };
	}
	return { ok: false, errors: issuesByPath(parsed.error) };
}

function withoutEmptyKeywords(fields: TranslatedFields): TranslatedFields {
	const { keywords, ...rest } = fields;
	return Array.isArray(keywords) && keywords.length > 0 ? { ...rest, keywords } : rest;
}

function issuesByPath(error: z.ZodError) {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const path = issue.path.map(String).join('.') || 'form';
		errors[path] ??= issue.message;
	}
	return errors;
}

/**
 * A translation as the editor form sends it: each text by name, each step and contact name as
 * `steps-0`, `contacts-1` (as many as the English has), search words one a line.
 */
export function translationFromForm(
	kind: TranslationKind,
	english: TranslatedFields,
	form: Record<string, string>
) {
	const fields: Record<string, string | string[]> = {};
	for (const field of TRANSLATED_FIELDS[kind]) {
		const value = english[field];
		if (field === 'keywords') {
			fields.keywords = splitLines(form.keywords ?? '');
		} else if (Array.isArray(value)) {
			fields[field] = value.map((_, index) => form[`${field}-${index}`] ?? '');
		} else if (value !== undefined) {
			fields[field] = form[field] ?? '';
		}
	}
	return fields;
}

export function splitLines(value: string) {
	return value
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean);
}

/** Saves a lead's translation from the editor, versioned and audited (never the words). */
export function saveTranslationByHand(
	db: Database,
	actorId: number,
	input: {
		kind: TranslationKind;
		subject: string;
		language: LanguageCode;
		fields: TranslatedFields;
		english: TranslatedFields;
		checked: boolean;
	}
) {
	return db.transaction(
		(tx) => {
			const row = saveTranslation(tx, {
				kind: input.kind,
				subject: input.subject,
				language: input.language,
				fields: input.fields,
				source: input.english,
				status: input.checked ? 'checked' : 'draft',
				authorId: actorId,
				change: input.checked ? 'checked' : 'saved'
			});
			recordAudit(tx, {
				actorId,
				action: input.checked ? 'translation-checked' : 'translation-saved',
				target: `translation:${row.id}`,
				detail: {
					kind: input.kind,
					subject: input.subject,
					language: input.language,
					version: row.version
				}
			});
			return row;
		},
		{ behavior: 'immediate' }
	);
}

/** A translation's versions, newest first, with who made each. */
export function listTranslationHistory(db: Executor, translationId: number) {
	return db
		.select({
			version: contentTranslationVersion.version,
			change: contentTranslationVersion.change,
			status: contentTranslationVersion.status,
			createdAt: contentTranslationVersion.createdAt,
			authorName: user.name
		})
		.from(contentTranslationVersion)
		.leftJoin(user, eq(user.id, contentTranslationVersion.authorId))
		.where(eq(contentTranslationVersion.translationId, translationId))
		.orderBy(desc(contentTranslationVersion.version))
		.all();
}
