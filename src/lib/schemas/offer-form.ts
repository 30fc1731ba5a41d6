import { z } from 'zod';
import { offerContentSchema, type OfferContent } from './offer';

/** How many contact rows the editor shows at most (the content model allows 6). */
export const MAX_CONTACTS = 6;
/** One sentence for "What's new". */
export const NEWS_MAX = 200;

export type ContactFormValues = {
	name: string;
	phone: string;
	text: string;
	email: string;
	url: string;
};

/** The editor's fields as typed (strings and ticks), so a refused form comes back unchanged. */
export type OfferFormValues = {
	slug: string;
	title: string;
	category: string;
	summary: string;
	body: string;
	minAge: string;
	maxAge: string;
	statuses: string[];
	livesInArea: boolean;
	inEducation: boolean;
	isParent: boolean;
	eligibilityNotes: string;
	/** One step a line. */
	steps: string;
	contacts: ContactFormValues[];
	kind: string;
	/** Comma-separated. */
	keywords: string;
	reviewedOn: string;
	/** The version the form was loaded from (the edit check). */
	version: string;
	/** "Tell young people about this change". */
	news: boolean;
	newsText: string;
};

const CONTACT_FIELDS = ['name', 'phone', 'text', 'email', 'url'] as const;

/** Long pastes are cut when echoed back: the limit message is shown, the page stays small. */
const ECHO_MAX = 25_000;

function text(form: FormData, name: string, max = ECHO_MAX) {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, max) : '';
}

export function readOfferForm(form: FormData): OfferFormValues {
	const contacts: ContactFormValues[] = [];
	for (let index = 0; index < MAX_CONTACTS; index += 1) {
		const contact = Object.fromEntries(
			CONTACT_FIELDS.map((field) => [field, text(form, `contact-${index}-${field}`, 600)])
		) as ContactFormValues;
		contacts.push(contact);
	}
	return {
		slug: text(form, 'slug', 200),
		title: text(form, 'title', 400),
		category: text(form, 'category', 40),
		summary: text(form, 'summary', 1000),
		body: text(form, 'body'),
		minAge: text(form, 'minAge', 10),
		maxAge: text(form, 'maxAge', 10),
		statuses: form
			.getAll('statuses')
			.filter((value): value is string => typeof value === 'string')
			.slice(0, 4),
		livesInArea: form.get('livesInArea') === 'on',
		inEducation: form.get('inEducation') === 'on',
		isParent: form.get('isParent') === 'on',
		eligibilityNotes: text(form, 'eligibilityNotes', 2000),
		steps: text(form, 'steps', 10_000),
		contacts,
		kind: text(form, 'kind', 20),
		keywords: text(form, 'keywords', 2000),
		reviewedOn: text(form, 'reviewedOn', 20),
		version: text(form, 'version', 20),
		news: form.get('news') === 'on',
		newsText: text(form, 'newsText', 1000)
	};
}

/** The form a lead sees for an offer as it is stored. */
export function toOfferFormValues(content: OfferContent, version: number): OfferFormValues {
	const contacts = content.contacts.map((contact) => ({
		name: contact.name,
		phone: contact.phone ?? '',
		text: contact.text ?? '',
		email: contact.email ?? '',
		url: contact.url ?? ''
	}));
	return {
		slug: content.slug,
		title: content.title,
		category: content.category,
		summary: content.summary,
		body: content.body,
		minAge: String(content.eligibility.minAge),
		maxAge: String(content.eligibility.maxAge),
		statuses: [...content.eligibility.statuses],
		livesInArea: content.eligibility.livesInArea,
		inEducation: content.eligibility.inEducation,
		isParent: content.eligibility.isParent,
		eligibilityNotes: content.eligibility.notes ?? '',
		steps: content.steps.join('\n'),
		contacts: padContacts(contacts),
		kind: content.kind,
		keywords: content.keywords.join(', '),
		reviewedOn: content.reviewedOn,
		version: String(version),
		news: false,
		newsText: ''
	};
}

export function padContacts(contacts: ContactFormValues[]): ContactFormValues[] {
	const padded = [...contacts];
	// Room for one more contact, up to the maximum.
	while (padded.length < Math.min(MAX_CONTACTS, contacts.length + 1)) {
		padded.push({ name: '', phone: '', text: '', email: '', url: '' });
	}
	return padded.slice(0, MAX_CONTACTS);
}

