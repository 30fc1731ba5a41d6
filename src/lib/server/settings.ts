import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { contrastRatio, TEXT_CONTRAST_AA } from '$lib/contrast';
import {
	categoryContentSchema,
	councilSettingsSchema,
	type CategorySlug,
	type CouncilSettings
} from '$lib/schemas/offer';
import { LANGUAGE_CODES, type LanguageCode } from '$lib/languages';
import { recordAudit } from './audit';
import type { Database, Executor } from './db/connection';
import { category, setting } from './db/schema';

const COUNCIL_KEY = 'council';

/** One key–value setting as its schema reads it; the fallback when it is unset or unreadable. */
export function readSetting<T>(db: Executor, key: string, schema: z.ZodType<T>, fallback: T): T {
	const row = db.select().from(setting).where(eq(setting.key, key)).get();
	const parsed = schema.safeParse(row?.value);
	return parsed.success ? parsed.data : fallback;
}

/** A lead changes one key–value setting; audited under `target` with `detail`. */
export function writeSetting(
	db: Database,
	lead: { id: number },
	key: string,
	value: unknown,
	audit: { target: string; detail: Record<string, unknown> }
) {
	db.transaction((tx) => {
		tx.insert(setting)
			.values({ key, value })
			.onConflictDoUpdate({ target: setting.key, set: { value, updatedAt: new Date() } })
			.run();
		recordAudit(tx, { actorId: lead.id, action: 'settings-changed', ...audit });
	});
}

const LANGUAGES_KEY = 'languages';

/** The languages a council offers: English always, and those it chose (all, unless it chose). */
export const offeredLanguagesSchema = z
	.array(z.enum(LANGUAGE_CODES))
	.transform((codes) => LANGUAGE_CODES.filter((code) => code === 'en' || codes.includes(code)));

export function getOfferedLanguages(db: Executor): LanguageCode[] {
	return readSetting(db, LANGUAGES_KEY, offeredLanguagesSchema, [...LANGUAGE_CODES]);
}

/** The council's name, colours and phone numbers. Seeded at start, so always present. */
export function getCouncilSettings(db: Executor): CouncilSettings {
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

/** The dark text the layout puts on the accent colour (new-message counts, unread badges). */
export const TEXT_ON_ACCENT = '#1d1d1b';

/**
 * The council settings a lead edits, with the colour rule on top of the content model's: the
 * primary colour sits behind white text (header, buttons) and the accent behind dark text, so
 * each must keep WCAG AA contrast (4.5:1) there.
 */
export const councilSettingsFormSchema = councilSettingsSchema.superRefine((settings, ctx) => {
	const primary = contrastRatio(settings.colours.primary, '#ffffff');
	if (primary < TEXT_CONTRAST_AA) {
		ctx.addIssue({
			code: 'custom',
			path: ['colours', 'primary'],
			message: `White text on this colour is too hard to read (contrast ${primary.toFixed(1)}:1, it needs at least 4.5:1). Choose a darker colour.`
		});
	}
	const accent = contrastRatio(settings.colours.accent, TEXT_ON_ACCENT);
	if (accent < TEXT_CONTRAST_AA) {
		ctx.addIssue({
			code: 'custom',
			path: ['colours', 'accent'],
			message: `Dark text on this colour is too hard to read (contrast ${accent.toFixed(1)}:1, it needs at least 4.5:1). Choose a lighter colour.`
		});
	}
});

export function saveCouncilSettings(db: Database, actorId: number, settings: CouncilSettings) {
	db.transaction((tx) => {
		tx.update(setting)
			.set({ value: settings, updatedAt: new Date() })
			.where(eq(setting.key, COUNCIL_KEY))
			.run();
		recordAudit(tx, {
			actorId,
			action: 'settings-changed',
			target: 'council',
			detail: { name: settings.name, colours: settings.colours }
		});
	});
}

export const categoryFormSchema = categoryContentSchema.pick({
	slug: true,
	name: true,
	description: true
});

export function saveCategory(
	db: Database,
	actorId: number,
	input: z.infer<typeof categoryFormSchema>
) {
	return db.transaction((tx) => {
		const result = tx
			.update(category)
			.set({ name: input.name, description: input.description })
			.where(eq(category.slug, input.slug))
			.run();
		if (result.changes === 0) {
			return false;
		}
		recordAudit(tx, {
			actorId,
			action: 'category-changed',
			target: `category:${input.slug}`,
			detail: { name: input.name, description: input.description }
		});
		return true;
	});
}

/** Moves a topic one place up or down on the home page and in the offer list. */
export function moveCategory(
	db: Database,
	actorId: number,
	slug: CategorySlug,
	direction: 'up' | 'down'
) {
	return db.transaction(
		(tx) => {
			const slugs = tx
				.select({ slug: category.slug })
				.from(category)
				.orderBy(asc(category.position))
				.all()
				.map((row) => row.slug);
			const from = slugs.indexOf(slug);
			if (from === -1) {
				return false;
			}
			const to = direction === 'up' ? from - 1 : from + 1;
			if (to >= 0 && to < slugs.length) {
				[slugs[from], slugs[to]] = [slugs[to], slugs[from]];
				for (const [position, each] of slugs.entries()) {
					tx.update(category).set({ position }).where(eq(category.slug, each)).run();
				}
				recordAudit(tx, {
					actorId,
					action: 'category-changed',
					target: `category:${slug}`,
					detail: { moved: direction }
				});
			}
			return true;
		},
		{ behavior: 'immediate' }
	);
}
