import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { idSchema, inviteStaffSchema, staffEmailSchema } from '$lib/schemas/account';
import { requireRole } from '$lib/server/auth/guards';
import { oidcSettings, staffPasswordsAllowed } from '$lib/server/config';
import { db } from '$lib/server/db';
import { echo, fieldErrors, readForm } from '$lib/server/forms';
import {
	changeRole,
	changeStaffEmail,
	inviteStaff,
	getStaffMember,
	listStaff,
	refuseOwnAccountChange,
	reissueInvite,
	resetMfa,
	setAccountDisabled
} from '$lib/server/users';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'lead');
	return {
		staff: listStaff(db),
		me: user.id,
		councilSignIn: oidcSettings() !== null,
		staffPasswords: staffPasswordsAllowed()
	};
};

/** The staff member an action is about (404 when there is none). */
async function findMember(event: RequestEvent) {
	const form = await readForm(event.request);
	const id = idSchema.safeParse(form.id);
	const member = id.success ? getStaffMember(db, id.data) : undefined;
	if (!member) {
		error(404, 'We could not find that member of staff.');
	}
	return { form, member };
}

const roleSchema = z.enum(['adviser', 'lead']);
/** "1": turn the account off; "0": turn it back on. */
const disabledSchema = z.enum(['0', '1']);

export const actions = {
	invite: async (event) => {
		const lead = requireRole(event, 'lead');
		const form = await readForm(event.request);
		const values = echo(form, { name: 80, role: 10, email: 200 });
		const parsed = inviteStaffSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { invite: { values, errors: fieldErrors(parsed.error) } });
		}
		const result = inviteStaff(db, lead, parsed.data, { issueCode: staffPasswordsAllowed() });
		if (!result.ok) {
			return fail(400, { invite: { values, errors: result.errors } });
		}
		const { member, code, expiresAt } = result;
		if (!code) {
			return {
				message: `${member.name} is invited. They sign in with the council button on the sign-in page, using ${member.email}.`
			};
		}
		return { created: { name: member.name, code, expiresAt } };
	},
	email: async (event) => {
		const lead = requireRole(event, 'lead');
		const { form, member } = await findMember(event);
		const parsed = staffEmailSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { emailFor: member.id, emailError: fieldErrors(parsed.error).email });
		}
		const result = changeStaffEmail(db, lead, member, parsed.data.email);
		if (!result.ok) {
			return fail(400, { emailFor: member.id, emailError: result.errors.email });
		}
		const unlinked = result.unlinked
			? ' Their council account was unlinked and they were signed out: they link it again by signing in with the new address.'
			: '';
		return { message: `${member.name}’s work email is now ${parsed.data.email}.${unlinked}` };
	},
	role: async (event) => {
		const lead = requireRole(event, 'lead');
		const { form, member } = await findMember(event);
		const refusal = refuseOwnAccountChange(lead, member, 'role');
		if (refusal) {
			return fail(400, { message: refusal });
		}
		const role = roleSchema.safeParse(form.role);
		if (!role.success || member.role === 'supporter') {
			return fail(400, {
				message:
					member.role === 'supporter'
						? 'A supporter’s role cannot change: invite them again as staff.'
						: 'Choose adviser or lead.'
			});
		}
		changeRole(db, lead, member, role.data);
		return { message: `${member.name} is now ${role.data === 'lead' ? 'a lead' : 'an adviser'}.` };
	},
	disable: async (event) => {
		const lead = requireRole(event, 'lead');
		const { form, member } = await findMember(event);
		const refusal = refuseOwnAccountChange(lead, member, 'disable');
		if (refusal) {
			return fail(400, { message: refusal });
		}
		// The state the button showed, not a toggle: a double submit must not turn it back on.
		const wanted = disabledSchema.safeParse(form.disabled);
		if (!wanted.success) {
			return fail(400, { message: 'Please reload the page and try again.' });
		}
		const disabled = wanted.data === '1';
		setAccountDisabled(db, lead, member, disabled);
		return {
			message: disabled
				? `${member.name} is turned off and signed out everywhere.`
				: `${member.name} can sign in again.`
		};
	},
	resetMfa: async (event) => {
		const lead = requireRole(event, 'lead');
		const { member } = await findMember(event);
		const refusal = refuseOwnAccountChange(lead, member, 'resetMfa');
		if (refusal) {
			return fail(400, { message: refusal });
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
		const { member } = await findMember(event);
		if (!staffPasswordsAllowed() && member.role !== 'supporter') {
			return fail(400, {
				message: `Staff sign in with the council button, so there are no codes. ${member.name} can sign in with it now.`
			});
		}
		const result = reissueInvite(db, lead, member);
		if (!result.ok) {
			return fail(400, { message: result.message });
		}
		return { created: { name: member.name, code: result.code, expiresAt: result.expiresAt } };
	}
} satisfies Actions;
