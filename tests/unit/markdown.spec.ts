import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '$lib/server/markdown';

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
