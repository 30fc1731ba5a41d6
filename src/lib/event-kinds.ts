import { m } from '$lib/paraglide/messages';
import type { EventKind } from '$lib/schemas/event';

/** Read when shown, so each is in the page's language. */
export const KIND_LABELS: Record<EventKind, () => string> = {
	celebration: m.events_kind_celebration,
	group: m.events_kind_group,
	'drop-in': m.events_kind_drop_in,
	activity: m.events_kind_activity
};
