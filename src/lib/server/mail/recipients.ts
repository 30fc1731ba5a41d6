/** Who an email about a request goes to, and the team inbox that catches urgent ones. */
import { and, eq, isNull, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { NoticeKind } from '$lib/schemas/notices';
import { readSetting, writeSetting } from '../settings';
import type { Database, Executor } from '../db/connection';
import { supportRequest, user } from '../db/schema';
import { isAway } from '../away';
import { getUserById } from '../users';
import { wantsNotice } from './choices';

const TEAM_INBOX_KEY = 'team-inbox';

export const teamInboxSchema = z.object({
	teamInbox: z
		.string({ error: 'Enter an email address, or leave it empty' })
		.trim()
		.toLowerCase()
		.max(254, 'Use 254 characters or fewer')
		.refine((value) => value === '' || z.email().safeParse(value).success, {
			message: 'Enter an email address like team@council.gov.uk, or leave it empty'
		})
});

/** The address that gets urgent requests when their PA cannot be emailed; null when unset. */
export function getTeamInbox(db: Executor): string | null {
	return readSetting(db, TEAM_INBOX_KEY, z.string().min(1).nullable(), null);
}

/** A lead sets (or, with '', clears) the team inbox address; audited. */
export function saveTeamInbox(db: Database, lead: { id: number }, address: string) {
	writeSetting(db, lead, TEAM_INBOX_KEY, address, {
		target: TEAM_INBOX_KEY,
		detail: { teamInbox: address || null }
	});
}

export type MailRecipient = { userId: number | null; address: string };

/**
 * Who gets the email about a request: its PA, when they have an email address, an account that
 * is on, and asked for this kind by email. Urgent ones (`always`) reach someone whatever anyone
 * chose: the PA by email; when the PA cannot be emailed, the team inbox; without one, every lead
 * who has an address. A request made while its PA is away is already the covering colleague's
 * (its adviserId); when the team inbox covers, the team inbox gets every notice about it.
 */
export function noticeRecipients(
	db: Executor,
	request: Pick<typeof supportRequest.$inferSelect, 'adviserId' | 'coverForId'>,
	kind: NoticeKind,
	{ always = false }: { always?: boolean } = {}
): MailRecipient[] {
	// Made while its PA was away with the team covering (src/lib/server/away.ts): while they are
	// still away the team hears about everything, as the PA would have (the team inbox, or every
	// lead when there is none); once they are back, the PA does again.
	const awayPa =
		request.adviserId === null && request.coverForId !== null
			? getUserById(db, request.coverForId)
			: undefined;
	if (awayPa && isAway(awayPa)) {
		return teamRecipients(db);
	}
	const adviserId = request.adviserId ?? awayPa?.id ?? null;
	const adviser = adviserId === null ? undefined : getUserById(db, adviserId);
	const reachable = adviser && !adviser.disabledAt && adviser.email ? adviser : undefined;
	if (reachable?.email && (always || wantsNotice(reachable, kind, 'email'))) {
		return [{ userId: reachable.id, address: reachable.email }];
	}
	if (!always || reachable) {
		return [];
	}
	return teamRecipients(db);
}

/** The team: the team inbox address, or every lead with an address when there is none. */
function teamRecipients(db: Executor): MailRecipient[] {
	const teamInbox = getTeamInbox(db);
	if (teamInbox) {
		return [{ userId: null, address: teamInbox }];
	}
	return db
		.select({ userId: user.id, address: user.email })
		.from(user)
		.where(and(eq(user.role, 'lead'), isNull(user.disabledAt), isNotNull(user.email)))
		.all()
		.flatMap((lead) => (lead.address ? [{ userId: lead.userId, address: lead.address }] : []));
}
