import { error, fail } from '@sveltejs/kit';
import { localizePath, pageLanguage } from '$lib/i18n/paths';
import { m } from '$lib/paraglide/messages';
import { idSchema } from '$lib/schemas/account';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import {
	cancelPlace,
	countPlaces,
	describeEvent,
	getLeaverPlace,
	getPublishedEvent,
	goToEvent,
	tellMovedUp
} from '$lib/server/events';
import { renderMarkdown } from '$lib/server/markdown';
import { getCouncilSettings } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

/** The published event the address names; 404 for anything else (drafts, cancelled, made up). */
function findEvent(raw: string) {
	const id = idSchema.safeParse(raw);
	const event = id.success ? getPublishedEvent(db, id.data) : undefined;
	if (!event) {
		error(404, m.events_not_found());
	}
	return event;
}

export const load: PageServerLoad = ({ params, locals, setHeaders }) => {
	// Whether it has started changes with the clock, which the shared page cache cannot see.
	setHeaders({ 'cache-control': 'private, no-cache' });
	const event = findEvent(params.id);
	const counts = countPlaces(db, [event.id]).get(event.id) ?? { going: 0, waiting: 0 };
	const language = pageLanguage();
	return {
		event: {
			...describeEvent(event, counts, language, getCouncilSettings(db).shortName),
			bodyHtml: renderMarkdown(event.body),
			access: event.access
		},
		// Only a care leaver's own place, on their own (never cached) page.
		place: locals.user?.role === 'leaver' ? getLeaverPlace(db, event.id, locals.user.id) : null,
		calendarUrl: `/events/${event.id}/calendar.ics${language === 'en' ? '' : `?language=${language}`}`,
		signInUrl: `${localizePath('/login')}?redirectTo=${encodeURIComponent(localizePath(`/events/${event.id}`))}`
	};
};

export const actions = {
	/** "I'm going" (or the waiting list when it is full): care leavers only, before it starts. */
	going: async (event) => {
		const leaver = requireRole(event, 'leaver');
		const { id } = findEvent(event.params.id);
		const result = goToEvent(db, leaver, id);
		if (!result.ok) {
			return result.reason === 'started'
				? fail(400, { message: m.events_started() })
				: error(404, m.events_not_found());
		}
		return { changed: result.status };
	},
	/** "Cancel my place" or "Leave the waiting list"; the first person waiting moves up. */
	cancel: async (event) => {
		const leaver = requireRole(event, 'leaver');
		const { id } = findEvent(event.params.id);
		const result = cancelPlace(db, leaver, id);
		if (!result.ok) {
			return result.reason === 'started'
				? fail(400, { message: m.events_started() })
				: error(404, m.events_not_found());
		}
		tellMovedUp(db, id, result.movedUp);
		return { changed: 'cancelled' as const };
	}
} satisfies Actions;
