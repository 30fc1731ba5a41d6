import { z } from 'zod';
import { markdownShapeProblem } from '$lib/markdown-limits';

/** The seven parts of the offer (statutory guidance areas, with money split out). */
export const CATEGORY_SLUGS = [
	'money',
	'accommodation',
	'education',
	'employment',
	'health',
	'relationships',
	'having-your-say'
] as const;

/** Legal status under the Children (Leaving Care) Act 2000 and the Children Act 1989. */
export const LEGAL_STATUSES = ['eligible', 'relevant', 'former-relevant', 'qualifying'] as const;

export const OFFER_KINDS = ['statutory', 'extra'] as const;

export const categorySlugSchema = z.enum(CATEGORY_SLUGS);
export const legalStatusSchema = z.enum(LEGAL_STATUSES);

export const slugSchema = z
	.string()
	.trim()
	.min(3, 'The web address part needs at least 3 characters')
	.max(80, 'The web address part can be at most 80 characters')
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use only small letters, numbers and single dashes');

/** UK phone numbers as people write them: 999, 116 123, 01642 527764, +44 1642 527764, 85258. */
export const phoneSchema = z
	.string()
	.trim()
	.regex(/^\+?[0-9][0-9 ]{1,18}[0-9]$/, 'Enter a phone number using digits and spaces only')
	.max(20, 'Enter a phone number using digits and spaces only');

/**
 * Text a lead types that must never carry markup meant to run: raw HTML is shown as text on the
 * page anyway (src/lib/server/markdown.ts), but refusing it here tells the lead at once, beside
 * the field, instead of publishing something that looks broken.
 */
const UNSAFE_MARKUP =
	/<\s*\/?\s*(script|iframe|object|embed|style|form)\b|javascript\s*:|vbscript\s*:|data\s*:\s*text\/html/i;

export function plainText(label: string, min: number, max: number) {
	return z
		.string({ error: `Enter ${label}` })
		.trim()
		.min(min, min <= 1 ? `Enter ${label}` : `${capitalise(label)} needs at least ${min} characters`)
		.max(max, `${capitalise(label)} can be at most ${max} characters`)
		.refine((value) => !UNSAFE_MARKUP.test(value), {
			message: `${capitalise(label)} cannot contain scripts or javascript: links`
		});
}

