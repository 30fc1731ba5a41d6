/**
 * Staff accounts and supporters' (Helping Hands), managed by leads: invites, roles, turning
 * accounts off, two-step resets.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database, Executor } from './db/connection';
import { mailOutbox, user } from './db/schema';
import { recordAudit } from './audit';
import { issueInvite } from './auth/invite';
import { endUserSessions, invalidateUserSessions, type User } from './auth/session';

import { getUserById } from './users';
import { accountStatus } from './caseload';

/** Who a lead invites: staff, and supporters who pledge through Helping Hands. */
export type InvitedRole = 'adviser' | 'lead' | 'supporter';

export function listStaff(db: Database, now = Date.now()) {
	return db
		.select()
		.from(user)
		.where(inArray(user.role, ['adviser', 'lead', 'supporter']))
		.orderBy(asc(user.name), asc(user.id))
		.all()
		.map((row) => ({
			id: row.id,
			name: row.name,
			username: row.username,
			role: row.role,
			disabled: row.disabledAt !== null,
			mfaEnabled: row.totpKey !== null,
			email: row.email,
			/** Signed in with the council's identity provider at least once. */
			councilLinked: row.oidcSubject !== null,
			inviteStatus: accountStatus(db, row, now)
		}));
}

export function getStaffMember(db: Database, id: number) {
	const row = getUserById(db, id);
	return row && row.role !== 'leaver' ? row : undefined;
}

export const EMAIL_TAKEN_MESSAGE =
	'Someone already has that email address here. Check it, or find them in the list below.';

/** Whether a work email (lower case) is already someone else's. */
function emailTaken(db: Executor, email: string, exceptId?: number) {
	const owner = db.select({ id: user.id }).from(user).where(eq(user.email, email)).get();
	return owner !== undefined && owner.id !== exceptId;
}

/**
 * A lead invites a member of staff by their work email. With staff passwords off (council
 * sign-in only) there is no code: they sign in with the council button, and their email links
 * the account the first time.
 */
export function inviteStaff(
	db: Database,
	lead: User,
	input: { name: string; role: InvitedRole; email: string },
	options: { issueCode: boolean }
) {
	if (emailTaken(db, input.email)) {
		return { ok: false as const, errors: { email: EMAIL_TAKEN_MESSAGE } };
	}
	// Supporters may be partners with no council account: they always get a code.
	if (options.issueCode || input.role === 'supporter') {
		return { ok: true as const, ...createStaff(db, lead, input) };
	}
	const member = db.transaction((tx) => insertStaff(tx, lead, input));
	return { ok: true as const, member, code: null, expiresAt: null };
}

/** A new staff account with a one-time invite code for them to choose a password. */
export function createStaff(
	db: Database,
	actor: User | null,
	input: { name: string; role: InvitedRole; username?: string; email?: string }
) {
	return db.transaction((tx) => {
		const member = insertStaff(tx, actor, input);
		const { code, expiresAt } = issueInvite(tx, member.id, actor?.id ?? null);
		return { member, code, expiresAt };
	});
}

function insertStaff(
	tx: Executor,
	actor: User | null,
	input: { name: string; role: InvitedRole; username?: string; email?: string }
) {
	const member = tx
		.insert(user)
		.values({
			role: input.role,
			name: input.name,
			username: input.username ?? null,
			email: input.email ?? null
		})
		.returning()
		.get();
	recordAudit(tx, {
		actorId: actor?.id ?? null,
		action: 'invite-created',
		subjectUserId: member.id,
		detail: { role: input.role }
	});
	return member;
}

/**
 * What a lead may not do to their own account: change their role, turn it off or reset their
 * two-step sign-in. Another lead must, so no lead locks themselves out or slips past a check.
 * The message to show, or null when the change is about someone else.
 */
export function refuseOwnAccountChange(
	actor: { id: number },
	member: { id: number },
	change: 'role' | 'disable' | 'resetMfa'
): string | null {
	if (actor.id !== member.id) {
		return null;
	}
	return {
		role: 'You cannot change your own role. Ask another lead.',
		disable: 'You cannot turn off your own account.',
		resetMfa: 'Ask another lead to reset your two-step sign-in.'
	}[change];
}

function assertNotOwnAccount(actor: { id: number } | null, member: { id: number }) {
	if (actor?.id === member.id) {
		throw new Error('A lead cannot change their own account this way (refuseOwnAccountChange)');
	}
}

