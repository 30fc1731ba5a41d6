import { eq, sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORY_SLUGS, seedFileSchema } from '$lib/schemas/offer';
import { offer } from '$lib/server/db/schema';
import { DEFAULT_SEED_FILE } from '$lib/server/config';
import { loadSeedFile, seedContent } from '$lib/server/seed';
import { createTestDatabase } from './helpers';

const raw = JSON.parse(readFileSync(DEFAULT_SEED_FILE, 'utf8'));

describe('the content file', () => {
	it('is complete and valid', () => {
		const result = seedFileSchema.safeParse(raw);
		expect(result.success ? [] : result.error.issues).toEqual([]);
	});

	it('has at least 25 offers, with every category non-empty', () => {
		const seed = loadSeedFile();
		expect(seed.offers.length).toBeGreaterThanOrEqual(25);
		for (const category of CATEGORY_SLUGS) {
			expect(seed.offers.filter((item) => item.category === category).length).toBeGreaterThan(0);
		}
	});

	it('has unique slugs', () => {
		const slugs = loadSeedFile().offers.map((item) => item.slug);
		expect(new Set(slugs).size).toBe(slugs.length);
	});

	it('has well-formed phone numbers and email addresses', () => {
		const seed = loadSeedFile();
		const phones = [
			seed.council.phone,
			seed.council.outOfHoursPhone,
			...seed.offers.flatMap((item) => item.contacts.flatMap((c) => [c.phone, c.text]))
		].filter((phone) => phone !== undefined);
		for (const phone of phones) {
			expect(phone.replaceAll(' ', '')).toMatch(/^\+?\d{3,15}$/);
		}
		const emails = [
			seed.council.email,
			...seed.offers.flatMap((i) => i.contacts.map((c) => c.email))
		];
		for (const email of emails.filter((e) => e !== undefined)) {
			expect(email).toMatch(/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i);
		}
	});

	it('covers the statutory local offer for care leavers', () => {
		const slugs = new Set(loadSeedFile().offers.map((item) => item.slug));
		for (const slug of [
			'council-tax-exemption',
			'setting-up-home-allowance',
			'staying-put',
			'higher-education-bursary',
			'personal-adviser',
			'pathway-plan'
		]) {
			expect(slugs, slug).toContain(slug);
		}
	});

	it('refuses a duplicate slug and an offer-less category', () => {
		const broken = structuredClone(raw);
		broken.offers[1].slug = broken.offers[0].slug;
		broken.offers = broken.offers.filter(
			(item: { category: string }) => item.category !== 'having-your-say'
		);
		const result = seedFileSchema.safeParse(broken);
		expect(result.success).toBe(false);
		const messages = result.error?.issues.map((issue) => issue.message) ?? [];
		expect(messages).toContain(`Duplicate slug ${broken.offers[0].slug}`);
		expect(messages).toContain('No offers in category having-your-say');
	});
});

describe('seeding', () => {
	it('never duplicates and never overwrites edits made in the app', () => {
		const db = createTestDatabase();
		const count = () => db.get<{ n: number }>(sql`SELECT count(*) AS n FROM offer`)?.n;
		const before = count();
		db.update(offer)
			.set({ title: 'Edited by a lead' })
			.where(eq(offer.slug, 'council-tax-exemption'))
			.run();

		const { offersAdded } = seedContent(db, loadSeedFile());

		expect(offersAdded).toBe(0);
		expect(count()).toBe(before);
		const edited = db.select().from(offer).where(eq(offer.slug, 'council-tax-exemption')).get();
		expect(edited?.title).toBe('Edited by a lead');
	});

	it('applies the migrations to a new database and seeds every offer', () => {
		const db = createTestDatabase({ seed: false });
		const { offersAdded } = seedContent(db, loadSeedFile());
		expect(offersAdded).toBe(loadSeedFile().offers.length);
	});
});
