import { error } from '@sveltejs/kit';
import { localizePath } from '$lib/i18n/paths';
import { isLanguageCode } from '$lib/languages';
import { m } from '$lib/paraglide/messages';
import { idSchema } from '$lib/schemas/account';
import { ORIGIN } from '$lib/server/config';
import { db } from '$lib/server/db';
import { eventCalendarFile, getPublishedEvent } from '$lib/server/events';
import type { RequestHandler } from './$types';

/** "Add to calendar": the event as an .ics file, its words in the language asked for. */
export const GET: RequestHandler = ({ params, url }) => {
	const id = idSchema.safeParse(params.id);
	const event = id.success ? getPublishedEvent(db, id.data) : undefined;
	if (!event) {
		error(404, m.events_not_found());
	}
	const asked = url.searchParams.get('language');
	const locale = asked && isLanguageCode(asked) ? asked : 'en';
	const file = eventCalendarFile(event, {
		origin: ORIGIN,
		url: `${ORIGIN}${localizePath(`/events/${event.id}`, { locale })}`,
		online: m.events_online({}, { locale })
	});
	return new Response(file, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="event-${event.id}.ics"`,
			'cache-control': 'no-cache'
		}
	});
};
