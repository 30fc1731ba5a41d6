/** The units of an XLIFF file, and the file the app exports: what needs translating in a language. */
import type { LanguageCode } from '$lib/languages';
import type { Executor } from '../db/connection';
import type { TranslatedFields, TranslationKind } from '../db/schema';
import { listTranslationSubjects, type TranslationSubject } from '../translation-editing';
import {
	findTranslations,
	translationState,
	TRANSLATED_FIELDS,
	type Translation
} from '../translations';

export const XLIFF_NAMESPACE = 'urn:oasis:names:tc:xliff:document:2.0';

const FILE_IDS: Record<TranslationKind, string> = {
	welcome: 'welcome',
	category: 'categories',
	offer: 'offers'
};

type SegmentState = 'initial' | 'translated' | 'final';

/** One translatable text: a field, or one item of a list field (`steps.0`). */
export type Unit = {
	id: string;
	item: TranslationSubject;
	field: string;
	index: number | null;
	source: string;
	target: string | null;
	state: SegmentState;
};

function englishText(item: TranslationSubject, field: string, index: number | null) {
	if (field === 'keywords') {
		return item.englishKeywords.join('\n');
	}
	const value = item.english[field];
	return Array.isArray(value) ? (value[index ?? 0] ?? '') : (value ?? '');
}

function translatedText(fields: TranslatedFields | undefined, field: string, index: number | null) {
	const value = fields?.[field];
	if (value === undefined) {
		return null;
	}
	if (field === 'keywords') {
		return Array.isArray(value) ? value.join('\n') : value;
	}
	if (Array.isArray(value)) {
		return index === null ? null : (value[index] ?? null);
	}
	return value;
}

/** The units of one thing: each field the English has, each list item, the search words. */
function unitsOf(item: TranslationSubject, row: Translation | undefined): Unit[] {
	const units: Unit[] = [];
	for (const field of TRANSLATED_FIELDS[item.kind]) {
		const english = item.english[field];
		if (field !== 'keywords' && english === undefined) {
			continue;
		}
		const indexes = Array.isArray(english) ? english.map((_, index) => index) : [null];
		for (const index of indexes) {
			const target = translatedText(row?.fields, field, index);
			// A text whose English changed since it was translated needs translating again.
			const stale =
				field !== 'keywords' &&
				JSON.stringify(row?.source[field] ?? null) !== JSON.stringify(english ?? null);
			units.push({
				id: unitId(item, field, index),
				item,
				field,
				index,
				source: englishText(item, field, index),
				target,
				state:
					!row || target === null || stale
						? 'initial'
						: row.status === 'checked'
							? 'final'
							: 'translated'
			});
		}
	}
	return units;
}

/** `offer.SLUG.title`, `offer.SLUG.steps.0`, `category.SLUG.name`; the welcome is `welcome.welcome`. */
function unitId(item: TranslationSubject, field: string, index: number | null) {
	const key = item.kind === 'welcome' ? [] : [item.key];
	return [item.kind, ...key, field, ...(index === null ? [] : [index])].join('.');
}

export function translationsByKind(db: Executor, language: LanguageCode) {
	return {
		offer: findTranslations(db, 'offer', language),
		category: findTranslations(db, 'category', language),
		welcome: findTranslations(db, 'welcome', language)
	};
}

/** Every unit in a language, for export or for checking an import against. */
export function listUnits(db: Executor, language: LanguageCode, options: { everything: boolean }) {
	const found = translationsByKind(db, language);
	return listTranslationSubjects(db).flatMap((item) => {
		const row = found[item.kind].get(item.subject);
		const needed = !row || translationState(row, item.english) !== 'checked';
		return options.everything || needed ? unitsOf(item, row) : [];
	});
}

export function escapeXml(value: string) {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/**
 * An XLIFF 2.0 document of a language's units: by default only those that need translating
 * (missing, draft or out of date), or every unit with `everything`.
 */
export function exportXliff(
	db: Executor,
	language: LanguageCode,
	options: { everything: boolean } = { everything: false }
) {
	const units = listUnits(db, language, options);
	const lines = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<xliff xmlns="${XLIFF_NAMESPACE}" version="2.0" srcLang="en" trgLang="${escapeXml(language)}">`
	];
	for (const kind of ['welcome', 'category', 'offer'] as const) {
		const inFile = units.filter((unit) => unit.item.kind === kind);
		if (inFile.length === 0) {
			continue;
		}
		lines.push(`  <file id="${FILE_IDS[kind]}">`);
		for (const unit of inFile) {
			const target = unit.target === null ? '' : `<target>${escapeXml(unit.target)}</target>`;
			lines.push(
				`    <unit id="${escapeXml(unit.id)}">`,
				`      <segment state="${unit.state}"><source>${escapeXml(unit.source)}</source>${target}</segment>`,
				'    </unit>'
			);
		}
		lines.push('  </file>');
	}
	lines.push('</xliff>', '');
	return { xml: lines.join('\n'), units: units.length };
}
