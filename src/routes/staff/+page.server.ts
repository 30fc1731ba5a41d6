import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { listCaseload } from '$lib/server/users';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'adviser', 'lead');
	const caseload = listCaseload(db, user);
	return {
		caseloadSize: caseload.length,
		waitingToJoin: caseload.filter((leaver) => leaver.inviteStatus === 'waiting').length,
		expiredInvites: caseload.filter((leaver) => leaver.inviteStatus === 'expired').length
	};
};
