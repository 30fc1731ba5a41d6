import { error, fail } from '@sveltejs/kit';
import { toEventFormValues } from '$lib/schemas/event-form';
import { idSchema } from '$lib/schemas/account';
import { db } from '$lib/server/db';
import { countPlaces, listPeopleAtEvent, markAttendance } from '$lib/server/events';
import { readFormData } from '$lib/server/forms';
import { EVENT_NOT_FOUND, handleEventEditorAction, requireLeadsEvent } from '../editor.server';
import type { Actions, PageServerLoad } from './$types';

const SAVED = {
	save: 'Saved.',
	publish: 'Published: young people can see it on the events page.',
	close: 'Closed: it is off the events page, and nobody can say they are going.',
	attendance: 'Saved who came.'
} as const;

export const load: PageServerLoad = (event) => {
	const { event: found } = requireLeadsEvent(event);
	const now = Date.now();
	const saved = event.url.searchParams.get('saved');
	return {
		id: found.id,
		status: found.status,
		title: found.title,
		values: toEventFormValues(found),
		counts: countPlaces(db, [found.id]).get(found.id) ?? { going: 0, waiting: 0 },
		capacity: found.capacity,
		people: listPeopleAtEvent(db, found.id),
		started: found.startsAt.getTime() <= now,
		savedMessage: saved && saved in SAVED ? SAVED[saved as keyof typeof SAVED] : null
	};
};

export const actions = {
	save: async (event) => handleEventEditorAction(event, 'save', requireLeadsEvent(event).event.id),
	publish: async (event) =>
		handleEventEditorAction(event, 'publish', requireLeadsEvent(event).event.id),
	close: async (event) =>
		handleEventEditorAction(event, 'close', requireLeadsEvent(event).event.id),
	/** Ticked people came; the others going did not. Only once the event has started. */
	attendance: async (event) => {
		const { lead, event: found } = requireLeadsEvent(event);
		const form = await readFormData(event.request);
		const ids = (form?.getAll('attended') ?? []).map((value) => idSchema.safeParse(value));
		if (ids.some((id) => !id.success)) {
			return fail(400, { attendanceError: 'Tick the people who came, then save.' });
		}
		const attended = new Set(ids.flatMap((id) => (id.success ? [id.data] : [])));
		if (!markAttendance(db, lead, found.id, attended)) {
			if (found.startsAt.getTime() > Date.now()) {
				return fail(400, { attendanceError: 'You can mark who came once the event has started.' });
			}
			error(404, EVENT_NOT_FOUND);
		}
		return { attendanceSaved: SAVED.attendance };
	}
} satisfies Actions;
