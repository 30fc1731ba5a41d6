/** Importing a translator's XLIFF file: all checked first, then saved together or not at all. */
import type { LanguageCode } from '$lib/languages';
import { languageOf } from '$lib/language-names';
import { recordAudit } from '../audit';
import type { Database, Executor } from '../db/connection';
import type { TranslatedFields } from '../db/schema';
import { splitLines, validateTranslation, type TranslationSubject } from '../translation-editing';
import { sameSource, saveTranslation, TRANSLATED_FIELDS, type Translation } from '../translations';
import { parseXliff, type ParsedFile } from './read';
import { listUnits, translationsByKind, type Unit } from './units';

/** An import file larger than this is refused unread (the whole offer in one language is about 250 KB). */
export const XLIFF_MAX_BYTES = 1_000_000;

/** At most this many problems are listed: past that, the file needs looking at as a whole. */
const MAX_PROBLEMS = 20;

/** What an import will save: one translation each. */
type PlannedSave = {
	item: TranslationSubject;
	fields: TranslatedFields;
	source: TranslatedFields;
	status: 'draft' | 'checked';
};

export type ImportResult =
	| { ok: true; language: LanguageCode; languageName: string; translations: number; units: number }
	| { ok: false; problems: string[] };

/** Compared as a translation tool may leave them: line endings and the ends trimmed. */
const normalise = (value: string) => value.replace(/\r\n?/g, '\n').trim();

/**
 * Checks a whole file against today's English and translations, and plans what to save. Nothing
 * is written here.
 */
function planImport(
	db: Executor,
	file: ParsedFile
): { saves: PlannedSave[]; units: number; problems: string[] } {
	const known = new Map(
		listUnits(db, file.language, { everything: true }).map((unit) => [unit.id, unit])
	);
	const found = translationsByKind(db, file.language);
	const problems: string[] = [];
	const seen = new Set<string>();
	/** Per thing (kind and subject), the units that bring a new or changed translation. */
	const touched = new Map<
		string,
		{ item: TranslationSubject; units: { unit: Unit; target: string; final: boolean }[] }
	>();
	for (const imported of file.units) {
		const unit = known.get(imported.id);
		if (!unit) {
			problems.push(`Unknown unit: ${imported.id} (not an offer, topic or field the app has).`);
			continue;
		}
		if (seen.has(imported.id)) {
			problems.push(`${imported.id} is in the file twice.`);
			continue;
		}
		seen.add(imported.id);
		// Search words differ by language and are not a translation of the English ones.
		if (unit.field !== 'keywords' && normalise(imported.source) !== normalise(unit.source)) {
			problems.push(`The English changed since export: ${imported.id}. Export the file again.`);
			continue;
		}
		if (imported.target === null) {
			continue;
		}
		const target = normalise(imported.target);
		// "initial" means not yet translated: such a target counts only if someone changed it.
		if (imported.state === 'initial' && unit.target !== null && target === normalise(unit.target)) {
			continue;
		}
		const key = `${unit.item.kind}:${unit.item.subject}`;
		const entry = touched.get(key) ?? { item: unit.item, units: [] };
		entry.units.push({ unit, target, final: imported.state === 'final' });
		touched.set(key, entry);
	}
	const saves: PlannedSave[] = [];
	let units = 0;
	for (const { item, units: changes } of touched.values()) {
		const row = found[item.kind].get(item.subject);
		const fields = mergeTargets(item, row, changes);
		const checked = validateTranslation(item.kind, item.english, fields);
		if (!checked.ok) {
			for (const [path, message] of Object.entries(checked.errors)) {
				problems.push(`${item.kind}.${item.key}.${path}: ${message}`);
			}
			continue;
		}
		const imported = new Set(changes.map(({ unit }) => unit.field));
		const allFields = Object.keys(item.english);
		const status =
			allFields.every((field) => imported.has(field)) && changes.every(({ final }) => final)
				? 'checked'
				: 'draft';
		// Each field's English is today's where the file brought its words, and stays what it
		// was where it did not: an import never makes words it did not bring look up to date.
		const source: TranslatedFields = {};
		for (const field of allFields) {
			const whole = isWholeField(item, field, changes);
			const kept = row?.source[field];
			const value = whole || kept === undefined ? item.english[field] : kept;
			source[field] = value;
		}
		const unchanged =
			row &&
			JSON.stringify(row.fields) === JSON.stringify(checked.fields) &&
			row.status === status &&
			sameSource(row.source, source);
		if (unchanged) {
			continue;
		}
		units += changes.length;
		saves.push({ item, fields: checked.fields, source, status });
	}
	return { saves, units, problems };
}

/** Whether the file brought every item of a field (every step, or the whole text). */
function isWholeField(item: TranslationSubject, field: string, changes: { unit: Unit }[]) {
	const english = item.english[field];
	const count = Array.isArray(english) ? english.length : 1;
	return changes.filter(({ unit }) => unit.field === field).length === count;
}

/** Today's translation with the file's words put in, as the schema expects them. */
function mergeTargets(
	item: TranslationSubject,
	row: Translation | undefined,
	changes: { unit: Unit; target: string }[]
) {
	const fields: Record<string, string | string[] | undefined> = {};
	for (const field of TRANSLATED_FIELDS[item.kind]) {
		const english = item.english[field];
		const existing = row?.fields[field];
		if (field === 'keywords') {
			fields.keywords = Array.isArray(existing) ? [...existing] : [];
		} else if (Array.isArray(english)) {
			fields[field] = english.map((_, index) =>
				Array.isArray(existing) && existing.length === english.length ? existing[index] : ''
			);
		} else if (english !== undefined) {
			fields[field] = typeof existing === 'string' ? existing : '';
		}
	}
	for (const { unit, target } of changes) {
		const value = fields[unit.field];
		if (unit.field === 'keywords') {
			fields.keywords = splitLines(target);
		} else if (Array.isArray(value) && unit.index !== null) {
			value[unit.index] = target;
		} else {
			fields[unit.field] = target;
		}
	}
	return fields;
}

/**
 * Imports an XLIFF file: every unit is checked before anything is saved, and all its translations
 * are saved in one transaction (as drafts, or checked where every text came back "final"), with one
 * audit row for the import (counts only: never the words).
 */
export function importXliff(db: Database, actorId: number, text: string): ImportResult {
	const parsed = parseXliff(text);
	if (!parsed.ok) {
		return { ok: false, problems: limit(parsed.problems) };
	}
	const { language } = parsed.file;
	return db.transaction(
		(tx): ImportResult => {
			const plan = planImport(tx, parsed.file);
			if (plan.problems.length > 0) {
				return { ok: false, problems: limit(plan.problems) };
			}
			for (const save of plan.saves) {
				saveTranslation(tx, {
					kind: save.item.kind,
					subject: save.item.subject,
					language,
					fields: save.fields,
					source: save.source,
					status: save.status,
					authorId: actorId,
					change: 'imported'
				});
			}
			recordAudit(tx, {
				actorId,
				action: 'translation-imported',
				target: `language:${language}`,
				detail: { language, units: plan.units, translations: plan.saves.length }
			});
			return {
				ok: true,
				language,
				languageName: languageOf(language).englishName,
				translations: plan.saves.length,
				units: plan.units
			};
		},
		{ behavior: 'immediate' }
	);
}

function limit(problems: string[]) {
	return problems.length > MAX_PROBLEMS
		? [...problems.slice(0, MAX_PROBLEMS), `And ${problems.length - MAX_PROBLEMS} more problems.`]
		: problems;
}
