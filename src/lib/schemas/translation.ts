import { z } from 'zod';
import { CATEGORY_SLUGS, OFFER_BODY_MAX, slugSchema } from './offer';

/**
 * A translation's words. The same limits as the English, a little looser in length (some
 * languages need more letters to say the same thing). Messages stay in English: they are for
 * leads and translation agencies, whose pages are English.
 */
const words = (what: string, max: number) =>
	z
		.string({ error: `Write ${what}` })
		.trim()
		.min(1, `Write ${what}`)
		.max(max, `Keep ${what} under ${max} characters`);

export const offerTranslationSchema = z.object({
	title: words('the title', 180),
	summary: words('the summary', 400),
	body: words('the main text', OFFER_BODY_MAX * 2),
	eligibilityNotes: words('the notes on who can get it', 1000).optional(),
	steps: z.array(words('each step', 800)).min(1).max(12),
	contacts: z.array(words('each contact name', 200)).min(1).max(6),
	keywords: z.array(words('each search word', 60)).max(20).default([])
});

export const categoryTranslationSchema = z.object({
	name: words('the name', 80),
	description: words('the description', 320)
});

export const welcomeTranslationSchema = z.object({ welcome: words('the welcome', 600) });

/**
 * A council's translation file (content/translations/COUNCIL/LANG.json): the words of the welcome,
 * the topics and the offers (by slug) in one language. All are seeded as drafts.
 */
export const translationFileSchema = z.object({
	language: z.string(),
	council: welcomeTranslationSchema.optional(),
	categories: z.partialRecord(z.enum(CATEGORY_SLUGS), categoryTranslationSchema).default({}),
	offers: z.record(slugSchema, offerTranslationSchema).default({})
});

export type TranslationFile = z.infer<typeof translationFileSchema>;
