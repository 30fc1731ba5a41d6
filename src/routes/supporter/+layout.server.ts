import { requireRole } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

// Pages here also check inside their own loads and actions: actions do not run this load.
export const load: LayoutServerLoad = (event) => {
	requireRole(event, 'supporter');
};
