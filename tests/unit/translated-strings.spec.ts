import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

/**
 * Every word a young person sees comes from the message catalogue (messages/), so it is there in
 * every offered language. This finds words typed straight into the markup of the pages and
 * components a young person can reach: text between tags, and the attributes and props that are
 * read or shown (`aria-label`, `alt`, a field's `label`, ...).
 *
 * Staff pages (`/staff`, `/lead`) and supporters' (`/supporter`: council staff, members and
 * partners pledging through Helping Hands) are in English only: they are not checked.
 */
const ROOT = join(import.meta.dirname, '../..');
const SHOWN_ATTRIBUTES = new Set([
	'aria-label',
	'aria-description',
	'aria-roledescription',
	'aria-valuetext',
	'title',
	'placeholder',
	'alt',
	'label',
	'legend',
	'hint',
	'error',
	'summary',
	'caption',
	'heading',
	'description',
	'confirm',
	'submitLabel'
]);

/** Components and pages only staff use. */
const STAFF_ONLY = [
	/^src\/routes\/staff\//,
	/^src\/routes\/lead\//,
	/^src\/routes\/supporter\//,
	/^src\/lib\/components\/charts\//,
	/^src\/lib\/components\/staff\//,
	// Used on staff pages only.
	/^src\/lib\/components\/(MoveButtons|InviteCode|PledgeOutcomeForm)\.svelte$/
];

function svelteFiles(directory: string): string[] {
	return readdirSync(join(ROOT, directory), { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.svelte'))
		.map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
		.filter((file) => !STAFF_ONLY.some((pattern) => pattern.test(file)))
		.sort();
}

/** Words: two letters in a row, in any script (numbers, symbols and punctuation pass). */
const WORDS = /\p{L}{2,}/u;

type Node = {
	type: string;
	name?: string;
	data?: string;
	value?: true | Node | Node[];
	start: number;
	attributes?: Node[];
	[key: string]: unknown;
};

/** The words typed into a file's markup, each with where it is. */
export function typedWords(source: string): string[] {
	const ast = parse(source, { modern: true }) as unknown as { fragment: Node };
	const found: string[] = [];
	const line = (offset: number) => source.slice(0, offset).split('\n').length;
	const visit = (node: unknown, insideIgnored: boolean) => {
		if (Array.isArray(node)) {
			node.forEach((child) => visit(child, insideIgnored));
			return;
		}
		if (!node || typeof node !== 'object') {
			return;
		}
		const current = node as Node;
		// Not shown: styles, scripts, and text inside <code>-like technical markup.
		if (current.type === 'StyleSheet' || current.type === 'Script') {
			return;
		}
		const ignored =
			insideIgnored ||
			(current.type === 'RegularElement' && ['style', 'script'].includes(current.name ?? '')) ||
			(current.attributes ?? []).some(
				(attribute) => attribute.type === 'Attribute' && attribute.name === 'data-untranslated'
			);
		if (current.type === 'Text' && !ignored && WORDS.test(current.data ?? '')) {
			found.push(`line ${line(current.start)}: ${(current.data ?? '').trim().slice(0, 60)}`);
		}
		if (current.type === 'Attribute') {
			// Other attributes (class, href, name, ...) are not read by anyone.
			if (ignored || !SHOWN_ATTRIBUTES.has(current.name ?? '')) {
				return;
			}
			const parts = Array.isArray(current.value) ? current.value : [];
			for (const part of parts) {
				if (part.type === 'Text' && WORDS.test(part.data ?? '')) {
					found.push(`line ${line(part.start)}: ${current.name}="${part.data}"`);
				}
			}
			return;
		}
		for (const [key, value] of Object.entries(current)) {
			if (key !== 'metadata' && key !== 'parent' && value && typeof value === 'object') {
				visit(value, ignored);
			}
		}
	};
	visit(ast.fragment, false);
	return found;
}

describe('words a young person sees come from the message catalogue', () => {
	const files = [...svelteFiles('src/routes'), ...svelteFiles('src/lib/components')];

	it('finds typed words, and passes words from the catalogue', () => {
		expect(typedWords('<p>Hello there</p>')).toEqual(['line 1: Hello there']);
		expect(typedWords('<TextField label="Your name" name="name" />')).toEqual([
			'line 1: label="Your name"'
		]);
		expect(typedWords('<img alt="A map" src="/a.png" />')).toHaveLength(1);
		expect(typedWords('<p>{m.hello()}</p><a href="/offers" class="button">{m.more()}</a>')).toEqual(
			[]
		);
		expect(typedWords('<p>999 · 116 123</p><style>p { color: red; }</style>')).toEqual([]);
		expect(typedWords('<p>مرحبا بك</p>')).toHaveLength(1);
	});

	it.each(files)('%s', (file) => {
		expect(typedWords(readFileSync(join(ROOT, file), 'utf8'))).toEqual([]);
	});
});
