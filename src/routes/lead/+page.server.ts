import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { listCaseload, listStaff } from '$lib/server/users';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'lead');
	const staff = listStaff(db);
	const leavers = listCaseload(db, user);
	return {
		counts: {
			advisers: staff.filter((member) => member.role === 'adviser' && !member.disabled).length,
			leads: staff.filter((member) => member.role === 'lead' && !member.disabled).length,
			leavers: leavers.length,
			joined: leavers.filter((leaver) => leaver.inviteStatus === 'joined').length
		}
	};
};
