import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { categorySlugSchema } from '$lib/schemas/offer';
import { responseTargetsSchema } from '$lib/schemas/requests';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm, readFormData } from '$lib/server/forms';
import {
	contentSettingsSchema,
	getReviewMonths,
	saveReviewMonths
} from '$lib/server/offer-editing';
import { getResponseTargets, saveResponseTargets } from '$lib/server/requests';
import {
	categoryFormSchema,
	councilSettingsFormSchema,
	moveCategory,
	saveCategory,
	saveCouncilSettings,
	getOfferedLanguages,
	writeSetting
} from '$lib/server/settings';
import { TRANSLATED_LANGUAGE_CODES } from '$lib/languages';
import { getInTouchWeeks, saveInTouchWeeks } from '$lib/server/in-touch';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	return {
		targets: getResponseTargets(db),
		reviewMonths: getReviewMonths(db),
		inTouchWeeks: getInTouchWeeks(db),
		languages: getOfferedLanguages(db)
	};
};

const inTouchSchema = z.object({
	inTouchWeeks: z.coerce
		.number({ error: 'Enter a number of weeks from 1 to 52' })
		.int('Enter a whole number of weeks')
		.min(1, 'Enter a number of weeks from 1 to 52')
		.max(52, 'Enter a number of weeks from 1 to 52')
});

const languagesSchema = z.object({
	languages: z.array(z.enum(TRANSLATED_LANGUAGE_CODES, { error: 'Choose from the list' }))
});

/** The council form's fields, each echoed up to 400 characters when refused. */
const COUNCIL_FIELDS = {
	name: 400,
	shortName: 400,
	appName: 400,
	logo: 400,
	primary: 400,
	accent: 400,
	phone: 400,
	outOfHoursPhone: 400,
	email: 400,
	website: 400,
	address: 400,
	welcome: 400
};

const moveSchema = z.object({ slug: categorySlugSchema, direction: z.enum(['up', 'down']) });

export const actions = {
	/** Which languages young people can choose (English always). */
	languages: async (event) => {
		const lead = requireRole(event, 'lead');
		// Ticks share one name, so every value is read; a body that is not a form changes nothing.
		const form = await readFormData(event.request);
		const parsed = languagesSchema.safeParse({
			languages: form?.getAll('languages').map(String)
		});
		if (!form || !parsed.success) {
			return fail(400, { languages: { errors: { languages: 'Choose from the list' } } });
		}
		const codes = ['en', ...parsed.data.languages];
		writeSetting(db, lead, 'languages', codes, {
			target: 'languages',
			detail: { languages: codes }
		});
		return { languages: { saved: true } };
	},
	targets: async (event) => {
		const lead = requireRole(event, 'lead');
		const form = await readForm(event.request);
		const parsed = responseTargetsSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				targets: {
					values: echo(form, { urgentHours: 4, normalWorkingDays: 4, dayStart: 5, dayEnd: 5 }),
					errors: fieldErrors(parsed.error)
				}
			});
		}
		saveResponseTargets(db, lead, parsed.data);
		return { targets: { saved: true } };
	},
	/** The council's name, colours and numbers: shown on every page and in the offline pack. */
	council: async (event) => {
		const lead = requireRole(event, 'lead');
		const form = await readForm(event.request);
		const values = echo(form, COUNCIL_FIELDS);
		const optional = (value: string) => (value.trim() === '' ? undefined : value);
		const parsed = councilSettingsFormSchema.safeParse({
			...values,
			logo: optional(values.logo),
			address: optional(values.address),
			colours: { primary: values.primary, accent: values.accent }
		});
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.error.issues) {
				const key = String(issue.path[0] === 'colours' ? issue.path[1] : issue.path[0]);
				errors[key] ??= issue.message;
			}
			return fail(400, { council: { values, errors } });
		}
		saveCouncilSettings(db, lead.id, parsed.data);
		return { council: { saved: true } };
	},
	category: async (event) => {
		const lead = requireRole(event, 'lead');
		const form = await readForm(event.request);
		const parsed = categoryFormSchema.safeParse(form);
		const slug = categorySlugSchema.safeParse(form.slug);
		if (!slug.success) {
			error(404, 'We could not find that topic.');
		}
		if (!parsed.success) {
			return fail(400, {
				category: {
					slug: slug.data,
					values: echo(form, { name: 200, description: 400 }),
					errors: fieldErrors(parsed.error)
				}
			});
		}
		if (!saveCategory(db, lead.id, parsed.data)) {
			error(404, 'We could not find that topic.');
		}
		return { category: { slug: slug.data, saved: true } };
	},
	moveCategory: async (event) => {
		const lead = requireRole(event, 'lead');
		const parsed = moveSchema.safeParse(await readForm(event.request));
		if (!parsed.success || !moveCategory(db, lead.id, parsed.data.slug, parsed.data.direction)) {
			error(404, 'We could not find that topic.');
		}
		return { moved: parsed.data.slug };
	},
	/** How long before an offer is flagged for review. */
	review: async (event) => {
		const lead = requireRole(event, 'lead');
		const form = await readForm(event.request);
		const parsed = contentSettingsSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				review: {
					value: echo(form, { reviewMonths: 4 }).reviewMonths,
					errors: fieldErrors(parsed.error)
				}
			});
		}
		saveReviewMonths(db, lead, parsed.data.reviewMonths);
		return { review: { saved: true } };
	},
	/** After how many weeks without contact a young person is shown as out of touch. */
	inTouch: async (event) => {
		const lead = requireRole(event, 'lead');
		const form = await readForm(event.request);
		const parsed = inTouchSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				inTouch: {
					value: echo(form, { inTouchWeeks: 4 }).inTouchWeeks,
					errors: fieldErrors(parsed.error)
				}
			});
		}
		saveInTouchWeeks(db, lead, parsed.data.inTouchWeeks);
		return { inTouch: { saved: true } };
	}
} satisfies Actions;
