import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { TRANSLATED_LANGUAGE_CODES, type LanguageCode } from '$lib/languages';
import { seedFileSchema, type SeedFile } from '$lib/schemas/offer';
import { translationFileSchema, type TranslationFile } from '$lib/schemas/translation';
import { SEED_FILE } from './config';
import type { Database } from './db/connection';
import { contentToColumns } from './offer-editing/columns';
import { category, offer, setting } from './db/schema';
import {
	categorySource,
	findTranslation,
	offerSource,
	saveTranslation,
	welcomeSource
} from './translations';

/** Reads and validates the council's content file; a broken file stops the start with reasons. */
export function loadSeedFile(path = SEED_FILE): SeedFile {
	const raw: unknown = JSON.parse(readFileSync(resolve(path), 'utf8'));
	const parsed = seedFileSchema.safeParse(raw);
	if (!parsed.success) {
		const reasons = parsed.error.issues
			.slice(0, 10)
			.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
			.join('\n');
		throw new Error(`The content file ${path} is not valid:\n${reasons}`);
	}
	return parsed.data;
}

function invalid(path: string, issues: { path: PropertyKey[]; message: string }[]) {
	const reasons = issues
		.slice(0, 10)
		.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
		.join('\n');
	return new Error(`The content file ${path} is not valid:\n${reasons}`);
}

/**
 * The council's translation files, beside its content file: content/translations/COUNCIL/LANG.json
 * for content/COUNCIL.json. A broken file stops the start with reasons, like the content file.
 */
export function loadTranslationFiles(path = SEED_FILE): TranslationFile[] {
	const folder = join(dirname(resolve(path)), 'translations', basename(path, '.json'));
	if (!existsSync(folder)) {
		return [];
	}
	return readdirSync(folder)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const file = join(folder, name);
			const parsed = translationFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
			if (!parsed.success) {
				throw invalid(file, parsed.error.issues);
			}
			if (!(TRANSLATED_LANGUAGE_CODES as readonly string[]).includes(parsed.data.language)) {
				throw invalid(file, [{ path: ['language'], message: 'not a language the app speaks' }]);
			}
			if (`${parsed.data.language}.json` !== name) {
				throw invalid(file, [
					{ path: ['language'], message: `should be named ${parsed.data.language}.json` }
				]);
			}
			return parsed.data;
		});
}

/**
 * Puts the council's translations into the database as drafts (machine-drafted, not yet checked
 * by a translator), each recording the English of the content file it was made from. Idempotent
 * like the content: a translation already there is left alone.
 */
export function seedTranslations(db: Database, seed: SeedFile, files: TranslationFile[]) {
	let added = 0;
	db.transaction((tx) => {
		const add = (
			kind: 'offer' | 'category' | 'welcome',
			subject: string,
			language: LanguageCode,
			fields: Record<string, string | string[]>,
			source: Record<string, string | string[]>
		) => {
			if (findTranslation(tx, kind, subject, language)) {
				return;
			}
			saveTranslation(tx, {
				kind,
				subject,
				language,
				fields,
				source,
				status: 'draft',
				authorId: null,
				change: 'seeded'
			});
			added += 1;
		};
		for (const file of files) {
			const language = file.language as LanguageCode;
			if (file.council) {
				add('welcome', 'welcome', language, file.council, welcomeSource(seed.council));
			}
			for (const [slug, fields] of Object.entries(file.categories)) {
				const english = seed.categories.find((item) => item.slug === slug);
				if (english && fields) {
					add('category', slug, language, fields, categorySource(english));
				}
			}
			for (const [slug, fields] of Object.entries(file.offers)) {
				const english = seed.offers.find((item) => item.slug === slug);
				const row = tx.select({ id: offer.id }).from(offer).where(eq(offer.slug, slug)).get();
				if (english && row) {
					const source = offerSource(contentToColumns(english));
					add('offer', String(row.id), language, fields, source);
				}
			}
		}
	});
	return { translationsAdded: added };
}

/**
 * Puts the council's settings, categories and offer into an empty database.
 * Idempotent: anything already there (by key, slug) is left alone, so edits
 * made later in the app are never overwritten and nothing is duplicated.
 */
export function seedContent(db: Database, seed: SeedFile) {
	let offersAdded = 0;
	db.transaction((tx) => {
		tx.insert(setting).values({ key: 'council', value: seed.council }).onConflictDoNothing().run();
		for (const [position, item] of seed.categories.entries()) {
			tx.insert(category)
				.values({ ...item, position })
				.onConflictDoNothing()
				.run();
		}
		const positions = new Map<string, number>();
		for (const item of seed.offers) {
			const position = positions.get(item.category) ?? 0;
			positions.set(item.category, position + 1);
			const result = tx
				.insert(offer)
				.values({ ...contentToColumns(item), position })
				.onConflictDoNothing()
				.run();
			offersAdded += result.changes;
		}
	});
	return { offersAdded };
}
