/** Care leavers and caseloads: who each PA looks after, invites for young people, moves between PAs. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from './db/connection';
import { user } from './db/schema';
import { recordAudit } from './audit';
import { getInviteStatus, issueInvite } from './auth/invite';
import type { User } from './auth/session';

import { getUserById } from './users';

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
			passwordHash: user.passwordHash,
			createdAt: user.createdAt
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
	row: { id: number; passwordHash: string | null; oidcSubject?: string | null },
	now = Date.now()
) {
	// Signing in with the council's identity provider is joining too.
	return row.passwordHash || row.oidcSubject
		? ('joined' as const)
		: getInviteStatus(db, row.id, now);
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

export function assertAdviser(db: Database, adviserId: number) {
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
	if (subject.role !== 'leaver' && (subject.passwordHash || subject.oidcSubject)) {
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
