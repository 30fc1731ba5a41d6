/**
 * What people do with requests, with the notices that go with it: the form actions and their JSON
 * twins call these, so a notice is never forgotten on one path. The plain functions they wrap
 * (createSupportRequest, replyAsStaff, …) send nothing, for the demo data and tests.
 */
import { ORIGIN } from '../config';
import type { Database } from '../db/connection';
import { NOTIFICATION_TEXT, notify } from '../notify';
import { getPublishedOfferBySlug } from '../offers';
import type { User } from '../auth/session';
import { createSupportRequest, replyAsLeaver, type NewRequestInput } from './leaver';
import { handOverRequest, replyAsStaff } from './staff';
import type { SupportRequest } from './targets';

/** A notice with nothing personal in it (NOTIFICATION_TEXT), and an email if they asked for one. */
function tell(
	db: Database,
	userId: number,
	body: string,
	url: string,
	email: string | null = null
) {
	notify(db, { userId, body, url, email }, ORIGIN);
}

export const UNKNOWN_OFFER_MESSAGE = 'Choose an offer from the list, or leave it empty';

/** A care leaver asks for help (about a published offer, or none); their PA is told. */
export function submitSupportRequest(db: Database, leaver: User, input: NewRequestInput) {
	if (input.offer && !getPublishedOfferBySlug(db, input.offer)) {
		return { ok: false as const, errors: { offer: UNKNOWN_OFFER_MESSAGE } };
	}
	const { request, created } = createSupportRequest(db, leaver, input);
	if (created && request.adviserId) {
		tell(
			db,
			request.adviserId,
			NOTIFICATION_TEXT.newRequestForAdviser,
			`/staff/requests/${request.id}`
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
	const result = replyAsLeaver(db, leaver, request, input);
	if (result.created && request.adviserId) {
		tell(db, request.adviserId, NOTIFICATION_TEXT.leaverReplied, `/staff/requests/${request.id}`);
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
		tell(
			db,
			request.leaverId,
			NOTIFICATION_TEXT.replyToLeaver,
			`/requests/${request.id}`,
			request.contactBy === 'email' ? request.contactDetail : null
		);
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
	const result = handOverRequest(db, staff, request, input);
	if (result.ok) {
		tell(
			db,
			input.adviserId,
			NOTIFICATION_TEXT.newRequestForAdviser,
			`/staff/requests/${request.id}`
		);
	}
	return result;
}
