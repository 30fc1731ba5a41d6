import { z } from 'zod';
import { plainText } from './offer';
import { MATCH_OUTCOMES, PLEDGE_KINDS, PLEDGE_SCHEMES, TIME_KINDS } from './pledge';

/** Left empty in a form: not given. */
const blank = (value: unknown) =>
	typeof value === 'string' && value.trim() === '' ? undefined : value;

/** Pounds as typed ("50", "£50", "49.99"), in pence. */
const pounds = (label: string, max: number) =>
	z.preprocess(
		(value) =>
			typeof value === 'string' ? value.trim().replace(/^£/, '').replace(/,/g, '') : value,
		z
			.string({ error: `Enter ${label}` })
			.regex(/^\d{1,6}(\.\d{1,2})?$/, `Enter ${label} in pounds, like 50 or 49.99`)
			.transform((value) => Math.round(Number(value) * 100))
			.refine(
				(pence) => pence >= 100,
				`${label[0].toUpperCase()}${label.slice(1)} must be at least £1`
			)
			.refine(
				(pence) => pence <= max * 100,
				`The most you can enter is £${max.toLocaleString('en-GB')}`
			)
	);

/**
 * A pledge as a supporter writes it. Messages are for supporters (council staff, members and
 * partners), in English like the staff pages.
 */
export const pledgeFormSchema = z
	.object({
		scheme: z.enum(PLEDGE_SCHEMES, { error: 'Choose Helping Hands or No Limits' }),
		kind: z.enum(PLEDGE_KINDS, { error: 'Choose time or money' }),
		timeKind: z.preprocess(blank, z.enum(TIME_KINDS).optional()),
		amount: z.preprocess(blank, pounds('the amount', 5000).optional()),
		details: plainText('what you are offering', 10, 2000),
		places: z.coerce
			.number({ error: 'Enter how many young people, from 1 to 50' })
			.int('Enter a whole number')
			.min(1, 'Enter how many young people, from 1 to 50')
			.max(50, 'Enter how many young people, from 1 to 50'),
		until: z.iso.date('Enter the last date like 2027-06-30')
	})
	.superRefine((value, context) => {
		if (value.kind === 'time' && !value.timeKind) {
			context.addIssue({
				code: 'custom',
				path: ['timeKind'],
				message: 'Choose what your time is for'
			});
		}
		if (value.kind === 'money' && value.amount === undefined) {
			context.addIssue({
				code: 'custom',
				path: ['amount'],
				message: 'Enter the amount for each young person'
			});
		}
	});
export type PledgeForm = z.infer<typeof pledgeFormSchema>;

/** What young people see of an approved pledge: the lead writes or checks it. */
export const pledgeShownSchema = z.object({
	title: plainText('a title', 3, 90),
	summary: plainText('a short description', 10, 300),
	shownAs: plainText('who it is from', 3, 90)
});
export type PledgeShown = z.infer<typeof pledgeShownSchema>;

/** A PA or lead matches a young person with a pledge: what the supporter is told. */
export const pledgeMatchSchema = z.object({
	meetWhen: plainText('when', 3, 120),
	meetWhere: plainText('where', 3, 160),
	note: z.preprocess(blank, plainText('the note', 0, 600).optional())
});

/** How a match went. */
export const matchOutcomeSchema = z
	.object({
		match: z.coerce.number().int().positive(),
		outcome: z.enum(MATCH_OUTCOMES, { error: 'Choose how it went' }),
		hours: z.preprocess(
			blank,
			z.coerce
				.number({ error: 'Enter the hours in numbers, like 1.5' })
				.min(0.25, 'Enter at least 0.25 hours')
				.max(200, 'Enter 200 hours or fewer')
				.optional()
		),
		paid: z.preprocess(blank, pounds('the amount paid', 5000).optional())
	})
	.superRefine((value, context) => {
		if (value.outcome === 'money-paid' && value.paid === undefined) {
			context.addIssue({ code: 'custom', path: ['paid'], message: 'Enter the amount paid' });
		}
	});
