import { z } from 'zod';
import { FEEDBACK_COMMENT_MAX, GENERAL_FEEDBACK_MAX } from '$lib/limits';
import { m } from '$lib/paraglide/messages';
import { LANGUAGE_CODES } from '$lib/languages';

/** The event types of CONTRACT.md (POST /api/events). */
export const EVENT_TYPES = [
	'page_view',
	'offer_view',
	'offer_save',
	'offer_unsave',
	'offer_used',
	'offer_contact',
	'search',
	'eligibility_check',
	'install'
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const MAX_EVENTS_PER_BATCH = 50;
export const MAX_BATCH_BYTES = 64 * 1024;
/** An event may be this far ahead of the server clock (phones' clocks drift). */
export const MAX_FUTURE_MS = 5 * 60 * 1000;
/** …and this far behind (queued offline for a while). */
export const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export const VISITOR_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
export const visitorIdSchema = z
	.string()
	.regex(VISITOR_ID_PATTERN, 'The visitor id must be 16 to 64 letters, digits, - or _');

const slug = z
	.string()
	.regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'An offer is named by its slug, like council-tax-exemption');
/** Only paths on this site: never another site's address (no referrers are kept). */
const path = z
	.string()
	.max(300)
	.regex(/^\/(?!\/|\\)/, 'A path starts with one / and stays on this site');
const at = z.iso.datetime({
	message: 'The time must be an ISO 8601 UTC time, like 2026-11-23T10:00:00.000Z'
});

/** The language the page was read in (older versions of the app did not say). */
const language = z.enum(LANGUAGE_CODES).optional().catch(undefined);
const base = { at, path: path.optional(), language };
const offerEvent = <T extends EventType>(type: T) =>
	z.object({ type: z.literal(type), ...base, offer: slug });

export const analyticsEventSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('page_view'), at, path, language }),
	offerEvent('offer_view'),
	offerEvent('offer_save'),
	offerEvent('offer_unsave'),
	offerEvent('offer_used'),
	offerEvent('offer_contact').extend({
		channel: z.enum(['phone', 'text', 'email', 'web']).optional()
	}),
	z.object({
		type: z.literal('search'),
		...base,
		q: z.string().trim().min(1, 'A search needs its words').max(200),
		results: z.number().int().min(0).max(100_000)
	}),
	z.object({
		type: z.literal('eligibility_check'),
		...base,
		results: z.number().int().min(0).max(100_000).optional()
	}),
	z.object({ type: z.literal('install'), ...base })
]);
export type AnalyticsEvent = z.infer<typeof analyticsEventSchema>;

export const eventBatchSchema = z.object({
	visitor: visitorIdSchema,
	events: z
		.array(analyticsEventSchema)
		.min(1, 'Send at least one event')
		.max(MAX_EVENTS_PER_BATCH, `Send at most ${MAX_EVENTS_PER_BATCH} events at a time`)
});
export type EventBatch = z.infer<typeof eventBatchSchema>;

/** "Was this helpful?" on an offer page. */
export const helpfulSchema = z.object({
	responder: visitorIdSchema.optional().or(z.literal('').transform(() => undefined)),
	helpful: z.enum(['yes', 'no'], { error: () => m.public_offer_helpful_choose() }),
	comment: z
		.string()
		.trim()
		.max(FEEDBACK_COMMENT_MAX, {
			error: () => m.public_offer_comment_too_long({ max: FEEDBACK_COMMENT_MAX })
		})
		.optional()
		.transform((value) => value || undefined)
});

/** "Tell us what you think" at /feedback. */
export const generalFeedbackSchema = z.object({
	name: z
		.string()
		.trim()
		.max(80, 'Keep your name to 80 characters or fewer')
		.optional()
		.transform((value) => value || undefined),
	message: z
		.string({ message: 'Tell us what you think' })
		.trim()
		.min(1, 'Tell us what you think')
		.max(GENERAL_FEEDBACK_MAX, `Keep it to ${GENERAL_FEEDBACK_MAX} characters or fewer`)
});

const isoDay = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-23')
	.refine(
		(value) =>
			!Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
			new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
		'That is not a real date'
	);

/** ?from=YYYY-MM-DD&to=YYYY-MM-DD on the dashboard and the exports. */
export const dateRangeSchema = z
	.object({ from: isoDay.optional(), to: isoDay.optional() })
	.refine((range) => !range.from || !range.to || range.from <= range.to, {
		message: 'The start date must be on or before the end date',
		path: ['to']
	});
