import { openDatabase } from '$lib/server/db/connection';
import { loadSeedFile, seedContent } from '$lib/server/seed';

/** A fresh in-memory database with the real migrations applied and the real content seeded. */
export function createTestDatabase({ seed = true } = {}) {
	const db = openDatabase(':memory:');
	if (seed) {
		seedContent(db, loadSeedFile());
	}
	return db;
}
