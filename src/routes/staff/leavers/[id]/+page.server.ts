import { error, fail } from '@sveltejs/kit';
import { ageOn } from '$lib/eligibility';
import { idSchema } from '$lib/schemas/account';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import {
	accountStatus,
	getLeaverForStaff,
	getUserById,
	recordLeaverRecordSeen,
	reissueInvite,
	type User
} from '$lib/server/users';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The record if this member of staff may see it; 404 otherwise (also when it exists). */
function findLeaver(event: RequestEvent | Parameters<PageServerLoad>[0], viewer: User) {
	const id = idSchema.safeParse(event.params.id);
	const leaver = id.success ? getLeaverForStaff(db, viewer, id.data) : undefined;
	if (!leaver) {
		error(404, 'We could not find that young person.');
	}
	return leaver;
}

// Reads only: SvelteKit also runs this when a link here is hovered. "Opened" in the audit trail
// is the `seen` action's, posted by the page once it is actually shown.
export const load: PageServerLoad = (event) => {
	const viewer = requireRole(event, 'adviser', 'lead');
	const leaver = findLeaver(event, viewer);
	const adviser = leaver.adviserId ? getUserById(db, leaver.adviserId) : undefined;
	return {
		leaver: {
			id: leaver.id,
			name: leaver.name,
			username: leaver.username,
			dateOfBirth: leaver.dateOfBirth,
			age: leaver.dateOfBirth ? ageOn(leaver.dateOfBirth, new Date()) : null,
			livesInArea: leaver.livesInArea,
			inEducation: leaver.inEducation,
			adviserName: adviser?.name ?? 'No PA yet',
			inviteStatus: accountStatus(db, leaver),
			disabled: leaver.disabledAt !== null
		}
	};
};

export const actions = {
	/** The record is in front of them: posted once per view by the page. */
	seen: async (event) => {
		const viewer = requireRole(event, 'adviser', 'lead');
		const leaver = findLeaver(event, viewer);
		recordLeaverRecordSeen(db, viewer, leaver);
	},
	reissue: async (event) => {
		const viewer = requireRole(event, 'adviser', 'lead');
		const leaver = findLeaver(event, viewer);
		const result = reissueInvite(db, viewer, leaver);
		if (!result.ok) {
			return fail(400, { message: result.message });
		}
		return { invite: { code: result.code, expiresAt: result.expiresAt } };
	}
} satisfies Actions;
