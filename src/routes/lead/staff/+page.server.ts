import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { idSchema, inviteStaffSchema } from '$lib/schemas/account';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import {
	changeRole,
	createStaff,
	getStaffMember,
	listStaff,
	reissueInvite,
	resetMfa,
	setAccountDisabled,
	type User
} from '$lib/server/users';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'lead');
	return { staff: listStaff(db), me: user.id };
};

/** The staff member an action is about; never the lead themselves (no self-lockout). */
async function findMember(event: RequestEvent, lead: User) {
	const form = await readForm(event.request);
	const id = idSchema.safeParse(form.id);
	const member = id.success ? getStaffMember(db, id.data) : undefined;
	if (!member) {
		error(404, 'We could not find that member of staff.');
	}
	if (member.id === lead.id) {
		return { form, member, self: true as const };
	}
	return { form, member, self: false as const };
}

const roleSchema = z.enum(['adviser', 'lead']);

export const actions = {
	invite: async (event) => {
		const lead = requireRole(event, 'lead');
		const form = await readForm(event.request);
		const values = echo(form, { name: 80, role: 10 });
		const parsed = inviteStaffSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { invite: { values, errors: fieldErrors(parsed.error) } });
		}
		const { member, code, expiresAt } = createStaff(db, lead, parsed.data);
		return { created: { name: member.name, code, expiresAt } };
	},
	role: async (event) => {
		const lead = requireRole(event, 'lead');
		const { form, member, self } = await findMember(event, lead);
		if (self) {
			return fail(400, { message: 'You cannot change your own role. Ask another lead.' });
		}
		const role = roleSchema.safeParse(form.role);
		if (!role.success) {
			return fail(400, { message: 'Choose adviser or lead.' });
		}
		changeRole(db, lead, member, role.data);
		return { message: `${member.name} is now ${role.data === 'lead' ? 'a lead' : 'an adviser'}.` };
	},
	disable: async (event) => {
		const lead = requireRole(event, 'lead');
		const { member, self } = await findMember(event, lead);
		if (self) {
			return fail(400, { message: 'You cannot turn off your own account.' });
		}
		setAccountDisabled(db, lead, member, !member.disabledAt);
		return {
			message: member.disabledAt
				? `${member.name} can sign in again.`
				: `${member.name} is turned off and signed out everywhere.`
		};
	},
	resetMfa: async (event) => {
		const lead = requireRole(event, 'lead');
		const { member, self } = await findMember(event, lead);
		if (self) {
			return fail(400, { message: 'Ask another lead to reset your two-step sign-in.' });
		}
		resetMfa(db, lead, member);
		const warning =
			member.role === 'lead'
				? ' This is written in the audit trail with a warning, because they are a lead.'
				: '';
		return { message: `${member.name} will set up two-step sign-in again next time.${warning}` };
	},
	reissue: async (event) => {
		const lead = requireRole(event, 'lead');
		const { member } = await findMember(event, lead);
		const result = reissueInvite(db, lead, member);
		if (!result.ok) {
			return fail(400, { message: result.message });
		}
		return { created: { name: member.name, code: result.code, expiresAt: result.expiresAt } };
	}
} satisfies Actions;
