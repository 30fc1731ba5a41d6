import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { markdownShapeProblem } from '$lib/markdown-limits';

/**
 * Offer bodies are Markdown written by service leads. Raw HTML in them is shown as
 * text (never run), and the output is sanitised again with an allow-list, so a
 * pasted <script> or a javascript: link can never reach a young person's phone.
 */
const marked = new Marked({
	gfm: true,
	breaks: false,
	async: false,
	renderer: {
		html({ text }) {
			return escapeHtml(text);
		}
	}
});

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
	allowedTags: [
		'h2',
		'h3',
		'h4',
		'p',
		'ul',
		'ol',
		'li',
		'strong',
		'em',
		'a',
		'blockquote',
		'code',
		'pre',
		'br',
		'hr',
		'table',
		'thead',
		'tbody',
		'tr',
		'th',
		'td'
	],
	allowedAttributes: { a: ['href'] },
	allowedSchemes: ['https', 'http', 'mailto', 'tel'],
	allowProtocolRelative: false,
	// A Markdown "# Heading" would compete with the page's own h1.
	transformTags: { h1: 'h2' }
};

/**
 * Safe HTML for a lead's Markdown. Never throws: text of a shape that saving refuses (see
 * $lib/markdown-limits), or that the parser cannot handle, is shown as plain paragraphs instead.
 */
export function renderMarkdown(markdown: string): string {
	if (markdownShapeProblem(markdown)) {
		return renderAsPlainText(markdown);
	}
	try {
		return sanitizeHtml(marked.parse(markdown) as string, SANITIZE_OPTIONS);
	} catch {
		return renderAsPlainText(markdown);
	}
}

function renderAsPlainText(text: string) {
	return text
		.split(/\n\s*\n/)
		.filter((paragraph) => paragraph.trim() !== '')
		.map((paragraph) => `<p>${escapeHtml(paragraph.trim())}</p>`)
		.join('\n');
}

function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;');
}
