import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { formatDateTime } from '$lib/format';
import {
	padContacts,
	parseOfferForm,
	readOfferForm,
	type OfferFormValues
} from '$lib/schemas/offer-form';
import { idSchema } from '$lib/schemas/account';
import { markdownShapeProblem } from '$lib/markdown-limits';
import { OFFER_BODY_MAX } from '$lib/schemas/offer';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { renderMarkdown } from '$lib/server/markdown';
import { createOffer, getOfferById, saveOffer } from '$lib/server/offer-editing';

/** The offer id in the URL (/lead/offers/ID); 404 when it cannot be one. */
export function offerIdParam(raw: string) {
	const id = idSchema.safeParse(raw);
	if (!id.success) {
		error(404, 'We could not find that offer.');
	}
	return id.data;
}

/** The signed-in lead and the offer the URL names; 404 when there is no such offer. */
export function requireLeadsOffer(event: RequestEvent<{ id: string }>) {
	const lead = requireRole(event, 'lead');
	const offer = getOfferById(db, offerIdParam(event.params.id));
	if (!offer) {
		error(404, 'We could not find that offer.');
	}
	return { lead, offer };
}

export type EditorIntent = 'save' | 'publish' | 'unpublish' | 'preview';

async function readEditorForm(request: Request): Promise<OfferFormValues> {
	let data: FormData;
	try {
		data = await request.formData();
	} catch {
		data = new FormData();
	}
	const values = readOfferForm(data);
	// Contact rows come back as typed (plus one spare), so nothing the lead wrote moves.
	const lastFilled = values.contacts.findLastIndex((contact) =>
		Object.values(contact).some((value) => value.trim() !== '')
	);
	return { ...values, contacts: padContacts(values.contacts.slice(0, lastFilled + 1)) };
}

function preview(values: OfferFormValues) {
	return renderMarkdown(values.body.slice(0, OFFER_BODY_MAX));
}

function refused(
	values: OfferFormValues,
	errors: Record<string, string>,
	status = 400,
	message: string | null = null
) {
	return fail(status, { values, errors, message, previewHtml: preview(values) });
}

/**
 * The editor's actions for a new offer (`id` null) and an existing one. Each checks the lead
 * itself (actions do not run the layout's guard); whatever is refused comes back as typed.
 */
export async function handleEditorAction(
	event: RequestEvent,
	intent: EditorIntent,
	id: number | null
) {
	const lead = requireRole(event, 'lead');
	const current =
		id === null ? null : (getOfferById(db, id) ?? error(404, 'We could not find that offer.'));
	const values = await readEditorForm(event.request);
	if (intent === 'preview') {
		const problem = markdownShapeProblem(values.body.slice(0, OFFER_BODY_MAX));
		const errors: Record<string, string> = problem ? { body: problem } : {};
		return { values, errors, message: null, previewHtml: preview(values) };
	}
	const published =
		intent === 'publish' ? true : intent === 'unpublish' ? false : (current?.published ?? false);
	const parsed = parseOfferForm(values, published);
	if (!parsed.success) {
		return refused(values, parsed.errors);
	}
	const result =
		current === null
			? createOffer(db, lead, parsed.content, { news: parsed.news })
			: saveOffer(db, lead, current.id, parsed.version, parsed.content, { news: parsed.news });
	if (result.ok) {
		redirect(303, `/lead/offers/${result.offer.id}?saved=${intent}`);
	}
	if (result.reason === 'not-found') {
		error(404, 'We could not find that offer.');
	}
	if (result.reason === 'invalid') {
		return refused(values, result.errors);
	}
	// Someone else saved first. Their version stays; this lead's words stay in the form, which now
	// carries the latest version number, so pressing save again is a deliberate choice to replace it.
	const by = result.current.by ?? 'Another lead';
	return refused(
		{ ...values, version: String(result.current.version) },
		{},
		409,
		`Not saved: ${by} saved this offer at ${formatDateTime(result.current.updatedAt)}, after you opened it. Your changes are still below. Look at the history to see what they changed. If you save again, your version will replace theirs.`
	);
}
