import { db } from '$lib/server/db';
import { cachedUntilWrite } from '$lib/server/db/cache';
import { getCouncilSettings, getSettingsVersion, listCategories } from '$lib/server/settings';
import { countNewForStaff, countUnreadForLeaver } from '$lib/server/requests';
import { toPublicUser } from '$lib/server/users';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, depends }) => {
	// A page that marks something read refreshes the count with invalidate('app:waiting').
	depends('app:waiting');
	return {
		user: locals.user ? toPublicUser(locals.user) : null,
		/** New requests (staff) or unread replies (care leavers), for the header. */
		waiting: !locals.user
			? 0
			: locals.user.role === 'leaver'
				? countUnreadForLeaver(db, locals.user)
				: countNewForStaff(db, locals.user),
		...cachedUntilWrite(db, 'layout', () => ({
			council: getCouncilSettings(db),
			categories: listCategories(db),
			themeVersion: getSettingsVersion(db)
		}))
	};
};
