import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from './db/connection';
import { user, type Role } from './db/schema';
import { recordAudit } from './audit';
import { consumeInvite, findInvite, getInviteStatus, issueInvite } from './auth/invite';
import {
	checkPasswordStrength,
	hashPassword,
	verifyAgainstDummyHash,
	verifyPasswordHash
} from './auth/password';
import {
	addressKey,
	clearThrottleFailures,
	getThrottleWait,
	recordThrottleFailure,
	throttleKey,
	usernameKey,
	waitMessage,
	waitYourTurn
} from './auth/throttle';
import { endUserSessions, invalidateUserSessions, type User } from './auth/session';

export type { User } from './auth/session';

/** What a signed-in person may see of themselves in the browser (no hashes, no keys). */
export function toPublicUser(row: User) {
	return {
		id: row.id,
		username: row.username,
		name: row.name,
		role: row.role,
		mfaEnabled: row.totpKey !== null
	};
}
export type PublicUser = ReturnType<typeof toPublicUser>;

export function isStaffRole(role: Role) {
	return role === 'adviser' || role === 'lead';
}

/** Staff must use a second factor; demo staff are exempt only while the demo is on. */
export function mfaRequired(row: User, demoMode: boolean) {
	if (row.totpKey) {
		return true;
	}
	return isStaffRole(row.role) && !(demoMode && row.isDemo);
}

export function getUserById(db: Database, id: number) {
	return db.select().from(user).where(eq(user.id, id)).get();
}

export function getUserByUsername(db: Database, username: string) {
	return db.select().from(user).where(eq(user.username, username.trim().toLowerCase())).get();
}

export type SignInResult =
	| { ok: true; user: User }
	| { ok: false; reason: 'throttled'; waitMs: number }
	| { ok: false; reason: 'invalid' };

/**
 * Checks a username and password. Throttled per username (10 failures in 5 minutes); a client
 * address with many failures is slowed down, never blocked, since many people can share one
 * (a proxy, a college). Unknown usernames, disabled accounts and wrong passwords give the same
 * answer in about the same time, so the form never tells whether an account exists.
 */
export async function signIn(
	db: Database,
	input: { username: string; password: string; address: string },
	now = Date.now(),
	slowDown: (key: string) => Promise<void> = waitYourTurn
): Promise<SignInResult> {
	const nameKey = usernameKey(input.username);
	const placeKey = addressKey(input.address);
	const waitMs = getThrottleWait(db, [nameKey], now);
	if (waitMs > 0) {
		return { ok: false, reason: 'throttled', waitMs };
	}
	if (getThrottleWait(db, [placeKey], now) > 0) {
		await slowDown(placeKey);
	}
	const found = getUserByUsername(db, input.username);
	const valid =
		found?.passwordHash && !found.disabledAt
			? await verifyPasswordHash(found.passwordHash, input.password)
			: await verifyAgainstDummyHash(input.password);
	if (!found || !valid) {
		recordThrottleFailure(db, [nameKey, placeKey], now);
		// What was typed as an unknown username is not kept: it is sometimes a password.
		recordAudit(db, {
			actorId: found?.id ?? null,
			action: 'sign-in-failed',
			detail: found ? null : { reason: 'unknown username' }
		});
		return { ok: false, reason: 'invalid' };
	}
	clearThrottleFailures(db, [nameKey]);
	recordAudit(db, { actorId: found.id, action: 'sign-in' });
	return { ok: true, user: found };
}

export type JoinResult =
	| { ok: true; user: User }
	| { ok: false; field: 'code' | 'username' | 'password'; message: string };

const INVITE_PROBLEMS = {
	unknown: 'We do not recognise that code. Check it with your PA, or ask them for a new one.',
	expired: 'That code has run out. Ask your PA for a new one.',
	used: 'That code has already been used. If that was not you, tell your PA.'
} as const;

/** Uses an invite code: the person chooses their username and password. All or nothing. */
export async function joinWithInvite(
	db: Database,
	input: { code: string; username: string; password: string },
	now = Date.now()
): Promise<JoinResult> {
	const lookup = findInvite(db, input.code, now);
	if (!lookup.ok) {
		return { ok: false, field: 'code', message: INVITE_PROBLEMS[lookup.reason] };
	}
	const invited = getUserById(db, lookup.userId);
	if (!invited || invited.disabledAt) {
		return { ok: false, field: 'code', message: INVITE_PROBLEMS.unknown };
	}
	// A username chosen for them in advance (the first lead's) cannot be changed here.
	const username = invited.username ?? input.username;
	const taken = getUserByUsername(db, username);
	if (taken && taken.id !== invited.id) {
		return {
			ok: false,
			field: 'username',
			message: 'Someone already has that username. Try another.'
		};
	}
	const problem = checkPasswordStrength(input.password, username);
	if (problem) {
		return { ok: false, field: 'password', message: problem };
	}
	const passwordHash = await hashPassword(input.password);
	const joined = db.transaction((tx) => {
		if (!consumeInvite(tx, lookup.inviteId, now)) {
			return null;
		}
		tx.update(user)
			.set({ username, passwordHash, passwordChangedAt: new Date(now), updatedAt: new Date(now) })
			.where(eq(user.id, invited.id))
			.run();
		// A new code for someone who had joined is a password reset: end their old sessions.
		endUserSessions(tx, invited.id);
		recordAudit(tx, { actorId: invited.id, action: 'invite-used', subjectUserId: invited.id });
		return tx.select().from(user).where(eq(user.id, invited.id)).get() ?? null;
	});
	if (!joined) {
		return { ok: false, field: 'code', message: INVITE_PROBLEMS.used };
	}
	return { ok: true, user: joined };
}

