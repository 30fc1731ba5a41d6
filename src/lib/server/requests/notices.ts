/**
 * What people do with requests, with the notices that go with it: the form actions and their JSON
 * twins call these, so a notice is never forgotten on one path. The plain functions they wrap
 * (createSupportRequest, replyAsStaff, …) send nothing, for the demo data and tests.
 */
import { eq } from 'drizzle-orm';
import type { NoticeKind } from '$lib/schemas/notices';
import { ORIGIN } from '../config';
import type { Database } from '../db/connection';
import { user } from '../db/schema';
import { queueRequestMail, wantsNotice } from '../mail';
import { NOTIFICATION_TEXT, notify, type NoticeText } from '../notify';
import { getPublishedOfferBySlug } from '../offers';
import type { User } from '../auth/session';
import { createSupportRequest, replyAsLeaver, type NewRequestInput } from './leaver';
import { handOverRequest, replyAsStaff } from './staff';
import type { SupportRequest } from './targets';

/**
 * A push notice with nothing personal in it (NOTIFICATION_TEXT), and an email if a young person
 * asked for one. Staff notices have a `kind`, and go only if its owner wants that kind by push
 * (/account/notices); staff emails go through the queue instead (src/lib/server/mail).
 */
function tell(
	db: Database,
	userId: number,
	text: NoticeText,
	url: string,
	{ kind, email = null }: { kind?: NoticeKind; email?: string | null } = {}
) {
	if (kind) {
		const person = db
			.select({ noticeChoices: user.noticeChoices })
			.from(user)
			.where(eq(user.id, userId))
			.get();
		if (person && !wantsNotice(person, kind, 'push')) {
			return;
		}
	}
	notify(db, { userId, text, url, email }, ORIGIN);
}

/** What a PA is told about a request that is new to them: urgent or not. */
const newRequestKind = (request: Pick<SupportRequest, 'urgent'>): NoticeKind =>
	request.urgent ? 'urgent-request' : 'new-request';

export const UNKNOWN_OFFER_MESSAGE = 'Choose an offer from the list, or leave it empty';

/** A care leaver asks for help (about a published offer, or none); their PA is told. */
export function submitSupportRequest(db: Database, leaver: User, input: NewRequestInput) {
	if (input.offer && !getPublishedOfferBySlug(db, input.offer)) {
		return { ok: false as const, errors: { offer: UNKNOWN_OFFER_MESSAGE } };
	}
	// Urgent requests always reach someone by email, whatever anyone chose (noticeRecipients).
	const { request, created } = createSupportRequest(db, leaver, input, Date.now(), (tx, made) => {
		const kind = newRequestKind(made);
		queueRequestMail(tx, made, kind, `${kind}:${made.id}`, { always: made.urgent });
	});
	if (created && request.adviserId) {
		tell(
			db,
			request.adviserId,
			NOTIFICATION_TEXT.newRequestForAdviser,
			`/staff/requests/${request.id}`,
			{ kind: newRequestKind(request) }
		);
	}
	return { ok: true as const, request, created };
}

/** A care leaver replies; the PA holding the request is told. */
export function sendReplyAsLeaver(
	db: Database,
	leaver: User,
	request: SupportRequest,
	input: Parameters<typeof replyAsLeaver>[3]
) {
	// A reply with crisis words makes the request urgent: its email then goes whatever was chosen.
	const result = replyAsLeaver(db, leaver, request, input, Date.now(), (tx, reply) =>
		queueRequestMail(tx, request, 'reply', `reply:${leaver.id}:${input.idempotencyKey}`, {
			always: reply.crisis
		})
	);
	if (result.created && request.adviserId) {
		tell(db, request.adviserId, NOTIFICATION_TEXT.leaverReplied, `/staff/requests/${request.id}`, {
			kind: 'reply'
		});
	}
	return result;
}

/** Staff reply; the young person is told (by email too, if that is how they asked). */
export function sendReplyAsStaff(
	db: Database,
	staff: User,
	request: SupportRequest,
	input: Parameters<typeof replyAsStaff>[3]
) {
	const result = replyAsStaff(db, staff, request, input);
	if (result.created) {
		tell(db, request.leaverId, NOTIFICATION_TEXT.replyToLeaver, `/requests/${request.id}`, {
			email: request.contactBy === 'email' ? request.contactDetail : null
		});
	}
	return result;
}

/** A request is handed to another PA, who is told. */
export function handOverAndTell(
	db: Database,
	staff: User,
	request: SupportRequest,
	input: Parameters<typeof handOverRequest>[3]
) {
	const handedTo = { id: request.id, adviserId: input.adviserId, coverForId: null };
	const now = Date.now();
	const result = handOverRequest(db, staff, request, input, now, (tx) =>
		queueRequestMail(
			tx,
			handedTo,
			newRequestKind(request),
			`handed-over:${request.id}:${input.adviserId}:${now}`,
			{ always: request.urgent }
		)
	);
	if (result.ok) {
		tell(
			db,
			input.adviserId,
			NOTIFICATION_TEXT.newRequestForAdviser,
			`/staff/requests/${request.id}`,
			{ kind: newRequestKind(request) }
		);
	}
	return result;
}
