import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	auditEvent,
	contentTranslation,
	contentTranslationVersion,
	offer,
	user
} from '$lib/server/db/schema';
import { findTranslation, findTranslations } from '$lib/server/translations';
import { listTranslationSubjects } from '$lib/server/translation-editing';
import { exportXliff, importXliff, readXliffUnits } from '$lib/server/xliff';
import { createTestDatabase } from './helpers';

const SLUG = 'council-tax-exemption';

type TestDatabase = ReturnType<typeof createTestDatabase>;

function addLead(db: TestDatabase) {
	return db.insert(user).values({ role: 'lead', name: 'Lead', username: 'lead' }).returning().get()
		.id;
}

function offerId(db: TestDatabase, slug = SLUG) {
	return String(db.select({ id: offer.id }).from(offer).where(eq(offer.slug, slug)).get()!.id);
}

/** Every translation's version, to show an import changed nothing (or only what it should). */
function versions(db: TestDatabase) {
	return db
		.select({
			kind: contentTranslation.kind,
			subject: contentTranslation.subject,
			language: contentTranslation.language,
			version: contentTranslation.version
		})
		.from(contentTranslation)
		.all();
}

function historyCount(db: TestDatabase) {
	return db.select().from(contentTranslationVersion).all().length;
}

function importAudits(db: TestDatabase) {
	return db.select().from(auditEvent).where(eq(auditEvent.action, 'translation-imported')).all();
}

/** Replaces one unit's target in an exported file. */
function withTarget(xml: string, unitId: string, target: string) {
	const pattern = new RegExp(
		`(<unit id="${unitId.replace(/\./g, '\\.')}">\\s*<segment[^>]*>)([\\s\\S]*?)(</segment>)`
	);
	expect(xml).toMatch(pattern);
	return xml.replace(pattern, (_, start: string, inner: string, end: string) => {
		const source = /<source>[\s\S]*?<\/source>/.exec(inner)![0];
		return `${start}${source}<target>${target}</target>${end}`;
	});
}

describe('XLIFF export', () => {
	it('is an XLIFF 2.0 document from English into the language, units named by slug', () => {
		const db = createTestDatabase();
		const { xml } = exportXliff(db, 'ar', { everything: true });
		expect(xml).toContain(
			'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ar">'
		);
		expect(xml).toContain('<file id="offers">');
		expect(xml).toContain('<file id="categories">');
		expect(xml).toContain(`<unit id="offer.${SLUG}.title">`);
		expect(xml).toContain(`<unit id="offer.${SLUG}.steps.0">`);
		expect(xml).toContain(`<unit id="offer.${SLUG}.contacts.0">`);
		expect(xml).toContain(`<unit id="offer.${SLUG}.keywords">`);
		expect(xml).toContain('<unit id="welcome.welcome">');
	});

	it('reads back as exactly the English and the translations it was made from', () => {
		const db = createTestDatabase();
		const file = readXliffUnits(exportXliff(db, 'ar', { everything: true }).xml);
		expect(file.language).toBe('ar');
		const units = new Map(file.units.map((unit) => [unit.id, unit]));
		const translations = findTranslations(db, 'offer', 'ar');
		for (const item of listTranslationSubjects(db).filter((subject) => subject.kind === 'offer')) {
			const row = translations.get(item.subject)!;
			expect(units.get(`offer.${item.key}.title`)?.source).toBe(item.english.title);
			expect(units.get(`offer.${item.key}.title`)?.target).toBe(row.fields.title);
			expect(units.get(`offer.${item.key}.body`)?.target).toBe(row.fields.body);
			const steps = item.english.steps as string[];
			steps.forEach((step, index) => {
				expect(units.get(`offer.${item.key}.steps.${index}`)?.source).toBe(step);
				expect(units.get(`offer.${item.key}.steps.${index}`)?.target).toBe(
					(row.fields.steps as string[])[index]
				);
			});
			expect(units.get(`offer.${item.key}.keywords`)?.target?.split('\n')).toEqual(
				row.fields.keywords ?? undefined
			);
		}
	});

	it('escapes XML in the words', () => {
		const db = createTestDatabase();
		db.update(offer).set({ title: 'Bills & <tax> "help"' }).where(eq(offer.slug, SLUG)).run();
		const { xml } = exportXliff(db, 'ar');
		expect(xml).toContain('<source>Bills &amp; &lt;tax&gt; &quot;help&quot;</source>');
		const units = readXliffUnits(xml).units;
		expect(units.find((unit) => unit.id === `offer.${SLUG}.title`)?.source).toBe(
			'Bills & <tax> "help"'
		);
	});

	it('holds only what needs translating unless asked for everything', () => {
		const db = createTestDatabase();
		const arabic = findTranslation(db, 'offer', offerId(db), 'ar')!;
		db.update(contentTranslation)
			.set({ status: 'checked' })
			.where(eq(contentTranslation.id, arabic.id))
			.run();
		expect(exportXliff(db, 'ar').xml).not.toContain(`offer.${SLUG}.title`);
		expect(exportXliff(db, 'ar', { everything: true }).xml).toContain(`offer.${SLUG}.title`);
		// Missing in Albanian: a topic with no translation is there to translate, with no target.
		const albanianOffers = exportXliff(db, 'sq').xml;
		expect(albanianOffers).toMatch(
			/<unit id="offer\.bank-account-and-id\.title">\s*<segment state="initial"><source>[^<]+<\/source><\/segment>/
		);
	});
});

