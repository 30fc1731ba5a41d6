import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { addDays, londonDayStart } from '$lib/london-time';
import type { Database, Executor } from './db/connection';
import { auditEvent, user } from './db/schema';

/** Everything the audit trail records. Kept as one list so the filter on /lead/audit can offer it. */
export const AUDIT_ACTIONS = {
	'sign-in': 'Signed in',
	'sign-in-failed': 'Sign-in failed',
	'sign-in-refused': 'Sign-in refused (not allowed this way, or not invited)',
	'oidc-linked': 'Linked a council account',
	'sign-out': 'Signed out',
	'sign-out-everywhere': 'Signed out everywhere',
	'password-changed': 'Changed password',
	'password-change-failed': 'Password change refused (wrong current password)',
	'mfa-set-up': 'Set up two-step sign-in',
	'mfa-turned-off': 'Turned off two-step sign-in',
	'mfa-reset': 'Reset two-step sign-in',
	'mfa-recovery-used': 'Used a recovery code',
	'mfa-failed': 'Two-step sign-in code refused',
	'invite-created': 'Created an invite',
	'invite-used': 'Joined with an invite',
	'role-changed': 'Changed a role',
	'email-changed': 'Changed a work email',
	'account-disabled': 'Disabled an account',
	'account-enabled': 'Enabled an account',
	'leaver-transferred': 'Moved a young person to another PA',
	'leaver-record-opened': "Opened a young person's record",
	'data-exported': 'Downloaded data',
	'request-opened': 'Opened a request',
	'request-replied': 'Replied to a request',
	'request-note-added': 'Added an internal note',
	'request-status-changed': 'Changed a request’s status',
	'request-handed-over': 'Handed a request over',
	'settings-changed': 'Changed settings',
	'offer-created': 'Created an offer',
	'offer-saved': 'Saved an offer',
	'offer-published': 'Published an offer',
	'offer-unpublished': 'Unpublished an offer',
	'offer-reviewed': 'Marked an offer as reviewed',
	'offer-restored': 'Restored an older version of an offer',
	'offer-moved': 'Moved an offer in its topic',
	'category-changed': 'Changed a topic',
	'you-said-we-did-changed': 'Changed "You said, we did"',
	'translation-saved': 'Saved a translation',
	'translation-checked': 'Marked a translation as checked',
	'translation-imported': 'Imported translations',
	'away-changed': 'Set or ended time away',
	'opportunity-created': 'Created an opportunity',
	'opportunity-saved': 'Saved an opportunity',
	'opportunity-published': 'Published an opportunity',
	'opportunity-closed': 'Closed an opportunity early',
	'opportunities-imported': 'Imported opportunities from a CSV',
	'event-created': 'Created an event',
	'event-saved': 'Saved an event',
	'event-published': 'Published an event',
	'event-closed': 'Closed or cancelled an event',
	'event-attendance-marked': 'Marked who came to an event',
	'pledge-created': 'Made a pledge',
	'pledge-approved': 'Approved a pledge',
	'pledge-declined': 'Declined a pledge',
	'pledge-saved': 'Changed what young people see of a pledge',
	'pledge-ended': 'Ended a pledge',
	'pledge-matched': 'Matched a young person with a pledge',
	'pledge-outcome': 'Recorded how a pledge match went',
	'contact-logged': 'Logged a contact with a young person',
	'check-in-frequency-set': 'Set how often the app asks a young person how they are',
	'pathway-review-set': 'Set the date of a pathway plan review',
	'news-posted': 'Sent news to young people',
	'news-edited': 'Changed news sent to young people',
	'news-withdrawn': 'Withdrew news sent to young people'
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function recordAudit(
	db: Executor,
	entry: {
		actorId: number | null;
		action: AuditAction;
		subjectUserId?: number | null;
		target?: string | null;
		detail?: Record<string, unknown> | null;
		at?: Date;
	}
) {
	db.insert(auditEvent)
		.values({
			at: entry.at ?? new Date(),
			actorId: entry.actorId,
			action: entry.action,
			subjectUserId: entry.subjectUserId ?? null,
			target: entry.target ?? null,
			detail: entry.detail ?? null
		})
		.run();
}

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilters = {
	actorId?: number;
	action?: AuditAction;
	/** UK days ("YYYY-MM-DD"), both included: a lead's "15 July" is 15 July in the UK. */
	from?: string;
	to?: string;
	page?: number;
};

export function listAuditEvents(db: Database, filters: AuditFilters) {
	const conditions: SQL[] = [];
	if (filters.actorId !== undefined) {
		conditions.push(eq(auditEvent.actorId, filters.actorId));
	}
	if (filters.action) {
		conditions.push(eq(auditEvent.action, filters.action));
	}
	if (filters.from) {
		conditions.push(gte(auditEvent.at, new Date(londonDayStart(filters.from))));
	}
	if (filters.to) {
		conditions.push(lt(auditEvent.at, new Date(londonDayStart(addDays(filters.to, 1)))));
	}
	const where = conditions.length ? and(...conditions) : undefined;
	const page = Math.max(1, filters.page ?? 1);
	const actor = alias(user, 'actor');
	const subject = alias(user, 'subject');
	const rows = db
		.select({
			id: auditEvent.id,
			at: auditEvent.at,
			action: auditEvent.action,
			target: auditEvent.target,
			detail: auditEvent.detail,
			actorName: actor.name,
			actorUsername: actor.username,
			subjectName: subject.name
		})
		.from(auditEvent)
		.leftJoin(actor, eq(actor.id, auditEvent.actorId))
		.leftJoin(subject, eq(subject.id, auditEvent.subjectUserId))
		.where(where)
		.orderBy(desc(auditEvent.at), desc(auditEvent.id))
		.limit(AUDIT_PAGE_SIZE)
		.offset((page - 1) * AUDIT_PAGE_SIZE)
		.all();
	const total = db.select({ n: count() }).from(auditEvent).where(where).get()?.n ?? 0;
	return { rows, total, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}
