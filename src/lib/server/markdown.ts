import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

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

export function renderMarkdown(markdown: string): string {
	const html = marked.parse(markdown) as string;
	return sanitizeHtml(html, SANITIZE_OPTIONS);
}

function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;');
}
