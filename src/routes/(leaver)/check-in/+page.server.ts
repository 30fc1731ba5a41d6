import { error, fail, redirect } from '@sveltejs/kit';
import { localizePath, pageLanguage } from '$lib/i18n/paths';
import { m } from '$lib/paraglide/messages';
import { CHECK_IN_TOPICS } from '$lib/schemas/check-in';
import {
	checkInFormFields,
	checkInFrequencySchema,
	checkInSchema,
	tellPaSchema
} from '$lib/schemas/check-in-form';
import { requireRole } from '$lib/server/auth/guards';
import {
	describeCheckIn,
	getCheckInOf,
	listCheckInsOf,
	offersForTopics,
	recordCheckIn,
	saveCheckInFrequency,
	tellPa
} from '$lib/server/check-ins';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm, readFormData } from '$lib/server/forms';
import { generateIdempotencyKey } from '$lib/server/ids';
import type { Actions, PageServerLoad } from './$types';

/** How many of their own check-ins the page lists. */
const HISTORY = 10;

/** The check-in just sent (`?done=ID`), with the offers that fit a "Not great" one. */
function describeDone(leaver: { id: number }, done: string | null) {
	const id = /^\d{1,15}$/.test(done ?? '') ? Number(done) : 0;
	const row = id ? getCheckInOf(db, leaver, id) : undefined;
	if (!row) {
		return null;
	}
	const language = pageLanguage();
	return {
		...describeCheckIn(row, language),
		help: row.mood === 'not-great' ? offersForTopics(db, row.topics, language) : null
	};
}

// Reads only: SvelteKit also runs this when a link here is hovered.
export const load: PageServerLoad = (event) => {
	const leaver = requireRole(event, 'leaver');
	const language = pageLanguage();
	return {
		done: describeDone(leaver, event.url.searchParams.get('done')),
		history: listCheckInsOf(db, leaver.id, HISTORY).map((row) => describeCheckIn(row, language)),
		every: leaver.checkInEvery ?? 'off',
		oftenSaved: event.url.searchParams.get('often') === 'saved',
		idempotencyKey: generateIdempotencyKey()
	};
};

export const actions = {
	checkIn: async (event) => {
		const leaver = requireRole(event, 'leaver');
		const fields = checkInFormFields(await readFormData(event.request));
		const parsed = checkInSchema.safeParse(fields);
		if (!parsed.success) {
			return fail(400, {
				checkIn: {
					values: {
						mood: (fields.mood ?? '').slice(0, 20),
						topics: fields.topics.filter((topic) =>
							(CHECK_IN_TOPICS as readonly string[]).includes(topic)
						),
						// All of it, so that words over the limit can be cut, not typed again.
						words: (fields.words ?? '').slice(0, 6000),
						idempotencyKey: (fields.idempotencyKey ?? '').slice(0, 64)
					},
					errors: fieldErrors(parsed.error)
				}
			});
		}
		const { checkIn } = recordCheckIn(db, leaver, parsed.data);
		redirect(303, localizePath(`/check-in?done=${checkIn.id}`));
	},
	/** "Tell my PA?" after a "Not great": a request to their PA, once. */
	tellPa: async (event) => {
		const leaver = requireRole(event, 'leaver');
		const parsed = tellPaSchema.safeParse(await readForm(event.request));
		if (!parsed.success) {
			return fail(400, { tellPa: { message: m.leaver_error_form_damaged() } });
		}
		const told = tellPa(db, leaver, parsed.data.checkIn);
		if (!told) {
			error(404, m.checkins_not_found());
		}
		redirect(303, localizePath(`/check-in?done=${parsed.data.checkIn}`));
	},
	/** "How often should we ask?": theirs to change any time. */
	often: async (event) => {
		const leaver = requireRole(event, 'leaver');
		const form = await readForm(event.request);
		const parsed = checkInFrequencySchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				often: { values: echo(form, { every: 20 }), errors: fieldErrors(parsed.error) }
			});
		}
		saveCheckInFrequency(db, leaver, parsed.data.every);
		redirect(303, localizePath('/check-in?often=saved#often'));
	}
} satisfies Actions;
