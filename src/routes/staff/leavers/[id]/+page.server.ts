import { error, fail, redirect } from '@sveltejs/kit';
import { londonToday } from '$lib/london-time';
import {
	checkInEverySchema,
	contactLogSchema,
	pathwayReviewSchema
} from '$lib/schemas/contact-form';
import { ageOn } from '$lib/eligibility';
import { idSchema } from '$lib/schemas/account';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import {
	getInTouchWeeks,
	isInTouch,
	lastContacts,
	listLoggedContacts,
	logContact,
	recentCheckIns,
	saveCheckInAgreement,
	savePathwayReview
} from '$lib/server/in-touch';
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

/** Last contact, the last six check-ins, logged contacts, how often the app asks, the review. */
function keepingInTouch(leaver: User) {
	const last = lastContacts(db, [leaver.id]).get(leaver.id) ?? null;
	const weeks = getInTouchWeeks(db);
	return {
		today: londonToday(),
		weeks,
		lastContact: last,
		inTouch: isInTouch(last?.day ?? null, londonToday(leaver.createdAt), weeks),
		checkIns: recentCheckIns(db, leaver.id),
		logged: listLoggedContacts(db, leaver.id),
		checkInEvery: leaver.checkInEvery ?? 'off',
		pathwayReviewOn: leaver.pathwayReviewOn
	};
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
		},
		keepingInTouch: keepingInTouch(leaver)
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
	},
	/** "We met", "we spoke on the phone", "they replied by text", on a day up to today. */
	contact: async (event) => {
		const viewer = requireRole(event, 'adviser', 'lead');
		const leaver = findLeaver(event, viewer);
		const form = await readForm(event.request);
		const values = echo(form, { kind: 10, on: 10 });
		const parsed = contactLogSchema.safeParse(form);
		const errors = parsed.success ? {} : fieldErrors(parsed.error);
		if (parsed.success && parsed.data.on > londonToday()) {
			errors.on = 'The date cannot be in the future';
		}
		if (!parsed.success || Object.keys(errors).length > 0) {
			return fail(400, { contact: { values, errors } });
		}
		logContact(db, viewer, leaver, parsed.data);
		redirect(303, `/staff/leavers/${leaver.id}?logged=1#contact-heading`);
	},
	/** How often the app asks them how they are, as agreed with them (they can change it too). */
	checkInEvery: async (event) => {
		const viewer = requireRole(event, 'adviser', 'lead');
		const leaver = findLeaver(event, viewer);
		const parsed = checkInEverySchema.safeParse(await readForm(event.request));
		if (!parsed.success) {
			return fail(400, { checkInEvery: { error: fieldErrors(parsed.error).every } });
		}
		saveCheckInAgreement(db, viewer, leaver, parsed.data.every);
		redirect(303, `/staff/leavers/${leaver.id}?saved=every#contact-heading`);
	},
	/** The next pathway plan review (empty: none set). */
	pathwayReview: async (event) => {
		const viewer = requireRole(event, 'adviser', 'lead');
		const leaver = findLeaver(event, viewer);
		const form = await readForm(event.request);
		const parsed = pathwayReviewSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				pathwayReview: { value: echo(form, { on: 10 }).on, error: fieldErrors(parsed.error).on }
			});
		}
		savePathwayReview(db, viewer, leaver, parsed.data.on || null);
		redirect(303, `/staff/leavers/${leaver.id}?saved=review#contact-heading`);
	}
} satisfies Actions;
