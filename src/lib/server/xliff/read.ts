/** Reading an XLIFF 2.0 file: exactly the subset the app writes, and nothing else. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isLanguageCode, TRANSLATED_LANGUAGE_CODES, type LanguageCode } from '$lib/languages';
import { XLIFF_NAMESPACE } from './units';

/** A unit read from a file. */
type ImportedUnit = { id: string; source: string; target: string | null; state: string | null };

export type ParsedFile = { language: LanguageCode; units: ImportedUnit[] };

const XML_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '',
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: false,
	processEntities: true,
	// Only to turn character references (&#10;) into characters: other entities are refused first.
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
export function parseXliff(
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

/** Reads an export back as units (for tests and tools): id → source, target and state. */
export function readXliffUnits(text: string) {
	const parsed = parseXliff(text);
	if (!parsed.ok) {
		throw new Error(parsed.problems.join(' '));
	}
	return parsed.file;
}
