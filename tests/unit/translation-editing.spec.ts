import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvent, contentTranslationVersion, offer, user } from '$lib/server/db/schema';
import {
	changedEnglishFields,
	findTranslationSubject,
	getTranslationOverview,
	saveTranslationByHand,
	translationFromForm,
	validateTranslation
} from '$lib/server/translation-editing';
import { findTranslation, translationState } from '$lib/server/translations';
import { createTestDatabase } from './helpers';

const SLUG = 'council-tax-exemption';

function setUp() {
	const db = createTestDatabase();
	const leadId = db
		.insert(user)
		.values({ role: 'lead', name: 'Lead', username: 'lead' })
		.returning()
		.get().id;
	const id = String(db.select({ id: offer.id }).from(offer).where(eq(offer.slug, SLUG)).get()!.id);
	return { db, leadId, id, item: findTranslationSubject(db, 'offer', id)! };
}

describe('the translations grid', () => {
	it('counts each language’s offers, and those whose English changed since', () => {
		const { db } = setUp();
		const arabic = () => getTranslationOverview(db).languages.find((item) => item.code === 'ar')!;
		expect(arabic().offers).toEqual({ total: 45, translated: 45, outOfDate: 0 });
		db.update(offer).set({ summary: 'New English words.' }).where(eq(offer.slug, SLUG)).run();
		expect(arabic().offers).toEqual({ total: 45, translated: 45, outOfDate: 1 });
		const row = getTranslationOverview(db).rows.find(
			(item) => item.label === 'Council tax exemption'
		)!;
		expect(row.states[0]).toBe('out-of-date');
	});
});

describe('saving a translation by hand', () => {
	it('refuses a translation with fewer steps than the English, by field', () => {
		const { item } = setUp();
		const fields = translationFromForm('offer', item.english, {
			title: 'عنوان',
			summary: 'ملخص',
			body: 'نص',
			'steps-0': 'خطوة',
			'contacts-0': 'اسم',
			'contacts-1': 'اسم'
		});
		const result = validateTranslation('offer', item.english, fields);
		expect(result.ok).toBe(false);
		expect(result.ok ? {} : result.errors).toMatchObject({ 'steps.1': 'Write each step' });
		expect(
			validateTranslation('offer', item.english, { ...fields, steps: ['خطوة'] })
		).toMatchObject({
			ok: false,
			errors: { steps: 'Give 4 steps, as the English has' }
		});
	});

	it('marks it checked against today’s English, keeps the version and audits without the words', () => {
		const { db, leadId, id, item } = setUp();
		db.update(offer).set({ summary: 'New English words.' }).where(eq(offer.slug, SLUG)).run();
		const stale = findTranslation(db, 'offer', id, 'ar')!;
		const english = findTranslationSubject(db, 'offer', id)!.english;
		expect(changedEnglishFields(stale, english)).toEqual(['summary']);

		const fields = { ...stale.fields, summary: 'كلمات جديدة' };
		const checked = validateTranslation('offer', english, fields);
		expect(checked.ok).toBe(true);
		const row = saveTranslationByHand(db, leadId, {
			kind: 'offer',
			subject: id,
			language: 'ar',
			fields: checked.ok ? checked.fields : {},
			english,
			checked: true
		});
		expect(row.version).toBe(stale.version + 1);
		expect(translationState(row, english)).toBe('checked');
		const history = db
			.select()
			.from(contentTranslationVersion)
			.where(eq(contentTranslationVersion.translationId, row.id))
			.all();
		expect(history.at(-1)).toMatchObject({ change: 'checked', authorId: leadId });
		const audit = db
			.select()
			.from(auditEvent)
			.where(eq(auditEvent.action, 'translation-checked'))
			.all();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ actorId: leadId, target: `translation:${row.id}` });
		expect(JSON.stringify(audit[0].detail)).not.toContain('كلمات');
		expect(item.english.summary).not.toBe(english.summary);
	});
});
