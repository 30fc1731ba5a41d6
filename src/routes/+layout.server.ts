import { db } from '$lib/server/db';
import { getCouncilSettings, getSettingsVersion, listCategories } from '$lib/server/settings';
import { toPublicUser } from '$lib/server/users';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	return {
		user: locals.user ? toPublicUser(locals.user) : null,
		council: getCouncilSettings(db),
		categories: listCategories(db),
		themeVersion: getSettingsVersion(db)
	};
};
