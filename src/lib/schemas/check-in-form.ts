import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { CHECK_IN_FREQUENCIES, CHECK_IN_MOODS, CHECK_IN_TOPICS } from '$lib/schemas/check-in';
import { idempotencyKeySchema } from '$lib/schemas/requests';

/** A few words with a check-in: enough to say what is wrong, short enough to read at a glance. */
export const CHECK_IN_WORDS_MAX = 1000;

/** One ticked box arrives as a string, several (and JSON from the app) as a list. */
const asList = (value: unknown) =>
	value === undefined || value === null || value === ''
		? []
		: Array.isArray(value)
			? value
			: [value];

// Error messages are functions: they are read in the language of the request being checked.
export const checkInSchema = z.object({
	mood: z.enum(CHECK_IN_MOODS, { error: () => m.checkins_error_choose_mood() }),
	topics: z.preprocess(
		asList,
		z
			.array(z.enum(CHECK_IN_TOPICS, { error: () => m.checkins_error_topics() }), {
				error: () => m.checkins_error_topics()
			})
			.max(CHECK_IN_TOPICS.length, { error: () => m.checkins_error_topics() })
			// Ticked twice (a crafted form) is still one topic.
			.transform((topics) => CHECK_IN_TOPICS.filter((topic) => topics.includes(topic)))
	),
	words: z
		.string({ error: () => m.leaver_error_comment_too_long({ max: CHECK_IN_WORDS_MAX }) })
		.trim()
		.max(CHECK_IN_WORDS_MAX, {
			error: () => m.leaver_error_comment_too_long({ max: CHECK_IN_WORDS_MAX })
		})
		.optional()
		.transform((value) => value || undefined),
	idempotencyKey: idempotencyKeySchema
});

export type CheckInInput = z.infer<typeof checkInSchema>;

/** The check-in form as posted: every ticked topic (a form repeats the name), the rest once. */
export function checkInFormFields(form: FormData | null) {
	const first = (name: string) => {
		const value = form?.get(name);
		return typeof value === 'string' ? value : undefined;
	};
	return {
		mood: first('mood'),
		topics: (form?.getAll('topics') ?? [])
			.filter((value): value is string => typeof value === 'string')
			.slice(0, CHECK_IN_TOPICS.length * 2),
		words: first('words'),
		idempotencyKey: first('idempotencyKey')
	};
}

/** "Tell my PA?" after a check-in: which one. */
export const tellPaSchema = z.object({
	checkIn: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)
});

/** "How often should we ask?" */
export const checkInFrequencySchema = z.object({
	every: z.enum(CHECK_IN_FREQUENCIES, { error: () => m.checkins_error_choose_often() })
});
