import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '$lib/server/markdown';
import { markdownShapeProblem } from '$lib/markdown-limits';
import { offerContentSchema } from '$lib/schemas/offer';

describe('renderMarkdown', () => {
	it('renders headings, lists and links', () => {
		const html = renderMarkdown('## Money\n\n- one\n- two\n\n[Council](https://example.org)');
		expect(html).toContain('<h2>Money</h2>');
		expect(html).toContain('<li>one</li>');
		expect(html).toContain('<a href="https://example.org">Council</a>');
	});

	it('shows raw HTML as text, never as markup', () => {
		const html = renderMarkdown('Hello <script>alert(1)</script> <img src=x onerror=alert(1)>');
		expect(html).not.toMatch(/<script|<img/i);
		expect(html).toContain('&lt;script&gt;');
	});

	it('drops javascript: and data: links', () => {
		const html = renderMarkdown('[click](javascript:alert(1)) [data](data:text/html,hi)');
		expect(html).not.toMatch(/javascript:|data:text/i);
	});

	it('turns a top-level heading into h2, so the page keeps one h1', () => {
		expect(renderMarkdown('# Big').trim()).toBe('<h2>Big</h2>');
	});

	it('keeps tel: and mailto: links for tap-to-call', () => {
		const html = renderMarkdown('[Call](tel:01642393939) [Email](mailto:a@b.org)');
		expect(html).toContain('href="tel:01642393939"');
		expect(html).toContain('href="mailto:a@b.org"');
	});
});

/** Text shaped to make the parser recurse until the stack runs out (found by a hostile test). */
const TOO_DEEP = {
	quotes: `${'>'.repeat(3000)} hello`,
	lists: `${'- '.repeat(3000)}hello`,
	'quotes and lists': `${'> 1. '.repeat(800)}hello`,
	emphasis: `${'*'.repeat(5000)}hello${'*'.repeat(5000)}`
};

describe('Markdown nested past a sane depth', () => {
	it.each(Object.entries(TOO_DEEP))('never makes rendering throw (%s)', (_, text) => {
		const html = renderMarkdown(text);
		expect(html).toContain('hello');
		expect(html).not.toContain('<blockquote');
	});

	it.each(Object.entries(TOO_DEEP))(
		'is refused at save with a friendly message (%s)',
		(_, text) => {
			expect(markdownShapeProblem(text)).toMatch(/at most \d+/);
			const body = offerContentSchema.shape.body.safeParse(`Some words first.\n\n${text}`);
			expect(body.success).toBe(false);
			expect(body.error?.issues[0].message).toMatch(/^The text has/);
		}
	);

	it('accepts the nesting people really write', () => {
		const ordinary = [
			'> A quote from a young person',
			'',
			'1. First',
			'   - a point',
			'     - a smaller point',
			'2. Second **bold** and _soft_',
			'',
			'---',
			'',
			'    indented line'
		].join('\n');
		expect(markdownShapeProblem(ordinary)).toBeNull();
		expect(renderMarkdown(ordinary)).toContain('<blockquote>');
	});
});
