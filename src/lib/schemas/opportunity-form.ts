import { z } from 'zod';
import { markdownShapeProblem } from '$lib/markdown-limits';
import { LEGAL_STATUSES, legalStatusSchema, phoneSchema, plainText } from './offer';
import { OPPORTUNITY_KINDS } from './opportunity';

/** Left empty in a form or a CSV cell: not given. */
const blank = (value: unknown) =>
	typeof value === 'string' && value.trim() === '' ? undefined : value;

const optional = <Schema extends z.ZodType>(schema: Schema) =>
	z.preprocess(blank, schema.optional());

const age = z.coerce
	.number({ error: 'Enter an age from 14 to 25, in numbers' })
	.int('Enter a whole number')
	.min(14, 'Enter an age from 14 to 25')
	.max(25, 'Enter an age from 14 to 25');

/** Ticks in a form ("on") and yes/no in a CSV. */
const yesNo = z.preprocess(
	(value) =>
		typeof value === 'string'
			? ['on', 'yes', 'y', 'true', '1'].includes(value.trim().toLowerCase())
			: value,
	z.boolean()
);

/**
 * An opportunity as a lead or PA writes it in the editor, or as a row of a partner's CSV brings
 * it: flat fields with the same names in both, and the same rules, so an import can never put on
 * the board what the editor would refuse. Messages are for staff (in English).
 */
export const opportunityFormSchema = z
	.object({
		kind: z.enum(OPPORTUNITY_KINDS, { error: 'Choose what kind of opportunity this is' }),
		title: plainText('a title', 3, 90),
		organisation: plainText('the organisation', 2, 120),
		summary: plainText('a one-sentence summary', 10, 200),
		body: plainText('the main text', 20, 10_000).superRefine((value, context) => {
			const problem = markdownShapeProblem(value);
			if (problem) {
				context.addIssue({ code: 'custom', message: problem });
			}
		}),
		/** Empty: online only. */
		place: optional(plainText('the place', 2, 200)),
		pay: optional(plainText('the pay', 2, 120)),
		startsOn: optional(z.iso.date('Enter the start date like 2027-01-31')),
		closesOn: z.iso.date('Enter the closing date like 2027-01-31'),
		ringFenced: yesNo.default(false),
		minAge: age,
		maxAge: age,
		/** Who can apply, by legal status: a list (form) or separated by ";" (CSV). */
		statuses: z.preprocess(
			(value) =>
				typeof value === 'string'
					? value
							.split(/[;,]/)
							.map((item) => item.trim())
							.filter(Boolean)
					: value,
			z
				.array(legalStatusSchema, {
					error: `Choose who can apply (${LEGAL_STATUSES.join(', ')})`
				})
				.min(1, 'Choose at least one group of care leavers')
				.max(4)
		),
		livesInArea: yesNo.default(false),
		inEducation: yesNo.default(false),
		/** One step a line (form), or separated by "|" (CSV). */
		steps: z.preprocess(
			(value) =>
				typeof value === 'string'
					? value
							.split(/\r?\n|\|/)
							.map((line) => line.trim())
							.filter(Boolean)
					: value,
			z
				.array(plainText('a step', 3, 400))
				.min(1, 'Write at least one step')
				.max(12, 'Use at most 12 steps')
		),
		applyUrl: optional(
			z
				.url({ protocol: /^https?$/, message: 'Enter a web address starting with https://' })
				.max(500, 'The web address can be at most 500 characters')
		),
		contactName: optional(plainText('the contact’s name', 2, 120)),
		contactPhone: optional(phoneSchema),
		contactEmail: optional(z.email('Enter a real email address, like name@example.org').max(200))
	})
	.refine((value) => value.minAge <= value.maxAge, {
		message: 'The youngest age must not be more than the oldest age',
		path: ['maxAge']
	})
	.refine((value) => value.applyUrl || value.contactPhone || value.contactEmail, {
		message: 'Give a web address to apply at, or a contact’s phone or email',
		path: ['applyUrl']
	})
	.refine((value) => !(value.contactPhone || value.contactEmail) || value.contactName, {
		message: 'Enter who to contact',
		path: ['contactName']
	});

export type OpportunityInput = z.infer<typeof opportunityFormSchema>;

/** The editor's fields as typed (strings and ticks), so a refused form comes back unchanged. */
export type OpportunityFormValues = {
	[Field in keyof typeof OPPORTUNITY_FIELD_LIMITS]: string;
} & {
	statuses: string[];
	ringFenced: boolean;
	livesInArea: boolean;
	inEducation: boolean;
};

/** How much of each typed field comes back in a refused form. */
export const OPPORTUNITY_FIELD_LIMITS = {
	kind: 40,
	title: 400,
	organisation: 400,
	summary: 1000,
	body: 12_000,
	place: 400,
	pay: 200,
	startsOn: 20,
	closesOn: 20,
	minAge: 10,
	maxAge: 10,
	steps: 6000,
	applyUrl: 600,
	contactName: 200,
	contactPhone: 40,
	contactEmail: 300
} as const;

/** The editor's fields from a posted form, cut to their limits. */
export function readOpportunityForm(form: FormData): OpportunityFormValues {
	const text = (name: keyof typeof OPPORTUNITY_FIELD_LIMITS) => {
		const value = form.get(name);
		return typeof value === 'string' ? value.slice(0, OPPORTUNITY_FIELD_LIMITS[name]) : '';
	};
	const fields = Object.fromEntries(
		(Object.keys(OPPORTUNITY_FIELD_LIMITS) as (keyof typeof OPPORTUNITY_FIELD_LIMITS)[]).map(
			(name) => [name, text(name)]
		)
	) as { [Field in keyof typeof OPPORTUNITY_FIELD_LIMITS]: string };
	return {
		...fields,
		statuses: form
			.getAll('statuses')
			.filter((value): value is string => typeof value === 'string')
			.slice(0, 4),
		ringFenced: form.get('ringFenced') === 'on',
		livesInArea: form.get('livesInArea') === 'on',
		inEducation: form.get('inEducation') === 'on'
	};
}

/** A new opportunity's form: open to all care leavers, closing in four weeks. */
export function emptyOpportunityForm(closesOn: string): OpportunityFormValues {
	return {
		...(Object.fromEntries(Object.keys(OPPORTUNITY_FIELD_LIMITS).map((name) => [name, ''])) as {
			[Field in keyof typeof OPPORTUNITY_FIELD_LIMITS]: string;
		}),
		minAge: '16',
		maxAge: '25',
		closesOn,
		statuses: ['eligible', 'relevant', 'former-relevant', 'qualifying'],
		ringFenced: false,
		livesInArea: false,
		inEducation: false
	};
}
