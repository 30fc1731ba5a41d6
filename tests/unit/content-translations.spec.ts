import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { TRANSLATED_LANGUAGE_CODES } from '$lib/languages';
import { contentTranslation, contentTranslationVersion, offer } from '$lib/server/db/schema';
import { getPublishedOfferBySlug, listPublishedOffers } from '$lib/server/offers';
import { loadSeedFile, loadTranslationFiles, seedTranslations } from '$lib/server/seed';
import {
	findTranslation,
	isolateNumbers,
	offerSource,
	saveTranslation,
	translateCategories,
	translateOffer,
	translateOffers,
	translateWelcome
} from '$lib/server/translations';
import { getCouncilSettings, listCategories } from '$lib/server/settings';
import { createTestDatabase } from './helpers';

const content = loadSeedFile();
const files = loadTranslationFiles();

/** The offers every offered language must have, as the council asked. */
const KEY_OFFERS = [
	'council-tax-exemption',
	'setting-up-home-allowance',
	'staying-put',
	'help-if-homeless',
	'higher-education-bursary',
	'bursary-16-to-19',
	'tees-active-leisure-pass',
	'dentist-pathway',
	'personal-adviser',
	'nyas-advocacy',
	'complaints-and-compliments'
];

const headings = (text: string) => text.split('\n').filter((line) => /^#{1,6} /.test(line)).length;
const listItems = (text: string) =>
	text.split('\n').filter((line) => /^\s*(- |\* |\d+\. )/.test(line)).length;
/** Phone numbers, emails, web addresses, amounts and numbers: a translation must keep them all. */
const facts = (text: string) =>
	text.match(/(?:\+?\d[\d ]{2,}\d)|[\w.+-]+@[\w.-]+|https?:\/\/\S+|£[\d,.]+|\b\d+\b/g) ?? [];

describe('the seeded translations', () => {
	it('are in Arabic for every offer, topic and the welcome', () => {
		const arabic = files.find((file) => file.language === 'ar');
		expect(Object.keys(arabic?.offers ?? {}).sort()).toEqual(
			content.offers.map((item) => item.slug).sort()
		);
		expect(Object.keys(arabic?.categories ?? {}).sort()).toEqual(
			content.categories.map((item) => item.slug).sort()
		);
		expect(arabic?.council?.welcome).toBeTruthy();
	});

	it.each(['fa', 'ps', 'ckb', 'ti', 'sq', 'vi'])(
		'cover the topics, the welcome and the key offers in %s',
		(language) => {
			const file = files.find((item) => item.language === language);
			expect(file, `content/translations/stockton-on-tees/${language}.json`).toBeDefined();
			expect(Object.keys(file?.offers ?? {})).toEqual(expect.arrayContaining(KEY_OFFERS));
			expect(Object.keys(file?.categories ?? {})).toHaveLength(content.categories.length);
			expect(file?.council?.welcome).toBeTruthy();
		}
	);

	it('keep each offer’s shape, numbers, addresses and links', () => {
		const problems: string[] = [];
		for (const file of files) {
			for (const [slug, words] of Object.entries(file.offers)) {
				const english = content.offers.find((item) => item.slug === slug);
				if (!english) {
					problems.push(`${file.language} ${slug}: no such offer`);
					continue;
				}
				const where = `${file.language} ${slug}`;
				if (words.steps.length !== english.steps.length) {
					problems.push(`${where}: steps`);
				}
				if (words.contacts.length !== english.contacts.length) {
					problems.push(`${where}: contacts`);
				}
				if (headings(words.body) !== headings(english.body)) {
					problems.push(`${where}: headings`);
				}
				if (listItems(words.body) !== listItems(english.body)) {
					problems.push(`${where}: lists`);
				}
				if (Boolean(words.eligibilityNotes) !== Boolean(english.eligibility.notes)) {
					problems.push(`${where}: notes`);
				}
				const translated = JSON.stringify(words);
				const source = [
					english.summary,
					english.body,
					english.eligibility.notes ?? '',
					...english.steps
				];
				for (const fact of new Set(facts(source.join('\n')))) {
					if (!translated.includes(fact.trim())) {
						problems.push(`${where}: ${fact} is missing`);
					}
				}
			}
		}
		expect(problems).toEqual([]);
	});

	it('only name languages the app speaks', () => {
		for (const file of files) {
			expect(TRANSLATED_LANGUAGE_CODES).toContain(file.language);
		}
	});

	it('are drafts, recorded once, and a second start adds nothing or overwrites an edit', () => {
		const db = createTestDatabase();
		const rows = db.select().from(contentTranslation).all();
		expect(rows.length).toBeGreaterThan(45 + 6 * KEY_OFFERS.length);
		expect(rows.every((row) => row.status === 'draft')).toBe(true);
		expect(db.select().from(contentTranslationVersion).all()).toHaveLength(rows.length);

		const tax = getPublishedOfferBySlug(db, 'council-tax-exemption')!;
		const arabic = findTranslation(db, 'offer', String(tax.id), 'ar')!;
		saveTranslation(db, {
			kind: 'offer',
			subject: String(tax.id),
			language: 'ar',
			fields: { ...arabic.fields, title: 'عنوان جديد' },
			source: offerSource(tax),
			status: 'checked',
			authorId: null,
			change: 'saved'
		});
		expect(seedTranslations(db, content, files).translationsAdded).toBe(0);
		const after = findTranslation(db, 'offer', String(tax.id), 'ar')!;
		expect(after.fields.title).toBe('عنوان جديد');
		expect(after.status).toBe('checked');
		expect(after.version).toBe(2);
	});
});

describe('reading the offer in a language', () => {
	it('shows the translation, says it is machine-drafted, and keeps numbers and links English', () => {
		const db = createTestDatabase();
		const tax = getPublishedOfferBySlug(db, 'council-tax-exemption')!;
		const shown = translateOffer(tax, findTranslation(db, 'offer', String(tax.id), 'ar'));
		expect(shown.language).toBe('ar');
		expect(shown.translationState).toBe('draft');
		expect(shown.title).toMatch(/[\u0600-\u06FF]/);
		expect(shown.steps).toHaveLength(tax.steps.length);
		expect(shown.contacts.map((contact) => contact.phone)).toEqual(
			tax.contacts.map((contact) => contact.phone)
		);
		expect(shown.contacts[0].name).not.toBe(tax.contacts[0].name);
	});

	it('says a translation may be out of date once the English changes, until it is updated', () => {
		const db = createTestDatabase();
		const tax = getPublishedOfferBySlug(db, 'council-tax-exemption')!;
		db.update(offer)
			.set({ summary: `${tax.summary} It lasts until you are 25.` })
			.where(eq(offer.id, tax.id))
			.run();
		const changed = getPublishedOfferBySlug(db, 'council-tax-exemption')!;
		const translation = findTranslation(db, 'offer', String(tax.id), 'ar')!;
		expect(translateOffer(changed, translation).translationState).toBe('out-of-date');

		saveTranslation(db, {
			kind: 'offer',
			subject: String(tax.id),
			language: 'ar',
			fields: translation.fields,
			source: offerSource(changed),
			status: 'checked',
			authorId: null,
			change: 'saved'
		});
		const updated = findTranslation(db, 'offer', String(tax.id), 'ar');
		expect(translateOffer(changed, updated).translationState).toBe('checked');
	});

	it('falls back to English, marked as English, where there is no translation', () => {
		const db = createTestDatabase();
		const offers = translateOffers(db, listPublishedOffers(db), 'fa');
		const notTranslated = offers.find((item) => item.slug === 'junior-isa-savings')!;
		expect(notTranslated.language).toBe('en');
		expect(notTranslated.translationState).toBeNull();
		expect(offers.find((item) => item.slug === 'staying-put')?.language).toBe('fa');
	});

	it('translates the topics and the welcome, and leaves English alone', () => {
		const db = createTestDatabase();
		const categories = listCategories(db);
		const council = getCouncilSettings(db);
		expect(translateCategories(db, categories, 'ti').every((item) => item.language === 'ti')).toBe(
			true
		);
		expect(translateCategories(db, categories, 'en')).toEqual(
			categories.map((item) => ({ ...item, language: 'en' }))
		);
		expect(translateWelcome(db, council, 'vi').language).toBe('vi');
		expect(translateWelcome(db, council, 'en')).toEqual({ text: council.welcome, language: 'en' });
	});

	it('keeps phone numbers left to right in right-to-left text', () => {
		expect(isolateNumbers('اتصل على 116 123 أو 01642 393939، عمرك 25')).toBe(
			'اتصل على \u2066116 123\u2069 أو \u206601642 393939\u2069، عمرك 25'
		);
		expect(isolateNumbers(isolateNumbers('116 123'))).toBe('\u2066116 123\u2069');
		const db = createTestDatabase();
		const homeless = getPublishedOfferBySlug(db, 'help-if-homeless')!;
		const arabic = translateOffer(
			homeless,
			findTranslation(db, 'offer', String(homeless.id), 'ar')
		);
		expect(arabic.body).toContain('\u2066');
		const albanian = translateOffer(
			homeless,
			findTranslation(db, 'offer', String(homeless.id), 'sq')
		);
		expect(albanian.body).not.toContain('\u2066');
	});
});

describe('searching in a language', () => {
	it('finds offers by words in the language, and still by English words', () => {
		const db = createTestDatabase();
		const byArabic = listPublishedOffers(db, { q: 'ضريبة', language: 'ar' }).map((o) => o.slug);
		expect(byArabic[0]).toBe('council-tax-exemption');
		const byEnglish = listPublishedOffers(db, { q: 'dentist', language: 'ar' }).map((o) => o.slug);
		expect(byEnglish).toContain('dentist-pathway');
		// In English, another language's words find nothing.
		expect(listPublishedOffers(db, { q: 'ضريبة' })).toEqual([]);
	});
});
