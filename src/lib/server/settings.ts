import { asc, eq } from 'drizzle-orm';
import { councilSettingsSchema, type CouncilSettings } from '$lib/schemas/offer';
import type { Database } from './db/connection';
import { category, setting } from './db/schema';

const COUNCIL_KEY = 'council';

/** The council's name, colours and phone numbers. Seeded at start, so always present. */
export function getCouncilSettings(db: Database): CouncilSettings {
	const row = db.select().from(setting).where(eq(setting.key, COUNCIL_KEY)).get();
	if (!row) {
		throw new Error('Council settings are missing: the seed step did not run');
	}
	return councilSettingsSchema.parse(row.value);
}

/** A short version string that changes whenever the council settings change (cache-busting). */
export function getSettingsVersion(db: Database): string {
	const row = db
		.select({ updatedAt: setting.updatedAt })
		.from(setting)
		.where(eq(setting.key, COUNCIL_KEY))
		.get();
	return row ? row.updatedAt.getTime().toString(36) : '0';
}

export function listCategories(db: Database) {
	return db.select().from(category).orderBy(asc(category.position)).all();
}

export type Category = ReturnType<typeof listCategories>[number];