export function emptyOfferForm(today: string): OfferFormValues {
	return {
		slug: '',
		title: '',
		category: '',
		summary: '',
		body: '',
		minAge: '16',
		maxAge: '25',
		statuses: ['eligible', 'relevant', 'former-relevant'],
		livesInArea: false,
		inEducation: false,
		isParent: false,
		eligibilityNotes: '',
		steps: '',
		contacts: padContacts([]),
		kind: 'statutory',
		keywords: '',
		reviewedOn: today,
		version: '0',
		news: false,
		newsText: ''
	};
}

const optional = (value: string) => (value.trim() === '' ? undefined : value);
const toAge = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));

/** The editor's values as the content model (unvalidated): blank contact rows are left out. */
function toContentInput(values: OfferFormValues, published: boolean) {
	return {
		slug: values.slug,
		title: values.title,
		category: values.category,
		summary: values.summary,
		body: values.body,
		eligibility: {
			minAge: toAge(values.minAge),
			maxAge: toAge(values.maxAge),
			statuses: values.statuses,
			livesInArea: values.livesInArea,
			inEducation: values.inEducation,
			isParent: values.isParent,
			notes: optional(values.eligibilityNotes)
		},
		steps: values.steps
			.split(/\r?\n/)
			.map((line) => line.replace(/^\s*\d+[.)]\s*/, '').trim())
			.filter(Boolean),
		contacts: values.contacts
			.filter((contact) => CONTACT_FIELDS.some((field) => contact[field].trim() !== ''))
			.map((contact) => ({
				name: contact.name,
				phone: optional(contact.phone),
				text: optional(contact.text),
				email: optional(contact.email),
				url: optional(contact.url)
			})),
		kind: values.kind,
		keywords: values.keywords
			.split(',')
			.map((word) => word.trim())
			.filter(Boolean),
		reviewedOn: values.reviewedOn,
		published
	};
}

const newsSchema = z
	.string()
	.trim()
	.min(10, 'Write one sentence for young people (at least 10 characters)')
	.max(NEWS_MAX, `Keep it to one sentence of at most ${NEWS_MAX} characters`);

export type ParsedOfferForm =
	| { success: true; content: OfferContent; version: number; news: string | null }
	| { success: false; errors: Record<string, string> };

/**
 * Checks the editor's values against the content model the seed file uses. Errors are keyed by
 * the id of the field they belong beside.
 */
export function parseOfferForm(values: OfferFormValues, published: boolean): ParsedOfferForm {
	const errors: Record<string, string> = {};
	const contactRows = values.contacts
		.map((contact, index) => ({ contact, index }))
		.filter(({ contact }) => CONTACT_FIELDS.some((field) => contact[field].trim() !== ''));
	const parsed = offerContentSchema.safeParse(toContentInput(values, published));
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const key = errorKey(
				issue.path,
				contactRows.map(({ index }) => index)
			);
			const message =
				issue.path[0] === 'steps' && typeof issue.path[1] === 'number'
					? `Step ${issue.path[1] + 1}: ${issue.message}`
					: issue.message;
			errors[key] ??= message;
		}
	}
	let news: string | null = null;
	if (values.news) {
		const checked = newsSchema.safeParse(values.newsText);
		if (checked.success) {
			news = checked.data;
		} else {
			errors.newsText = checked.error.issues[0].message;
		}
	}
	const version = Number(values.version);
	if (!Number.isInteger(version) || version < 0) {
		errors.version = 'This form is out of date. Open the offer again.';
	}
	if (!parsed.success || Object.keys(errors).length > 0) {
		return { success: false, errors };
	}
	return { success: true, content: parsed.data, version, news };
}

/** The field id beside which a content-model issue is shown. */
function errorKey(path: PropertyKey[], contactIndexes: number[]): string {
	const [first, second, third] = path;
	if (first === 'eligibility') {
		return second === 'notes' ? 'eligibilityNotes' : String(second ?? 'statuses');
	}
	if (first === 'contacts') {
		if (typeof second !== 'number') {
			return 'contact-0-name';
		}
		return `contact-${contactIndexes[second] ?? second}-${String(third ?? 'name')}`;
	}
	if (first === 'steps' || first === 'keywords') {
		return first;
	}
	return String(first ?? 'title');
}
