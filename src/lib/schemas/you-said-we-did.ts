import { z } from 'zod';

const UNSAFE_MARKUP = /<\s*\/?\s*(script|iframe|object|embed|style|form)\b|javascript\s*:/i;

function sentence(label: string, max: number) {
	return z
		.string({ error: `Write ${label}` })
		.trim()
		.min(10, `Write ${label} (at least 10 characters)`)
		.max(max, `Keep ${label} to at most ${max} characters`)
		.refine((value) => !UNSAFE_MARKUP.test(value), {
			message: 'This cannot contain scripts or javascript: links'
		});
}

/** "You said, we did": one entry as a lead writes it. */
export const youSaidWeDidSchema = z.object({
	youSaid: sentence('what young people said', 300),
	weDid: sentence('what changed', 500),
	/** Slug of the part of the offer that changed, or empty. */
	offer: z
		.string()
		.trim()
		.max(80)
		.regex(/^[a-z0-9-]*$/, 'Choose an offer from the list')
		.default(''),
	published: z
		.string()
		.optional()
		.transform((value) => value === 'on')
});

export type YouSaidWeDidInput = z.infer<typeof youSaidWeDidSchema>;