function capitalise(text: string) {
	const words = text.replace(/^(a|an|the) /, '');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

export const contactSchema = z
	.object({
		name: plainText('the contact’s name', 2, 120),
		phone: phoneSchema.optional(),
		/** A number that takes text messages (SMS), if different from phone. */
		text: phoneSchema.optional(),
		email: z.email('Enter a real email address, like name@example.org').max(200).optional(),
		url: z
			.url({ protocol: /^https?$/, message: 'Enter a web address starting with https://' })
			.max(500, 'The web address can be at most 500 characters')
			.optional()
	})
	.refine((c) => c.phone || c.text || c.email || c.url, {
		message: 'A contact needs a phone number, a text number, an email or a web address',
		path: ['phone']
	});

const ageSchema = z
	.number({ error: 'Enter an age from 14 to 25, in numbers' })
	.int('Enter a whole number')
	.min(14, 'Enter an age from 14 to 25')
	.max(25, 'Enter an age from 14 to 25');

export const eligibilitySchema = z
	.object({
		minAge: ageSchema,
		maxAge: ageSchema,
		statuses: z
			.array(legalStatusSchema, { error: 'Choose who can get it' })
			.min(1, 'Choose at least one group of care leavers')
			.max(4),
		/** Only for young people living in the council's area. */
		livesInArea: z.boolean().default(false),
		/** Only for young people in education or training. */
		inEducation: z.boolean().default(false),
		/** Only for young parents (and parents-to-be). */
		isParent: z.boolean().default(false),
		/** Any other condition, in plain words, shown on the offer page. */
		notes: plainText('other conditions', 0, 500).optional()
	})
	.refine((e) => e.minAge <= e.maxAge, {
		message: 'The youngest age must not be more than the oldest age',
		path: ['maxAge']
	});

/** Bodies longer than this are refused (a long page is hard to read on a phone anyway). */
export const OFFER_BODY_MAX = 20_000;

export const offerContentSchema = z.object({
	slug: slugSchema,
	title: plainText('a title', 3, 90),
	category: z.enum(CATEGORY_SLUGS, { error: 'Choose a topic' }),
	/** One plain-English sentence. */
	summary: plainText('a one-sentence summary', 10, 200),
	/** Markdown; rendered on the server and sanitised. */
	body: plainText('the main text', 20, OFFER_BODY_MAX).superRefine((value, context) => {
		const problem = markdownShapeProblem(value);
		if (problem) {
			context.addIssue({ code: 'custom', message: problem });
		}
	}),
	eligibility: eligibilitySchema,
	/** Numbered "how to get it" steps, in order. */
	steps: z
		.array(plainText('a step', 3, 400))
		.min(1, 'Write at least one step')
		.max(12, 'Use at most 12 steps'),
	contacts: z
		.array(contactSchema)
		.min(1, 'Add at least one contact')
		.max(6, 'Use at most 6 contacts'),
	kind: z.enum(OFFER_KINDS, { error: 'Choose whether this is a right by law or extra' }),
	/** Search words people use that are not in the text (e.g. "cash" for money). */
	keywords: z
		.array(plainText('a search word', 2, 40))
		.max(20, 'Use at most 20 search words')
		.default([]),
	/** Date (YYYY-MM-DD) the content was last checked as right. */
	reviewedOn: z.iso.date('Enter the date it was last checked, like 2026-11-23'),
	published: z.boolean().default(true)
});

export const categoryContentSchema = z.object({
	slug: categorySlugSchema,
	name: plainText('a name', 3, 40),
	/** One short sentence shown under the name. */
	description: plainText('a description', 10, 160),
	/** An emoji shown as decoration beside the name (hidden from screen readers). */
	icon: z.string().trim().min(1).max(8)
});

const hexColour = z
	.string()
	.trim()
	.regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1d5c63');

export const councilSettingsSchema = z.object({
	name: plainText('the council’s name', 3, 80),
	/** Used where space is short: app name on the home screen, page titles. */
	shortName: plainText('a short name', 2, 30),
	appName: plainText('the app’s name', 3, 60),
	/** Path under /static or an https URL. */
	logo: z.string().trim().max(300).optional(),
	colours: z.object({
		primary: hexColour,
		accent: hexColour
	}),
	phone: phoneSchema,
	outOfHoursPhone: phoneSchema,
	email: z.email('Enter a real email address, like name@example.org'),
	website: z.url({ protocol: /^https?$/, message: 'Enter a web address starting with https://' }),
	address: plainText('an address', 0, 300).optional(),
	/** Short welcome line on the home page. */
	welcome: plainText('a welcome line', 10, 200)
});

export const seedFileSchema = z
	.object({
		council: councilSettingsSchema,
		categories: z.array(categoryContentSchema).length(CATEGORY_SLUGS.length),
		offers: z.array(offerContentSchema).min(25)
	})
	.superRefine((seed, ctx) => {
		const seen = new Set<string>();
		for (const [index, offer] of seed.offers.entries()) {
			if (seen.has(offer.slug)) {
				ctx.addIssue({
					code: 'custom',
					message: `Duplicate slug ${offer.slug}`,
					path: ['offers', index, 'slug']
				});
			}
			seen.add(offer.slug);
		}
		for (const category of CATEGORY_SLUGS) {
			if (!seed.categories.some((c) => c.slug === category)) {
				ctx.addIssue({
					code: 'custom',
					message: `Missing category ${category}`,
					path: ['categories']
				});
			}
			if (!seed.offers.some((o) => o.category === category)) {
				ctx.addIssue({
					code: 'custom',
					message: `No offers in category ${category}`,
					path: ['offers']
				});
			}
		}
	});

export type OfferContent = z.infer<typeof offerContentSchema>;
export type CategoryContent = z.infer<typeof categoryContentSchema>;
export type CouncilSettings = z.infer<typeof councilSettingsSchema>;
export type SeedFile = z.infer<typeof seedFileSchema>;
export type LegalStatus = z.infer<typeof legalStatusSchema>;
export type CategorySlug = z.infer<typeof categorySlugSchema>;
