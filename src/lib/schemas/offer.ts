import { z } from 'zod';

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
	.regex(/^\+?[0-9][0-9 ]{1,18}[0-9]$/, 'Enter a phone number using digits and spaces only');

export const contactSchema = z
	.object({
		name: z.string().trim().min(2).max(120),
		phone: phoneSchema.optional(),
		/** A number that takes text messages (SMS), if different from phone. */
		text: phoneSchema.optional(),
		email: z.email('Enter a real email address').max(200).optional(),
		url: z
			.url({ protocol: /^https?$/, message: 'Enter a web address starting with https://' })
			.max(500)
			.optional()
	})
	.refine((c) => c.phone || c.text || c.email || c.url, {
		message: 'A contact needs a phone number, a text number, an email or a web address'
	});

export const eligibilitySchema = z
	.object({
		minAge: z.number().int().min(14).max(25),
		maxAge: z.number().int().min(14).max(25),
		statuses: z.array(legalStatusSchema).min(1).max(4),
		/** Only for young people living in the council's area. */
		livesInArea: z.boolean().default(false),
		/** Only for young people in education or training. */
		inEducation: z.boolean().default(false),
		/** Only for young parents (and parents-to-be). */
		isParent: z.boolean().default(false),
		/** Any other condition, in plain words, shown on the offer page. */
		notes: z.string().trim().max(500).optional()
	})
	.refine((e) => e.minAge <= e.maxAge, {
		message: 'The youngest age must not be more than the oldest age',
		path: ['maxAge']
	});

export const offerContentSchema = z.object({
	slug: slugSchema,
	title: z.string().trim().min(3).max(90),
	category: categorySlugSchema,
	/** One plain-English sentence. */
	summary: z.string().trim().min(10).max(200),
	/** Markdown; rendered on the server and sanitised. */
	body: z.string().trim().min(20).max(20_000),
	eligibility: eligibilitySchema,
	/** Numbered "how to get it" steps, in order. */
	steps: z.array(z.string().trim().min(3).max(400)).min(1).max(12),
	contacts: z.array(contactSchema).min(1).max(6),
	kind: z.enum(OFFER_KINDS),
	/** Search words people use that are not in the text (e.g. "cash" for money). */
	keywords: z.array(z.string().trim().min(2).max(40)).max(20).default([]),
	/** Date (YYYY-MM-DD) the content was last checked as right. */
	reviewedOn: z.iso.date(),
	published: z.boolean().default(true)
});

export const categoryContentSchema = z.object({
	slug: categorySlugSchema,
	name: z.string().trim().min(3).max(40),
	/** One short sentence shown under the name. */
	description: z.string().trim().min(10).max(160),
	/** An emoji shown as decoration beside the name (hidden from screen readers). */
	icon: z.string().trim().min(1).max(8)
});

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1d5c63');

export const councilSettingsSchema = z.object({
	name: z.string().trim().min(3).max(80),
	/** Used where space is short: app name on the home screen, page titles. */
	shortName: z.string().trim().min(2).max(30),
	appName: z.string().trim().min(3).max(60),
	/** Path under /static or an https URL. */
	logo: z.string().trim().max(300).optional(),
	colours: z.object({
		primary: hexColour,
		accent: hexColour
	}),
	phone: phoneSchema,
	outOfHoursPhone: phoneSchema,
	email: z.email(),
	website: z.url({ protocol: /^https?$/ }),
	address: z.string().trim().max(300).optional(),
	/** Short welcome line on the home page. */
	welcome: z.string().trim().min(10).max(200)
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