export function changeRole(db: Database, actor: User, member: User, role: 'adviser' | 'lead') {
	assertNotOwnAccount(actor, member);
	db.transaction((tx) => {
		tx.update(user).set({ role, updatedAt: new Date() }).where(eq(user.id, member.id)).run();
		// A new role means new permissions: make them sign in again.
		endUserSessions(tx, member.id);
		recordAudit(tx, {
			actorId: actor.id,
			action: 'role-changed',
			subjectUserId: member.id,
			detail: { from: member.role, to: role }
		});
	});
}

/**
 * Turns an account off (and signs it out everywhere) or back on: the state asked for, never "the
 * other way", so the same request twice (a double submit, a second open page) changes nothing
 * the second time, and the audit trail holds only what happened. Returns whether it changed.
 * `actor` is null when the app itself does it (demo accounts when the demo is switched off).
 */
/** Emails not yet sent to this person are dropped: their address changed or their account is off. */
function dropWaitingMail(tx: Executor, userId: number) {
	tx.delete(mailOutbox)
		.where(and(eq(mailOutbox.userId, userId), isNull(mailOutbox.sentAt)))
		.run();
}

export function setAccountDisabled(
	db: Database,
	actor: User | null,
	member: User,
	disabled: boolean,
	detail?: Record<string, unknown>
): boolean {
	assertNotOwnAccount(actor, member);
	return db.transaction(
		(tx) => {
			const current = tx
				.select({ disabledAt: user.disabledAt })
				.from(user)
				.where(eq(user.id, member.id))
				.get();
			if (!current || (current.disabledAt !== null) === disabled) {
				return false;
			}
			tx.update(user)
				.set({ disabledAt: disabled ? new Date() : null, updatedAt: new Date() })
				.where(eq(user.id, member.id))
				.run();
			if (disabled) {
				// Signed out and unsubscribed everywhere: their phone (maybe now someone else's)
				// gets no more notices, nor their old mailbox.
				endUserSessions(tx, member.id);
				dropWaitingMail(tx, member.id);
			}
			recordAudit(tx, {
				actorId: actor?.id ?? null,
				action: disabled ? 'account-disabled' : 'account-enabled',
				subjectUserId: member.id,
				detail
			});
			return true;
		},
		{ behavior: 'immediate' }
	);
}

/**
 * Two-step sign-in of another member of staff is reset. When the account is a lead's, the audit
 * row carries a warning: it is the step a lead who wanted another lead's powers would take.
 */
export function resetMfa(db: Database, actor: User, member: User) {
	assertNotOwnAccount(actor, member);
	db.transaction((tx) => {
		tx.update(user)
			.set({ totpKey: null, totpLastStep: null, recoveryCodeHash: null, updatedAt: new Date() })
			.where(eq(user.id, member.id))
			.run();
		endUserSessions(tx, member.id);
		recordAudit(tx, {
			actorId: actor.id,
			action: 'mfa-reset',
			subjectUserId: member.id,
			detail:
				member.role === 'lead'
					? {
							warning: 'A lead reset another lead’s two-step sign-in. Check that they asked for it.'
						}
					: null
		});
	});
}

/**
 * A lead corrects a member of staff's work email. A council account linked through the old
 * address is unlinked, and its sessions end: if the old address was a mistake, the person it
 * let in must not stay in. Their next council sign-in links through the new address.
 */
export function changeStaffEmail(db: Database, actor: User, member: User, email: string) {
	return db.transaction(
		(tx) => {
			if (emailTaken(tx, email, member.id)) {
				return { ok: false as const, errors: { email: EMAIL_TAKEN_MESSAGE } };
			}
			const unlinked = member.oidcSubject !== null && member.email !== email;
			tx.update(user)
				.set({
					email,
					...(unlinked ? { oidcIssuer: null, oidcSubject: null } : {}),
					updatedAt: new Date()
				})
				.where(eq(user.id, member.id))
				.run();
			if (unlinked) {
				endUserSessions(tx, member.id);
			}
			dropWaitingMail(tx, member.id);
			// Not the addresses: an old one may have been a mistake that belongs to someone else.
			recordAudit(tx, {
				actorId: actor.id,
				action: 'email-changed',
				subjectUserId: member.id,
				// Another lead's address changed to one the changer holds would let them link that
				// lead's account to their own council sign-in: the same step as resetting it.
				detail: {
					councilAccountUnlinked: unlinked,
					...(member.role === 'lead' && member.id !== actor.id
						? { warning: 'A lead changed another lead’s work email. Check that they asked for it.' }
						: {})
				}
			});
			return { ok: true as const, unlinked };
		},
		{ behavior: 'immediate' }
	);
}

export function signOutEverywhere(db: Database, account: User) {
	invalidateUserSessions(db, account.id);
	recordAudit(db, {
		actorId: account.id,
		action: 'sign-out-everywhere',
		subjectUserId: account.id
	});
}
