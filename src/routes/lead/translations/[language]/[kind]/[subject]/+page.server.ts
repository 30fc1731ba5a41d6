import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import {
	changedEnglishFields,
	englishFingerprint,
	findTranslationTarget,
	listTranslationHistory,
	saveTranslationByHand,
	translationFromForm,
	validateTranslation
} from '$lib/server/translation-editing';
import { findTranslation, translationState } from '$lib/server/translations';
import type { Actions, PageServerLoad } from './$types';

/** What the page says after a save (from `?saved=`, set by the redirect below). */
const SAVED = ['draft', 'checked'] as const;

/** The language, the thing and its English from the address, or 404. */
function readParams(params: { language: string; kind: string; subject: string }) {
	const target = findTranslationTarget(db, params);
	if (!target) {
		error(404, 'There is no such translation.');
	}
	return target;
}

export const load: PageServerLoad = (event) => {
	requireRole(event, 'lead');
	const { language, item } = readParams(event.params);
	const translation = findTranslation(db, item.kind, item.subject, language);
	const changed = translation ? changedEnglishFields(translation, item.english) : [];
	return {
		language,
		item: {
			kind: item.kind,
			subject: item.subject,
			key: item.key,
			label: item.label,
			english: item.english,
			englishKeywords: item.englishKeywords
		},
		fingerprint: englishFingerprint(item.english),
		translation: translation
			? {
					fields: translation.fields,
					version: translation.version,
					state: translationState(translation, item.english)
				}
			: null,
		/** What the English was when translated, for each field that changed since. */
		changes: changed.map((field) => ({
			field,
			then: translation?.source[field] ?? null,
			now: item.english[field] ?? null
		})),
		history: translation ? listTranslationHistory(db, translation.id) : [],
		saved: SAVED.find((value) => value === event.url.searchParams.get('saved')) ?? null
	};
};

/** What was typed, cut to a length no field allows, to show back in a refused form. */
function echoTranslation(values: Record<string, string | string[]>, keywords: string) {
	const cut = (value: string) => value.slice(0, 20_000);
	return {
		...Object.fromEntries(
			Object.entries(values).map(([field, value]) => [
				field,
				Array.isArray(value) ? value.map(cut) : cut(value)
			])
		),
		keywords: cut(keywords)
	} as Record<string, string | string[]>;
}

/** Errors by the form's field ids: `steps.2` → `steps-2`; a list's own error shows by its first. */
function formErrors(errors: Record<string, string>) {
	return Object.fromEntries(
		Object.entries(errors).map(([path, message]) => [
			/^(steps|contacts)$/.test(path) ? `${path}-0` : path.replace(/\./g, '-'),
			message
		])
	);
}

/** Saves as a draft, or as checked against today's English; refused forms keep what was typed. */
async function save(event: RequestEvent, checked: boolean) {
	const lead = requireRole(event, 'lead');
	const { language, item } = readParams(event.params as Parameters<typeof readParams>[0]);
	const form = await readForm(event.request);
	const values = translationFromForm(item.kind, item.english, form);
	const typed = echoTranslation(values, form.keywords ?? '');
	const result = validateTranslation(item.kind, item.english, values);
	if (!result.ok) {
		return fail(400, { values: typed, errors: formErrors(result.errors), message: null });
	}
	if (form.fingerprint !== englishFingerprint(item.english)) {
		return fail(409, {
			values: typed,
			errors: {},
			message:
				'The English changed after you opened this page. Check your words against the English shown now, then save again.'
		});
	}
	saveTranslationByHand(db, lead.id, {
		kind: item.kind,
		subject: item.subject,
		language,
		fields: result.fields,
		english: item.english,
		checked
	});
	redirect(
		303,
		`/lead/translations/${language}/${item.kind}/${encodeURIComponent(item.subject)}?saved=${checked ? 'checked' : 'draft'}`
	);
}

export const actions = {
	save: async (event) => save(event, false),
	check: async (event) => save(event, true)
} satisfies Actions;
