import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { idSchema } from '$lib/schemas/account';
import { eventFormSchema, readEventForm } from '$lib/schemas/event-form';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import {
	createEvent,
	getEventById,
	saveEvent,
	tellCancelled,
	tellMovedUp,
	type EventIntent
} from '$lib/server/events';
import { fieldErrors, readFormData } from '$lib/server/forms';

export const EVENT_NOT_FOUND = 'We could not find that event.';

/** The signed-in lead and the event the URL names; 404 when there is no such event. */
export function requireLeadsEvent(event: RequestEvent<{ id: string }>) {
	const lead = requireRole(event, 'lead');
	const id = idSchema.safeParse(event.params.id);
	const found = id.success ? getEventById(db, id.data) : undefined;
	if (!found) {
		error(404, EVENT_NOT_FOUND);
	}
	return { lead, event: found };
}

/**
 * Save, publish or close a new event (`id` null) or an existing one. Each action checks the lead
 * itself (actions do not run the layout's guard); whatever is refused comes back as typed, and
 * nothing is saved.
 */
export async function handleEventEditorAction(
	event: RequestEvent,
	intent: EventIntent,
	id: number | null
) {
	const lead = requireRole(event, 'lead');
	if (id !== null && !getEventById(db, id)) {
		error(404, EVENT_NOT_FOUND);
	}
	const values = readEventForm((await readFormData(event.request)) ?? new FormData());
	const parsed = eventFormSchema.safeParse(values);
	if (!parsed.success) {
		return fail(400, { values, errors: fieldErrors(parsed.error) });
	}
	if (id === null) {
		const created = createEvent(db, lead, parsed.data, intent);
		redirect(303, `/lead/events/${created.id}?saved=${intent}`);
	}
	const result = saveEvent(db, lead, id, parsed.data, intent);
	if (!result.ok) {
		error(404, EVENT_NOT_FOUND);
	}
	// More places (or none closed any more) moved people up from the waiting list: tell them.
	tellMovedUp(db, id, result.movedUp);
	tellCancelled(db, result.cancelledFor);
	redirect(303, `/lead/events/${id}?saved=${intent}`);
}
