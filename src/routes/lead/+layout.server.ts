import { requireRole } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

// Pages here also check inside their own loads and actions: actions do not run this load.
export const load: LayoutServerLoad = (event) => {
	// PAs keep the opportunities board too (they hear of jobs first); the rest is the lead's.
	if (event.route.id?.startsWith('/lead/opportunities')) {
		requireRole(event, 'adviser', 'lead');
	} else {
		requireRole(event, 'lead');
	}
};
