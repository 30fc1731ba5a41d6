import { openDatabase } from '$lib/server/db/connection';
import {
	loadSeedFile,
	loadTranslationFiles,
	seedContent,
	seedTranslations
} from '$lib/server/seed';

/**
 * A fresh in-memory database with the real migrations applied and the real content (and its
 * translations) seeded.
 */
export function createTestDatabase({ seed = true } = {}) {
	const db = openDatabase(':memory:');
	if (seed) {
		const content = loadSeedFile();
		seedContent(db, content);
		seedTranslations(db, content, loadTranslationFiles());
	}
	return db;
}
