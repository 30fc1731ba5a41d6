import { describe, expect, it } from 'vitest';
import { youngPersonFiles } from '../../scripts/precache.js';

const NODE = (n: number) => `.svelte-kit/generated/client-optimized/nodes/${n}.js`;

/** A client build in miniature: a shell, a public page, a care leaver page and a staff page. */
const manifest = {
	'.svelte-kit/generated/client-optimized/app.js': {
		file: '_app/immutable/entry/app.js',
		isEntry: true,
		imports: ['_shell.js']
	},
	'_shell.js': { file: '_app/immutable/chunks/shell.js', css: ['_app/immutable/assets/shell.css'] },
	'_listen.js': { file: '_app/immutable/chunks/listen.js' },
	'_chart.js': { file: '_app/immutable/chunks/chart.js' },
	'_field.js': { file: '_app/immutable/chunks/field.js' },
	[NODE(1)]: {
		file: '_app/immutable/nodes/1.js',
		isEntry: true,
		imports: ['_shell.js'],
		dynamicImports: ['_listen.js']
	},
	[NODE(2)]: { file: '_app/immutable/nodes/2.js', isEntry: true, imports: ['_field.js'] },
	[NODE(3)]: {
		file: '_app/immutable/nodes/3.js',
		isEntry: true,
		imports: ['_shell.js', '_chart.js', '_field.js'],
		assets: ['_app/immutable/assets/staff.svg']
	},
	[NODE(4)]: { file: '_app/immutable/nodes/4.js', isEntry: true }
};

const sources: Record<string, string> = {
	[NODE(1)]:
		'export { default as component } from "../../../../src/routes/(public)/offers/[slug]/+page.svelte";',
	[NODE(2)]:
		'export { default as component } from "../../../../src/routes/(leaver)/requests/+page.svelte";',
	[NODE(3)]:
		'export * as universal from "../../../../src/routes/lead/+page.ts";\nexport { default as component } from "../../../../src/routes/lead/+page.svelte";',
	// A layout with no component of its own: SvelteKit's default one.
	[NODE(4)]:
		'export { default as component } from "../../../../node_modules/@sveltejs/kit/src/runtime/components/svelte-5/layout.svelte";'
};

describe("what installing the app downloads: young people's pages' code only", () => {
	const kept = youngPersonFiles(manifest, (key) => sources[key]);

	it('keeps the shell, every public and care leaver page, and what they load later', () => {
		expect([...kept].sort()).toEqual(
			[
				'_app/immutable/entry/app.js',
				'_app/immutable/chunks/shell.js',
				'_app/immutable/assets/shell.css',
				'_app/immutable/nodes/1.js',
				'_app/immutable/chunks/listen.js',
				'_app/immutable/nodes/2.js',
				'_app/immutable/chunks/field.js',
				'_app/immutable/nodes/4.js'
			].sort()
		);
	});

	it('leaves out a staff page and what only staff pages use, but not what they share', () => {
		expect(kept.has('_app/immutable/nodes/3.js')).toBe(false);
		expect(kept.has('_app/immutable/chunks/chart.js')).toBe(false);
		expect(kept.has('_app/immutable/assets/staff.svg')).toBe(false);
		expect(kept.has('_app/immutable/chunks/field.js')).toBe(true);
	});
});
