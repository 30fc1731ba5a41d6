import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { seedFileSchema, type SeedFile } from '$lib/schemas/offer';
import { SEED_FILE } from './config';
import type { Database } from './db/connection';
import { contentToColumns } from './offer-editing/columns';
import { category, offer, setting } from './db/schema';

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
