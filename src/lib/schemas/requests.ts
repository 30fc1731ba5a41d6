import { z } from 'zod';
import { MESSAGE_MAX_LENGTH } from '$lib/limits';
import { m } from '$lib/paraglide/messages';
import { CATEGORY_SLUGS } from '$lib/schemas/offer';

export const REQUEST_TOPICS = [...CATEGORY_SLUGS, 'other'] as const;

// Error messages are functions: they are read in the language of the request being checked.
const message = z
	.string({ error: () => m.leaver_error_write_message() })
	.trim()
	.min(1, { error: () => m.leaver_error_message_empty() })
	.max(MESSAGE_MAX_LENGTH, {
		error: () => m.leaver_error_message_too_long({ max: MESSAGE_MAX_LENGTH })
	});

/** Made on the phone (or in the form) so a request sent twice is stored once. */
export const idempotencyKeySchema = z
	.string({ error: () => m.leaver_error_form_damaged() })
	.regex(/^[A-Za-z0-9_-]{16,64}$/, { error: () => m.leaver_error_form_damaged() });

/** "I'm interested" in an opportunity: a few words are optional (the page writes the rest). */
export const interestSchema = z.object({
	message: z
		.string()
		.trim()
		.max(MESSAGE_MAX_LENGTH, {
			error: () => m.leaver_error_message_too_long({ max: MESSAGE_MAX_LENGTH })
		})
		.optional(),
	idempotencyKey: idempotencyKeySchema
});

const checkbox = z
	.union([z.literal('yes'), z.literal('on'), z.literal('true'), z.boolean()])
	.optional()
	.transform((value) => value === true || value === 'yes' || value === 'on' || value === 'true');

export const newRequestSchema = z
	.object({
		topic: z.enum(REQUEST_TOPICS, { error: () => m.leaver_error_choose_topic() }),
		offer: z
			.string()
			.trim()
			.max(80)
			.optional()
			.transform((value) => value || undefined),
		message,
		urgent: checkbox,
		contactBy: z.enum(['app', 'phone', 'text', 'email'], {
			error: () => m.leaver_error_choose_contact()
		}),
		contactDetail: z
			.string()
			.trim()
			.max(200, { error: () => m.leaver_error_too_long() })
			.optional()
			.transform((value) => value || undefined),
		contactWhen: z
			.string()
			.trim()
			.max(200, { error: () => m.leaver_error_contact_when_too_long() })
			.optional()
			.transform((value) => value || undefined),
		idempotencyKey: idempotencyKeySchema
	})
	.superRefine((value, ctx) => {
		if (value.contactBy === 'email' && !z.email().safeParse(value.contactDetail ?? '').success) {
			ctx.addIssue({
				code: 'custom',
				path: ['contactDetail'],
				message: m.leaver_error_email()
			});
		}
		if (
			(value.contactBy === 'phone' || value.contactBy === 'text') &&
			!/^\+?[0-9][0-9 ]{8,16}[0-9]$/.test(value.contactDetail ?? '')
		) {
			ctx.addIssue({
				code: 'custom',
				path: ['contactDetail'],
				message: m.leaver_error_phone()
			});
		}
	});

export const replySchema = z.object({
	message,
	idempotencyKey: idempotencyKeySchema
});

export const staffReplySchema = z.object({
	message,
	idempotencyKey: idempotencyKeySchema.optional()
});

export const helpfulSchema = z.object({
	helpful: z.enum(['yes', 'a-bit', 'no'], { error: () => m.leaver_error_choose_answer() }),
	comment: z
		.string()
		.trim()
		.max(1000, { error: () => m.leaver_error_comment_too_long({ max: 1000 }) })
		.optional()
		.transform((value) => value || undefined)
});

export const statusChangeSchema = z.object({
	status: z.enum(['new', 'in-progress', 'waiting', 'resolved'], { error: 'Choose a status' })
});

export const handOverSchema = z.object({
	adviserId: z.coerce.number({ error: 'Choose a PA' }).int().positive('Choose a PA'),
	note: z
		.string()
		.trim()
		.max(2000, 'Keep the note under 2000 characters')
		.optional()
		.transform((value) => value || undefined)
});

export const savedReplySchema = z.object({
	title: z.string().trim().min(2, 'Give it a short title').max(80, 'Keep the title short'),
	body: z.string().trim().min(2, 'Write the reply').max(MESSAGE_MAX_LENGTH, 'That is too long')
});

export const responseTargetsSchema = z
	.object({
		urgentHours: z.coerce.number().int().min(1).max(72),
		normalWorkingDays: z.coerce.number().int().min(1).max(20),
		dayStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 09:00'),
		dayEnd: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 17:00')
	})
	.refine((t) => t.dayStart < t.dayEnd, {
		message: 'The working day must end after it starts',
		path: ['dayEnd']
	});

export type ResponseTargets = z.infer<typeof responseTargetsSchema>;

export const DEFAULT_RESPONSE_TARGETS: ResponseTargets = {
	urgentHours: 4,
	normalWorkingDays: 2,
	dayStart: '09:00',
	dayEnd: '17:00'
};

/**
 * "I have this page in front of me" (the `?/seen` actions): the time of the newest message the
 * page showed, in milliseconds, so the read mark stops there and a later reply stays unread.
 */
export const seenSchema = z.object({
	seenUpTo: z
		.string({ error: 'The form was damaged. Please reload the page and try again.' })
		.regex(/^\d{1,15}$/, 'The form was damaged. Please reload the page and try again.')
		.transform(Number)
});
