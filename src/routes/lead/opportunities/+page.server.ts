import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { boardState, listOpportunitiesForStaff } from '$lib/server/opportunities';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'adviser', 'lead');
	return {
		opportunities: listOpportunitiesForStaff(db).map((item) => ({
			id: item.id,
			title: item.title,
			kind: item.kind,
			organisation: item.organisation,
			closesOn: item.closesOn,
			ringFenced: item.ringFenced,
			state: boardState(item),
			interested: item.interested
		}))
	};
};