describe('XLIFF import', () => {
	it('changes only the translation whose target changed: a new version, imported, audited', () => {
		const db = createTestDatabase();
		const before = versions(db);
		const historyBefore = historyCount(db);
		const { xml } = exportXliff(db, 'ar', { everything: true });
		const result = importXliff(
			db,
			addLead(db),
			withTarget(xml, `offer.${SLUG}.summary`, 'ملخص جديد &amp; أفضل')
		);
		expect(result).toMatchObject({ ok: true, language: 'ar', translations: 1 });

		const id = offerId(db);
		const after = versions(db);
		for (const row of before) {
			const now = after.find(
				(item) =>
					item.kind === row.kind && item.subject === row.subject && item.language === row.language
			)!;
			const changed = row.kind === 'offer' && row.subject === id && row.language === 'ar';
			expect(now.version, `${row.kind} ${row.subject} ${row.language}`).toBe(
				changed ? row.version + 1 : row.version
			);
		}
		const translation = findTranslation(db, 'offer', id, 'ar')!;
		expect(translation.fields.summary).toBe('ملخص جديد & أفضل');
		expect(translation.status).toBe('draft');
		expect(historyCount(db)).toBe(historyBefore + 1);
		const latest = db
			.select()
			.from(contentTranslationVersion)
			.where(
				and(
					eq(contentTranslationVersion.translationId, translation.id),
					eq(contentTranslationVersion.version, translation.version)
				)
			)
			.get();
		expect(latest?.change).toBe('imported');
		const audits = importAudits(db);
		expect(audits).toHaveLength(1);
		expect(audits[0].detail).toMatchObject({ language: 'ar', translations: 1 });
		expect(JSON.stringify(audits[0].detail)).not.toContain('ملخص');
	});

	it('marks a translation checked when every text came back final', () => {
		const db = createTestDatabase();
		const { xml } = exportXliff(db, 'ar', { everything: true });
		const unitsOfOffer = new RegExp(
			`(<unit id="offer\\.${SLUG}\\.[^"]+">\\s*<segment state=")translated(")`,
			'g'
		);
		const result = importXliff(db, addLead(db), xml.replace(unitsOfOffer, '$1final$2'));
		expect(result).toMatchObject({ ok: true, translations: 1 });
		expect(findTranslation(db, 'offer', offerId(db), 'ar')?.status).toBe('checked');
	});

	it('adds a translation that was missing', () => {
		const db = createTestDatabase();
		const { xml } = exportXliff(db, 'sq');
		const item = listTranslationSubjects(db).find(
			(subject) => subject.key === 'bank-account-and-id'
		)!;
		let edited = xml;
		for (const [field, value] of Object.entries(item.english)) {
			if (Array.isArray(value)) {
				value.forEach((_, index) => {
					edited = withTarget(
						edited,
						`offer.${item.key}.${field}.${index}`,
						`${field} ${index} sq`
					);
				});
			} else {
				edited = withTarget(edited, `offer.${item.key}.${field}`, `${field} sq`);
			}
		}
		const result = importXliff(db, addLead(db), edited);
		expect(result).toMatchObject({ ok: true, translations: 1 });
		const translation = findTranslation(db, 'offer', item.subject, 'sq')!;
		expect(translation.fields.title).toBe('title sq');
		expect(translation.version).toBe(1);
	});

	it.each([
		['a malformed file', (xml: string) => xml.replace('</xliff>', ''), /not well-formed XML/],
		[
			'an unknown unit id',
			(xml: string) =>
				withTarget(xml, `offer.${SLUG}.title`, 'عنوان').replace(
					`<unit id="offer.${SLUG}.summary">`,
					'<unit id="offer.no-such-offer.summary">'
				),
			/Unknown unit: offer\.no-such-offer\.summary/
		],
		[
			'a source that is no longer the English',
			(xml: string) =>
				withTarget(xml, `offer.${SLUG}.summary`, 'ملخص').replace(
					/(<unit id="offer\.council-tax-exemption\.title">\s*<segment[^>]*><source>)/,
					'$1Old words: '
				),
			/The English changed since export: offer\.council-tax-exemption\.title/
		],
		[
			'a language the app does not have',
			(xml: string) =>
				withTarget(xml, `offer.${SLUG}.summary`, 'ملخص').replace('trgLang="ar"', 'trgLang="de"'),
			/language the app does not have \(trgLang="de"\)/
		],
		[
			'another version of XLIFF',
			(xml: string) => xml.replace('version="2.0"', 'version="1.2"'),
			/not an XLIFF 2\.0 file/
		],
		[
			'a document type declaration',
			(xml: string) => xml.replace('<xliff', '<!DOCTYPE x [<!ENTITY a "b">]><xliff'),
			/document type declaration/
		]
	])('refuses %s, changing nothing and saying why', (_, edit, reason) => {
		const db = createTestDatabase();
		const before = versions(db);
		const historyBefore = historyCount(db);
		const { xml } = exportXliff(db, 'ar', { everything: true });
		const result = importXliff(db, addLead(db), edit(xml));
		expect(result.ok).toBe(false);
		expect(result.ok ? [] : result.problems.join('\n')).toMatch(reason);
		expect(versions(db)).toEqual(before);
		expect(historyCount(db)).toBe(historyBefore);
		expect(importAudits(db)).toHaveLength(0);
	});

	it('refuses a new translation with a step missing', () => {
		const db = createTestDatabase();
		const { xml } = exportXliff(db, 'sq');
		const item = listTranslationSubjects(db).find(
			(subject) => subject.key === 'bank-account-and-id'
		)!;
		let edited = xml;
		for (const [field, value] of Object.entries(item.english)) {
			if (Array.isArray(value)) {
				value.slice(1).forEach((_, index) => {
					edited = withTarget(edited, `offer.${item.key}.${field}.${index + 1}`, 'sq');
				});
			} else {
				edited = withTarget(edited, `offer.${item.key}.${field}`, 'sq');
			}
		}
		const result = importXliff(db, addLead(db), edited);
		expect(result.ok ? '' : result.problems.join('\n')).toContain(
			'offer.bank-account-and-id.steps.0: Write each step'
		);
		expect(findTranslation(db, 'offer', item.subject, 'sq')).toBeUndefined();
	});

	it('refuses a target that fails the rules, and saves none of the file', () => {
		const db = createTestDatabase();
		const before = versions(db);
		const { xml } = exportXliff(db, 'ar', { everything: true });
		const edited = withTarget(
			withTarget(xml, 'welcome.welcome', 'أهلاً'),
			`offer.${SLUG}.title`,
			'ع'.repeat(181)
		);
		const result = importXliff(db, addLead(db), edited);
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.problems.join('\n')).toContain(
			`offer.${SLUG}.title: Keep the title under 180 characters`
		);
		expect(versions(db)).toEqual(before);
	});
});