export type ChangePasswordResult =
	{ ok: true } | { ok: false; field: 'currentPassword' | 'newPassword'; message: string };

/**
 * Needs the current password; ends every other session of the account. Wrong current passwords
 * are throttled per account with a growing wait (someone holding a signed-in phone must not be
 * able to guess their way to the password) and audited.
 */
export async function changePassword(
	db: Database,
	account: User,
	input: { currentPassword: string; newPassword: string; keepSessionId: string },
	now = Date.now()
): Promise<ChangePasswordResult> {
	const key = throttleKey('currentPassword', String(account.id));
	const waitMs = getThrottleWait(db, [key], now);
	if (waitMs > 0) {
		return { ok: false, field: 'currentPassword', message: waitMessage(waitMs) };
	}
	const valid =
		account.passwordHash && (await verifyPasswordHash(account.passwordHash, input.currentPassword));
	if (!valid) {
		recordThrottleFailure(db, [key], now);
		recordAudit(db, {
			actorId: account.id,
			action: 'password-change-failed',
			subjectUserId: account.id
		});
		return { ok: false, field: 'currentPassword', message: 'That is not your current password.' };
	}
	const problem = checkPasswordStrength(input.newPassword, account.username ?? undefined);
	if (problem) {
		return { ok: false, field: 'newPassword', message: problem };
	}
	const passwordHash = await hashPassword(input.newPassword);
	db.transaction((tx) => {
		tx.update(user)
			.set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
			.where(eq(user.id, account.id))
			.run();
		endUserSessions(tx, account.id, input.keepSessionId);
		recordAudit(tx, { actorId: account.id, action: 'password-changed', subjectUserId: account.id });
	});
	clearThrottleFailures(db, [key]);
	return { ok: true };
}

// ——— Care leavers and caseloads ———

export function listAdvisers(db: Database) {
	return db
		.select({ id: user.id, name: user.name })
		.from(user)
		.where(and(eq(user.role, 'adviser'), isNull(user.disabledAt)))
		.orderBy(asc(user.name))
		.all();
}

/** The young people a member of staff may see: an adviser's caseload, or everyone for a lead. */
export function listCaseload(db: Database, viewer: User, now = Date.now()) {
	const condition =
		viewer.role === 'lead'
			? eq(user.role, 'leaver')
			: and(eq(user.role, 'leaver'), eq(user.adviserId, viewer.id));
	const rows = db
		.select({
			id: user.id,
			name: user.name,
			username: user.username,
			dateOfBirth: user.dateOfBirth,
			adviserId: user.adviserId,
			disabledAt: user.disabledAt,
			passwordHash: user.passwordHash
		})
		.from(user)
		.where(condition)
		.orderBy(asc(user.name), asc(user.id))
		.all();
	const advisers = new Map(listAdvisers(db).map((adviser) => [adviser.id, adviser.name]));
	return rows.map(({ passwordHash, ...row }) => ({
		...row,
		adviserName: row.adviserId ? (advisers.get(row.adviserId) ?? 'Unknown') : 'No PA yet',
		inviteStatus: accountStatus(db, { id: row.id, passwordHash }, now)
	}));
}

/** "joined" once they have a password (demo accounts never had an invite), else the invite's state. */
export function accountStatus(
	db: Database,
	row: { id: number; passwordHash: string | null },
	now = Date.now()
) {
	return row.passwordHash ? ('joined' as const) : getInviteStatus(db, row.id, now);
}

/** A young person's record if the viewer may see it (their PA, or a lead); otherwise undefined. */
export function getLeaverForStaff(db: Database, viewer: User, leaverId: number) {
	const leaver = db
		.select()
		.from(user)
		.where(and(eq(user.id, leaverId), eq(user.role, 'leaver')))
		.get();
	if (!leaver) {
		return undefined;
	}
	if (viewer.role === 'lead' || (viewer.role === 'adviser' && leaver.adviserId === viewer.id)) {
		return leaver;
	}
	return undefined;
}

/**
 * A member of staff has a young person's record in front of them: the page's `?/seen` POST, once
 * per view. Not the page's load, which also runs when a link to it is only hovered.
 */
export function recordLeaverRecordSeen(db: Database, viewer: User, leaver: { id: number }) {
	recordAudit(db, { actorId: viewer.id, action: 'leaver-record-opened', subjectUserId: leaver.id });
}

