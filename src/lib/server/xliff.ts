/**
 * Translations out to a translation agency and back, as XLIFF 2.0 (the OASIS standard their tools
 * read). Units are named by slug (`offer.council-tax-exemption.steps.0`), so a file still means the
 * same thing in another copy of the app. An import is checked whole before anything is saved: one
 * problem and nothing changes.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isLanguageCode, TRANSLATED_LANGUAGE_CODES, type LanguageCode } from '$lib/languages';
import { languageOf } from '$lib/language-names';
import { recordAudit } from './audit';
import type { Database, Executor } from './db/connection';
import type { TranslatedFields, TranslationKind } from './db/schema';
import {
	listTranslationSubjects,
	splitLines,
	validateTranslation,
	type TranslationSubject
} from './translation-editing';
import {
	findTranslations,
	sameSource,
	saveTranslation,
	translationState,
	TRANSLATED_FIELDS,
	type Translation
} from './translations';

export const XLIFF_NAMESPACE = 'urn:oasis:names:tc:xliff:document:2.0';

/** An import file larger than this is refused unread (the whole offer in one language is about 250 KB). */
export const XLIFF_MAX_BYTES = 1_000_000;

/** At most this many problems are listed: past that, the file needs looking at as a whole. */
const MAX_PROBLEMS = 20;

const FILE_IDS: Record<TranslationKind, string> = {
	welcome: 'welcome',
	category: 'categories',
	offer: 'offers'
};

type SegmentState = 'initial' | 'translated' | 'final';

/** One translatable text: a field, or one item of a list field (`steps.0`). */
type Unit = {
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

function translationsByKind(db: Executor, language: LanguageCode) {
	return {
		offer: findTranslations(db, 'offer', language),
		category: findTranslations(db, 'category', language),
		welcome: findTranslations(db, 'welcome', language)
	};
}

/** Every unit in a language, for export or for checking an import against. */
function listUnits(db: Executor, language: LanguageCode, options: { everything: boolean }) {
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

/** A unit read from a file. */
type ImportedUnit = { id: string; source: string; target: string | null; state: string | null };

type ParsedFile = { language: LanguageCode; units: ImportedUnit[] };

const XML_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '',
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: false,
	processEntities: true,
	// Only to turn character references (&#10;) into characters: other entities are refused above.
	htmlEntities: true,
	ignoreDeclaration: true,
	ignorePiTags: true,
	isArray: (name) => ['file', 'unit', 'segment', 'source', 'target'].includes(name)
});

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function list(value: unknown): unknown[] {
	return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** Plain text, or null for inline markup (`<ph/>`, `<pc>`) the app cannot keep. */
function plainText(value: unknown): string | null {
	if (typeof value === 'string') {
		return value;
	}
	if (isNode(value)) {
		const keys = Object.keys(value);
		return keys.every((key) => key === '#text') ? String(value['#text'] ?? '') : null;
	}
	return null;
}

/** Reads the file's structure; anything else than this XLIFF 2.0 subset is a problem. */
function parseXliff(
	text: string
): { ok: true; file: ParsedFile } | { ok: false; problems: string[] } {
	const refuse = (problem: string) => ({ ok: false as const, problems: [problem] });
	if (/<!DOCTYPE/i.test(text)) {
		return refuse('The file has a document type declaration (<!DOCTYPE>): XLIFF files have none.');
	}
	const valid = XMLValidator.validate(text);
	if (valid !== true) {
		return refuse(`The file is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}).`);
	}
	if (XML_ENTITY.test(text)) {
		return refuse('The file uses an entity XML does not know (write & as &amp;).');
	}
	let root: Node;
	try {
		root = parser.parse(text) as Node;
	} catch {
		return refuse('The file is not well-formed XML.');
	}
	const xliff = root.xliff;
	if (!isNode(xliff) || xliff.xmlns !== XLIFF_NAMESPACE || xliff.version !== '2.0') {
		return refuse(
			`This is not an XLIFF 2.0 file (it needs <xliff xmlns="${XLIFF_NAMESPACE}" version="2.0">).`
		);
	}
	if (xliff.srcLang !== 'en') {
		return refuse('The file must be translated from English (srcLang="en").');
	}
	const language = xliff.trgLang;
	if (
		typeof language !== 'string' ||
		!isLanguageCode(language) ||
		!(TRANSLATED_LANGUAGE_CODES as readonly string[]).includes(language)
	) {
		return refuse(
			`The file is in a language the app does not have (trgLang="${String(language ?? '')}"): use one of ${TRANSLATED_LANGUAGE_CODES.join(', ')}.`
		);
	}
	const problems: string[] = [];
	const units: ImportedUnit[] = [];
	for (const file of list(xliff.file)) {
		for (const unit of isNode(file) ? list(file.unit) : []) {
			const id = isNode(unit) && typeof unit.id === 'string' ? unit.id : null;
			if (!isNode(unit) || !id) {
				problems.push('A unit has no id.');
				continue;
			}
			const segments = list(unit.segment);
			const segment = segments[0];
			if (segments.length !== 1 || !isNode(segment)) {
				problems.push(`${id}: a unit must have exactly one segment.`);
				continue;
			}
			const sources = list(segment.source);
			const targets = list(segment.target);
			const source = sources.length === 1 ? plainText(sources[0]) : null;
			const target =
				targets.length === 0 ? '' : targets.length === 1 ? plainText(targets[0]) : null;
			if (source === null || target === null) {
				problems.push(
					`${id}: a segment needs one <source> and at most one <target>, as plain text.`
				);
				continue;
			}
			units.push({
				id,
				source,
				target: target.trim() ? target : null,
				state: typeof segment.state === 'string' ? segment.state : null
			});
		}
	}
	return problems.length ? { ok: false, problems } : { ok: true, file: { language, units } };
}

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

/** Reads an export back as units (for tests and tools): id → source, target and state. */
export function readXliffUnits(text: string) {
	const parsed = parseXliff(text);
	if (!parsed.ok) {
		throw new Error(parsed.problems.join(' '));
	}
	return parsed.file;
}
