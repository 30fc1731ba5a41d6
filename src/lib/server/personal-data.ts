import { eq, or } from 'drizzle-orm';
import type { Database } from './db/connection';
import { auditEvent, invite, session, user } from './db/schema';
import type { User } from './auth/session';

/**
 * Everything the app holds about one care leaver (UK GDPR right of access), as JSON.
 * Secrets are described, never included: hashes and keys would help nobody and could harm.
 * Each domain that stores personal data adds its part here.
 */
export function exportPersonalData(db: Database, account: User, now = new Date()) {
	const adviser = account.adviserId
		? db.select({ name: user.name }).from(user).where(eq(user.id, account.adviserId)).get()
		: undefined;
	return {
		exportedAt: now.toISOString(),
		about: 'Everything this app holds about you. Ask your PA if anything here is wrong.',
		account: {
			username: account.username,
			firstName: account.name,
			dateOfBirth: account.dateOfBirth,
			livesInArea: account.livesInArea,
			inEducation: account.inEducation,
			personalAdviser: adviser?.name ?? null,
			twoStepSignIn: account.totpKey ? 'on' : 'off',
			password: 'kept only as a one-way hash, so nobody can read it',
			createdAt: account.createdAt.toISOString(),
			passwordChangedAt: account.passwordChangedAt?.toISOString() ?? null
		},
		sessions: db
			.select({
				device: session.device,
				createdAt: session.createdAt,
				lastSeenAt: session.lastSeenAt,
				expiresAt: session.expiresAt
			})
			.from(session)
			.where(eq(session.userId, account.id))
			.all(),
		invites: db
			.select({ createdAt: invite.createdAt, expiresAt: invite.expiresAt, usedAt: invite.usedAt })
			.from(invite)
			.where(eq(invite.userId, account.id))
			.all(),
		activityLog: db
			.select({ at: auditEvent.at, action: auditEvent.action, target: auditEvent.target })
			.from(auditEvent)
			.where(or(eq(auditEvent.subjectUserId, account.id), eq(auditEvent.actorId, account.id)))
			.all()
	};
}
