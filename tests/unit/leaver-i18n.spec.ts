import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguageSource } from '$lib/i18n/paths';
import { messageParts } from '$lib/message-parts';
import { m } from '$lib/paraglide/messages';
import * as runtime from '$lib/paraglide/runtime';
import { leaverStatusLabel, leaverTopicLabel } from '$lib/request-labels';
import { helpfulSchema, newRequestSchema, REQUEST_TOPICS } from '$lib/schemas/requests';

/** The young person's pages in their language. */
const ROOT = join(import.meta.dirname, '../..');
const english = runtime.getLocale;
afterEach(() => {
	runtime.overwriteGetLocale(english);
	setLanguageSource(() => 'en');
});

/** Messages and links in `locale`, as while a page in it is made on the server. */
function speak(locale: runtime.Locale) {
	runtime.overwriteGetLocale(() => locale);
	setLanguageSource(() => locale);
}

const CATEGORIES = [{ slug: 'money', name: 'Cash help' }];

/** Every group a young person reads; staff pages (messages/staff) are in English only. */
const TRANSLATED_GROUPS = readdirSync(join(ROOT, 'messages')).filter((group) => group !== 'staff');
/** Shown in English whatever the page's language ("No, keep English" on the first-visit offer). */
const ENGLISH_ONLY = new Set(['language_offer_decline']);

describe.each(TRANSLATED_GROUPS)('messages/%s', (group) => {
	const read = (locale: string) =>
		JSON.parse(readFileSync(join(ROOT, `messages/${group}/${locale}.json`), 'utf8')) as Record<
			string,
			string
		>;
	const inputs = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
	const base = Object.fromEntries(
		Object.entries(read('en')).filter(([id]) => !ENGLISH_ONLY.has(id))
	);

	it.each(runtime.locales.filter((locale) => locale !== 'en'))(
		'%s has every message, with the same values to fill in',
		(locale) => {
			const translated = read(locale);
			expect(Object.keys(translated).sort()).toEqual(Object.keys(base).sort());
			for (const [id, text] of Object.entries(base)) {
				expect(inputs(translated[id]), id).toEqual(inputs(text));
			}
		}
	);
});

describe('topic and status names', () => {
	it('are the council’s own topic names in English, the catalogue’s in another language', () => {
		expect(leaverTopicLabel('money', CATEGORIES)).toBe('Cash help');
		expect(leaverTopicLabel('other', CATEGORIES)).toBe('Something else');
		speak('ar');
		expect(leaverTopicLabel('money', CATEGORIES)).toBe('المال');
		expect(leaverStatusLabel('resolved')).toBe('تم الحل');
	});

	it('has a name in every language for every topic a request can have', () => {
		for (const locale of runtime.locales) {
			speak(locale);
			for (const topic of REQUEST_TOPICS) {
				expect(leaverTopicLabel(topic, [])).not.toBe('');
			}
		}
	});
});

describe('form errors', () => {
	const KEY = 'abcdefghijklmnop1234';
	const errors = (request: Record<string, string>) => {
		const parsed = newRequestSchema.safeParse(request);
		return parsed.success
			? {}
			: Object.fromEntries(parsed.error.issues.map((issue) => [issue.path[0], issue.message]));
	};
	const empty = { topic: 'nothing', message: ' ', contactBy: 'app', idempotencyKey: 'short' };
	const badEmail = {
		topic: 'money',
		message: 'Help with a bill',
		contactBy: 'email',
		contactDetail: 'not an email',
		idempotencyKey: KEY
	};

	it('stay word for word in English', () => {
		expect(errors(empty)).toEqual({
			topic: 'Choose what it is about',
			message: 'Write a message so your PA knows how to help',
			idempotencyKey: 'The form was damaged. Please reload the page and try again.'
		});
		expect(errors(badEmail)).toEqual({
			contactDetail: 'Enter your email address, like name@example.com'
		});
	});

	it('are read in the language of the request being checked', () => {
		speak('vi');
		expect(errors(empty).topic).toBe('Hãy chọn việc này về chuyện gì');
		expect(errors(badEmail).contactDetail).toBe(m.leaver_error_email());
		const helpful = helpfulSchema.safeParse({ helpful: 'maybe' });
		expect(helpful.error?.issues[0].message).toBe('Hãy chọn một câu trả lời');
	});
});

describe('messageParts', () => {
	it('cuts a sentence at its values, in the order the language puts them', () => {
		const message = (inputs: Record<'offer' | 'save', string>) =>
			`Press ${inputs.save} on any part of ${inputs.offer}.`;
		expect(messageParts(message, { offer: 'the offer', save: 'Save' })).toEqual([
			{ name: null, text: 'Press ' },
			{ name: 'save', text: 'Save' },
			{ name: null, text: ' on any part of ' },
			{ name: 'offer', text: 'the offer' },
			{ name: null, text: '.' }
		]);
	});
});
