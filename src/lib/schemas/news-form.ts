import { z } from 'zod';
import { NEWS_AUDIENCES } from '$lib/server/db/schema';
import { AGE_BANDS } from '$lib/server/in-touch';
import { idSchema } from './account';

/** Short enough to read on a lock screen's way in: one or two sentences. */
export const NEWS_BODY_MIN = 5;
export const NEWS_BODY_MAX = 280;

/**
 * Plain words, shown exactly as written (line breaks kept): no formatting is applied, so markup
 * would show as stray characters to the young person. Refused here, beside the field.
 */
const MARKUP = /<\s*\/?\s*[a-z!]/i;

export const newsBodySchema = z
	.string({ error: 'Write the message' })
	.trim()
	.min(NEWS_BODY_MIN, `Write at least ${NEWS_BODY_MIN} characters`)
	.max(NEWS_BODY_MAX, `Use at most ${NEWS_BODY_MAX} characters`)
	.refine((value) => !MARKUP.test(value), {
		message: 'Write plain words: HTML tags are not shown'
	})
	// Line breaks stay; other control characters and runs of blank lines do not.
	.transform((value) =>
		value
			.replace(/\r\n?/g, '\n')
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
			.replace(/\n{3,}/g, '\n\n')
	);

/** A new message: what it says and who it is for (an age band only for "age-band"). */
export const newsFormSchema = z
	.object({
		body: newsBodySchema,
		audience: z.enum(NEWS_AUDIENCES, { error: 'Choose who it is for' }),
		ageBand: z.string().optional()
	})
	.superRefine((form, context) => {
		if (form.audience === 'age-band' && !AGE_BANDS.some((band) => band === form.ageBand)) {
			context.addIssue({ code: 'custom', path: ['ageBand'], message: 'Choose an age band' });
		}
	})
	.transform((form) => ({
		body: form.body,
		audience: form.audience,
		ageBand:
			form.audience === 'age-band'
				? (AGE_BANDS.find((band) => band === form.ageBand) ?? null)
				: null
	}));

export type NewsInput = z.infer<typeof newsFormSchema>;

/** Changing the words of a message already sent (within the hour). */
export const newsEditSchema = z.object({ id: idSchema, body: newsBodySchema });
