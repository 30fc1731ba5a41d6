import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { offer, user } from '$lib/server/db/schema';
import { offerToContent, saveOffer } from '$lib/server/offer-editing';
import { orukServiceQuerySchema } from '$lib/schemas/oruk';
import { listPublishedOffers } from '$lib/server/offers';
import {
	getOrukService,
	listOrukServices,
	listOrukTaxonomyTerms,
	orukIds,
	toPage,
	uuidV5
} from '$lib/server/oruk';
import { createTestDatabase } from './helpers';
import { orukValidators } from './oruk-schemas';

const ORIGIN = 'https://offer.example.org';
const validators = orukValidators();

describe('Open Referral UK mapping', () => {
	it('makes RFC 9562 version 5 UUIDs (the standard test vector)', () => {
		// uuid v5 of "www.example.com" in the DNS namespace (RFC 9562 appendix A.4).
		expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
			'2ed6657d-e927-568b-95e1-2665a8aea6a2'
		);
	});

	it('maps every published offer to a valid service, with stable ids', () => {
		const db = createTestDatabase();
		const offers = listPublishedOffers(db);
		const list = listOrukServices(db, { per_page: 200 }, ORIGIN);
		expect(list.total_items).toBe(offers.length);
		expect(validators.page(list), JSON.stringify(validators.page.errors)).toBe(true);
		for (const item of list.contents) {
			expect(
				validators.serviceListItem(item),
				JSON.stringify(validators.serviceListItem.errors)
			).toBe(true);
		}
		for (const item of offers) {
			const service = getOrukService(db, orukIds.service(item.id), ORIGIN)!;
			expect(validators.service(service), JSON.stringify(validators.service.errors)).toBe(true);
			expect(service).toMatchObject({
				name: item.title,
				status: 'active',
				minimum_age: item.minAge,
				maximum_age: item.maxAge,
				url: `${ORIGIN}/offers/${item.slug}`,
				organization: { name: 'Stockton-on-Tees Borough Council' }
			});
			expect(service.attributes[0].taxonomy_term.code).toBe(item.category);
			const phones = service.contacts.flatMap((contact) => contact.phones.map((p) => p.number));
			const expected = item.contacts.flatMap((c) => [c.phone, c.text].filter(Boolean));
			expect(phones).toEqual(expected);
		}
	});

	it('lists the languages each service can be read in, by its translations', () => {
		const db = createTestDatabase();
		const tax = listPublishedOffers(db).find((item) => item.slug === 'council-tax-exemption')!;
		const isa = listPublishedOffers(db).find((item) => item.slug === 'junior-isa-savings')!;
		const languages = getOrukService(db, orukIds.service(tax.id), ORIGIN)!.languages;
		expect(languages.map((language) => language.code)).toEqual([
			'en',
			'ar',
			'fa',
			'ps',
			'ckb',
			'ti',
			'sq',
			'vi'
		]);
		expect(languages[1]).toMatchObject({
			name: 'Arabic',
			note: expect.stringContaining('by computer')
		});
		// Junior ISA is in Arabic only.
		expect(
			getOrukService(db, orukIds.service(isa.id), ORIGIN)!.languages.map(
				(language) => language.code
			)
		).toEqual(['en', 'ar']);
	});

	it('never includes drafts, and keeps an offer’s id when its slug changes', () => {
		const db = createTestDatabase();
		const lead = db.insert(user).values({ role: 'lead', name: 'Lead' }).returning().get();
		const row = db.select().from(offer).where(eq(offer.slug, 'staying-put')).get()!;
		const id = orukIds.service(row.id);
		saveOffer(db, lead, row.id, 1, { ...offerToContent(row), slug: 'staying-put-new' });
		expect(getOrukService(db, id, ORIGIN)?.url).toBe(`${ORIGIN}/offers/staying-put-new`);
		saveOffer(db, lead, row.id, 2, {
			...offerToContent(row),
			slug: 'staying-put-new',
			published: false
		});
		expect(getOrukService(db, id, ORIGIN)).toBeUndefined();
		const all = listOrukServices(db, { per_page: 200 }, ORIGIN).contents.map((s) => s.id);
		expect(all).not.toContain(id);
		const draft = db.select().from(offer).where(eq(offer.slug, 'rent-guarantor')).get()!;
		expect(all).not.toContain(orukIds.service(draft.id));
	});

	it('filters by search, topic and age, and pages', () => {
		const db = createTestDatabase();
		const money = orukIds.term('money');
		const byTopic = listOrukServices(db, { taxonomy_term_id: money, per_page: 200 }, ORIGIN);
		const moneyCount = listPublishedOffers(db, { category: 'money' }).length;
		expect(byTopic.total_items).toBe(moneyCount);
		expect(listOrukServices(db, { taxonomy_term_id: 'nope' }, ORIGIN).total_items).toBe(0);
		const search = listOrukServices(db, { search: 'council tax' }, ORIGIN);
		expect(search.contents[0].name).toMatch(/council tax/i);
		const older = listOrukServices(db, { minimum_age: 24, per_page: 200 }, ORIGIN);
		expect(older.contents.every((s) => s.maximum_age >= 24)).toBe(true);
		const younger = listOrukServices(db, { maximum_age: 16, per_page: 200 }, ORIGIN);
		expect(younger.contents.every((s) => s.minimum_age <= 16)).toBe(true);

		const page = toPage([1, 2, 3, 4, 5], 2, 2);
		expect(page).toEqual({
			total_items: 5,
			total_pages: 3,
			page_number: 2,
			size: 2,
			first_page: false,
			last_page: false,
			empty: false,
			contents: [3, 4]
		});
		expect(toPage([], 1, 10)).toMatchObject({ total_pages: 1, empty: true, last_page: true });
		expect(orukServiceQuerySchema.safeParse({ per_page: '0' }).success).toBe(false);
		expect(orukServiceQuerySchema.safeParse({ page: '-1' }).success).toBe(false);
		expect(orukServiceQuerySchema.safeParse({ page: '2', per_page: '10' }).data).toMatchObject({
			page: 2,
			per_page: 10
		});
	});

	it('lists the topics as terms of the council’s own taxonomy', () => {
		const db = createTestDatabase();
		const terms = listOrukTaxonomyTerms(db, ORIGIN);
		expect(terms.map((t) => t.code)).toEqual([
			'money',
			'accommodation',
			'education',
			'employment',
			'health',
			'relationships',
			'having-your-say'
		]);
		expect(new Set(terms.map((t) => t.taxonomy_id)).size).toBe(1);
	});
});
