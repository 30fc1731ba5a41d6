import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Pages mirror in right-to-left languages (Arabic, Farsi, Pashto, Kurdish) because every style
 * says "start" and "end", not "left" and "right": `margin-inline-start`, `text-align: start`,
 * `inset-inline-start`. A physical side would stay put and break the mirrored layout.
 */
const ROOT = join(import.meta.dirname, '../..');
const PHYSICAL =
	/(?:^|[\s;{])((?:margin|padding|border)-(?:left|right)(?:-\w+)?|(?:left|right)\s*:|text-align:\s*(?:left|right)|float:\s*(?:left|right)|clear:\s*(?:left|right)|border-(?:top|bottom)-(?:left|right)-radius)/m;

export function physicalSides(css: string) {
	return css
		.split('\n')
		.map((line, index) => ({ line: index + 1, text: line.trim() }))
		.filter(({ text }) => PHYSICAL.test(text))
		.map(({ line, text }) => `line ${line}: ${text}`);
}

/** The CSS of a file: a stylesheet, or the <style> blocks of a component. */
function stylesOf(file: string, source: string) {
	if (file.endsWith('.css')) {
		return source;
	}
	// Blank out everything outside <style> so line numbers still match the file.
	return source.replace(/(^|<\/style>)([\s\S]*?)(<style[^>]*>|$)/g, (_, end, outside, start) =>
		[end, outside.replace(/[^\n]/g, ''), start].join('')
	);
}

const files = readdirSync(join(ROOT, 'src'), { withFileTypes: true, recursive: true })
	.filter((entry) => entry.isFile() && /\.(svelte|css)$/.test(entry.name))
	.map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
	.sort();

describe('styles use start and end, so pages mirror right to left', () => {
	it('finds physical sides, and passes logical ones', () => {
		expect(physicalSides('a { margin-left: 1rem; }')).toHaveLength(1);
		expect(physicalSides('\tleft: 0;\n\ttext-align: right;')).toHaveLength(2);
		expect(physicalSides('a { border-left-color: red; float: left }')).toHaveLength(1);
		expect(
			physicalSides(
				'a { margin-inline-start: 1rem; inset-inline-end: 0; text-align: start; border-inline-start: 0 }'
			)
		).toEqual([]);
		expect(stylesOf('x.svelte', '<p style="x">left: 0</p>\n<style>\n\tleft: 0;\n</style>')).toBe(
			'\n<style>\n\tleft: 0;\n</style>'
		);
	});

	it('found the app stylesheet and components', () => {
		expect(files).toContain('src/app.css');
		expect(files).toContain('src/routes/+layout.svelte');
	});

	it.each(files)('%s', (file) => {
		expect(physicalSides(stylesOf(file, readFileSync(join(ROOT, file), 'utf8')))).toEqual([]);
	});
});