function assertAdviser(db: Database, adviserId: number) {
	const adviser = getUserById(db, adviserId);
	return adviser && adviser.role === 'adviser' && !adviser.disabledAt ? adviser : undefined;
}

export type CreateLeaverResult =
	| { ok: true; leaver: User; code: string; expiresAt: Date }
	| { ok: false; field: 'adviserId'; message: string };

/** A PA adds a young person to a caseload and gets a one-time invite code to give them. */
export function createLeaver(
	db: Database,
	actor: User,
	input: {
		name: string;
		dateOfBirth: string;
		adviserId: number;
		livesInArea: boolean;
		inEducation: boolean;
	}
): CreateLeaverResult {
	if (!assertAdviser(db, input.adviserId)) {
		return { ok: false, field: 'adviserId', message: 'Choose a PA from the list' };
	}
	return db.transaction((tx) => {
		const leaver = tx
			.insert(user)
			.values({
				role: 'leaver',
				name: input.name,
				dateOfBirth: input.dateOfBirth,
				adviserId: input.adviserId,
				livesInArea: input.livesInArea,
				inEducation: input.inEducation
			})
			.returning()
			.get();
		const { code, expiresAt } = issueInvite(tx, leaver.id, actor.id);
		recordAudit(tx, { actorId: actor.id, action: 'invite-created', subjectUserId: leaver.id });
		return { ok: true as const, leaver, code, expiresAt };
	});
}

export type ReissueResult =
	{ ok: true; code: string; expiresAt: Date } | { ok: false; message: string };

/**
 * A new code; the old one stops working. For a care leaver who has joined it is how their PA
 * resets a forgotten password. Staff who have joined never get one: whoever holds the code would
 * take over the account (and a lead's powers), so the answer is no, whoever asks.
 */
export function reissueInvite(db: Database, actor: User, subject: User): ReissueResult {
	if (isStaffRole(subject.role) && subject.passwordHash) {
		return {
			ok: false,
			message: `${subject.name} has already joined, so a new code is not possible. If they cannot sign in, a lead can reset their two-step sign-in, or turn this account off and invite them again.`
		};
	}
	return db.transaction((tx) => {
		const issued = issueInvite(tx, subject.id, actor.id);
		recordAudit(tx, {
			actorId: actor.id,
			action: 'invite-created',
			subjectUserId: subject.id,
			detail: { reissued: true }
		});
		return { ok: true as const, ...issued };
	});
}

export function transferLeaver(db: Database, actor: User, leaver: User, adviserId: number) {
	if (!assertAdviser(db, adviserId)) {
		return { ok: false as const, message: 'Choose a PA from the list' };
	}
	db.transaction((tx) => {
		tx.update(user).set({ adviserId, updatedAt: new Date() }).where(eq(user.id, leaver.id)).run();
		recordAudit(tx, {
			actorId: actor.id,
			action: 'leaver-transferred',
			subjectUserId: leaver.id,
			detail: { from: leaver.adviserId, to: adviserId }
		});
	});
	return { ok: true as const };
}

// ——— Staff accounts (leads only) ———

export function listStaff(db: Database, now = Date.now()) {
	return db
		.select()
		.from(user)
		.where(inArray(user.role, ['adviser', 'lead']))
		.orderBy(asc(user.name), asc(user.id))
		.all()
		.map((row) => ({
			id: row.id,
			name: row.name,
			username: row.username,
			role: row.role,
			disabled: row.disabledAt !== null,
			mfaEnabled: row.totpKey !== null,
			inviteStatus: accountStatus(db, row, now)
		}));
}

export function getStaffMember(db: Database, id: number) {
	const row = getUserById(db, id);
	return row && isStaffRole(row.role) ? row : undefined;
}

export function createStaff(
	db: Database,
	actor: User | null,
	input: { name: string; role: 'adviser' | 'lead'; username?: string }
) {
	return db.transaction((tx) => {
		const member = tx
			.insert(user)
			.values({ role: input.role, name: input.name, username: input.username ?? null })
			.returning()
			.get();
		const { code, expiresAt } = issueInvite(tx, member.id, actor?.id ?? null);
		recordAudit(tx, {
			actorId: actor?.id ?? null,
			action: 'invite-created',
			subjectUserId: member.id,
			detail: { role: input.role }
		});
		return { member, code, expiresAt };
	});
}

export function changeRole(db: Database, actor: User, member: User, role: 'adviser' | 'lead') {
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
export function setAccountDisabled(
	db: Database,
	actor: User | null,
	member: User,
	disabled: boolean,
	detail?: Record<string, unknown>
): boolean {
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
				// gets no more notices.
				endUserSessions(tx, member.id);
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

export function signOutEverywhere(db: Database, account: User) {
	invalidateUserSessions(db, account.id);
	recordAudit(db, {
		actorId: account.id,
		action: 'sign-out-everywhere',
		subjectUserId: account.id
	});
}
