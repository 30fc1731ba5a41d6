import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { EventType } from '$lib/schemas/analytics';
import type { MatchOutcome } from '$lib/schemas/pledge';
import { CONTACT_LABELS, STATUS_FOR_LEAVER, topicLabel } from '$lib/request-labels';
import { AUDIT_ACTIONS, recordAudit } from './audit';
import type { User } from './auth/session';
import { usernameKey } from './auth/throttle';
import type { Database } from './db/connection';
import { listPlacesOfLeaver } from './events';
import { listCheckInsForExport, listContactsForExport } from './personal-data-in-touch';
import { formatPounds } from './pledges';
import {
	analyticsEvent,
	auditEvent,
	category,
	invite,
	offer,
	opportunity,
	pledge,
	pledgeMatch,
	pushSubscription,
	requestMessage,
	session,
	supportRequest,
	throttleFailure,
	user,
	type PlaceStatus
} from './db/schema';

/**
 * The tables "Download my data" reads, and where each shows in the file.
 * tests/unit/personal-data.spec.ts checks that every table with a column pointing at a person is
 * here or in PERSONAL_DATA_EXCLUSIONS, and that a row put in each table here comes out in the file.
 */
export const PERSONAL_DATA_TABLES = {
	user: 'account',
	session: 'sessions',
	invite: 'invites',
	support_request: 'requests',
	request_message: 'requests → messages (never internal notes: see notIncluded)',
	push_subscription: 'notifications',
	analytics_event: 'usage',
	audit_event: 'activityLog',
	throttle_failure: 'failedSignIns (keyed by username, not by a user column)',
	event_place: 'events',
	pledge_match: 'pledgeMatches (never who the supporter is)',
	check_in: 'checkIns (health data: kept for CHECK_IN_RETENTION_MONTHS)',
	contact_log: 'contactsLogged'
} as const satisfies Record<string, string>;

/**
 * Tables that point at a person but are not in "Download my data", and why. A new table that
 * points at a person fails tests/unit/personal-data.spec.ts until it is read by the export or
 * added here with its reason.
 */
export const PERSONAL_DATA_EXCLUSIONS: Record<string, string> = {
	// author_id is the member of staff who saved a version of an offer page.
	offer_version: 'staff edits to the offer, not about a young person',
	// created_by_id is the member of staff who wrote the post; the posts are public.
	you_said_we_did: 'staff-written "You said, we did" posts, not about a young person',
	// user_id is the member of staff an email notice went to; emails never name a young person.
	mail_outbox: 'email notices to staff, which never name a young person or say what they asked',
	// updated_by_id and author_id are the lead who saved or imported a translation of the offer.
	content_translation: 'staff translations of the offer, not about a young person',
	content_translation_version: 'earlier versions of staff translations, not about a young person',
	// created_by_id is the member of staff who wrote it; opportunities and events are public.
	opportunity: 'staff-written opportunities on the public board, not about a young person',
	calendar_event: 'staff-written events on the public list, not about a young person',
	// supporter_id and decided_by_id are the supporter who offered it and the lead who decided.
	// Supporters sign in like staff, without "Download my data"; a young person's side of a
	// pledge is in pledge_match and their requests.
	pledge: "a supporter's own pledges of time or money, not about a young person",
	// author_id and adviser_id are the member of staff who wrote it and, for a PA's message, that
	// PA; news goes to groups of young people and names none of them.
	team_news: 'staff-written news to groups of young people, not about any one of them'
};

/** What each kind of usage event means, in words a young person knows from the app. */
const USAGE_LABELS: Record<EventType, string> = {
	page_view: 'Looked at a page',
	offer_view: 'Looked at part of the offer',
	offer_save: 'Saved part of the offer',
	offer_unsave: 'Removed part of the offer from your saved list',
	offer_used: 'Tapped "I\'ve used this"',
	offer_contact: 'Tapped a way to get in touch about part of the offer',
	search: 'Searched',
	eligibility_check: 'Used "What can I get?"',
	install: 'Added the app to your home screen'
};

/** What each state of an "I'm going" means, in the words the events page uses. */
const PLACE_LABELS: Record<PlaceStatus, string> = {
	going: "You're going",
	waiting: "You're on the waiting list",
	cancelled: 'You cancelled your place'
};

/** How a pledge match went, as said to the young person. */
const OUTCOME_LABELS: Record<MatchOutcome, string> = {
	'took-place': 'It happened',
	'did-not': 'It did not happen',
	'money-paid': 'The money was paid'
};

const ABOUT =
	'Everything this app holds about you, made when you pressed "Download my data". ' +
	'Times are in UTC (UK winter time), written like 2026-11-23T10:00:00.000Z. ' +
	'Ask your PA if anything here is wrong: you can ask for it to be put right.';

/**
 * What is held but not in the file, said plainly. Internal notes: the right of access covers
 * them, but they can name other people or hold things a social worker must check before they
 * are shared (UK GDPR and the Data Protection Act 2018, Schedule 2 and 3), so they are given on
 * request by a person, not by a download.
 */
const NOT_INCLUDED = [
	'Internal notes. Staff can write notes to each other about your requests. They are not in this ' +
		'file, because they can be about other people or about how the service works, and someone ' +
		'needs to check them before they are shared. You still have the right to see notes about you: ' +
		"ask your PA or the council's data protection officer, and they will go through them and " +
		'give you what the law allows.',
	'Your password and sign-in secrets. We only keep them scrambled (a one-way hash), so nobody ' +
		'can read them, not even us.',
	'The parts of the offer you saved, and the ones you marked "I\'ve used this". These are kept ' +
		'only on your phone, not by us. The "usage" list shows when you saved one while signed in.',
	'"Was this helpful?" answers on offer pages, and messages sent with "Tell us what you think". ' +
		'We do not record who sent them, so we cannot find yours. If you put your name on a ' +
		'message, ask your PA and we will look for it.',
	'Things you did in the app while signed out. We do not know they were you.',
	'For a pledge you were matched with: who made it, and the note your PA wrote for them about ' +
		'meeting you. Ask your PA if you want to see the note.',
	'Technical codes the app uses to work, such as the random codes that stop a message being ' +
		'sent twice, and the keys your phone uses for notifications.'
];

function iso(value: Date | number | null | undefined): string | null {
	return value === null || value === undefined ? null : new Date(value).toISOString();
}

/** Only the push service's host ("fcm.googleapis.com"): the full address works like a key. */
function pushServiceHost(endpoint: string): string {
	try {
		return new URL(endpoint).host;
	} catch {
		return 'unknown';
	}
}

/**
 * Everything the app holds about one care leaver (UK GDPR right of access), as JSON a young
 * person can read: plain key names, ISO times. Secrets are described, never included: hashes
 * and keys would help nobody and could harm. A table that gains a column pointing at a person
 * is added here (and to PERSONAL_DATA_TABLES) or to PERSONAL_DATA_EXCLUSIONS.
 */
export function exportPersonalData(db: Database, account: User, now = new Date()) {
	const staffNames = new Map<number, string>();
	const nameOf = (id: number | null) => {
		if (id === null) {
			return null;
		}
		if (!staffNames.has(id)) {
			const row = db.select({ name: user.name }).from(user).where(eq(user.id, id)).get();
			staffNames.set(id, row?.name ?? 'a member of staff');
		}
		return staffNames.get(id)!;
	};

	return {
		exportedAt: now.toISOString(),
		about: ABOUT,
		notIncluded: NOT_INCLUDED,
		account: {
			username: account.username,
			firstName: account.name,
			dateOfBirth: account.dateOfBirth,
			email: account.email,
			livesInArea: account.livesInArea,
			inEducation: account.inEducation,
			language: account.language,
			personalAdviser: nameOf(account.adviserId),
			twoStepSignIn: account.totpKey ? 'on' : 'off',
			password: 'kept only as a one-way hash, so nobody can read it',
			createdAt: iso(account.createdAt),
			lastChangedAt: iso(account.updatedAt),
			passwordChangedAt: iso(account.passwordChangedAt),
			disabledAt: iso(account.disabledAt)
		},
		requests: listRequests(db, account, nameOf),
		sessions: db
			.select({
				device: session.device,
				createdAt: session.createdAt,
				lastSeenAt: session.lastSeenAt,
				expiresAt: session.expiresAt
			})
			.from(session)
			.where(eq(session.userId, account.id))
			.orderBy(asc(session.createdAt))
			.all()
			.map((row) => ({
				device: row.device,
				signedInAt: iso(row.createdAt),
				lastUsedAt: iso(row.lastSeenAt),
				endsAt: iso(row.expiresAt)
			})),
		invites: db
			.select({
				createdById: invite.createdById,
				createdAt: invite.createdAt,
				expiresAt: invite.expiresAt,
				usedAt: invite.usedAt,
				revokedAt: invite.revokedAt
			})
			.from(invite)
			.where(eq(invite.userId, account.id))
			.orderBy(asc(invite.createdAt))
			.all()
			.map((row) => ({
				madeBy: nameOf(row.createdById),
				madeAt: iso(row.createdAt),
				expiresAt: iso(row.expiresAt),
				usedAt: iso(row.usedAt),
				replacedAt: iso(row.revokedAt)
			})),
		// Columns named one by one: the keys and the full address are never read.
		notifications: db
			.select({ endpoint: pushSubscription.endpoint, createdAt: pushSubscription.createdAt })
			.from(pushSubscription)
			.where(eq(pushSubscription.userId, account.id))
			.orderBy(asc(pushSubscription.createdAt))
			.all()
			.map((row) => ({
				turnedOnAt: iso(row.createdAt),
				pushService: pushServiceHost(row.endpoint)
			})),
		usage: listUsage(db, account),
		events: listPlacesOfLeaver(db, account.id).map((place) => ({
			event: place.title,
			startsAt: iso(place.startsAt),
			place: PLACE_LABELS[place.status],
			came: place.attended,
			joinedAt: iso(place.queuedAt),
			remindedAt: iso(place.remindedAt),
			lastChangedAt: iso(place.updatedAt)
		})),
		pledgeMatches: listPledgeMatches(db, account),
		checkIns: listCheckInsForExport(db, account.id),
		contactsLogged: listContactsForExport(db, account.id, nameOf),
		activityLog: db
			.select({
				at: auditEvent.at,
				actorId: auditEvent.actorId,
				action: auditEvent.action,
				target: auditEvent.target,
				detail: auditEvent.detail
			})
			.from(auditEvent)
			.where(or(eq(auditEvent.subjectUserId, account.id), eq(auditEvent.actorId, account.id)))
			.orderBy(asc(auditEvent.at), asc(auditEvent.id))
			.all()
			.map((row) => ({
				at: iso(row.at),
				what: AUDIT_ACTIONS[row.action as keyof typeof AUDIT_ACTIONS] ?? row.action,
				by: row.actorId === account.id ? 'you' : row.actorId === null ? 'the app' : 'staff',
				action: row.action,
				about: row.target,
				detail: row.detail
			})),
		// Failed sign-ins are kept for 5 minutes to slow down guessing; they may not be yours.
		failedSignIns: account.username
			? db
					.select({ at: throttleFailure.at })
					.from(throttleFailure)
					.where(eq(throttleFailure.key, usernameKey(account.username)))
					.orderBy(asc(throttleFailure.at))
					.all()
					.map((row) => ({ at: iso(row.at) }))
			: []
	};
}

/** The young person's requests, with the messages they can see: never staff's internal notes. */
function listRequests(db: Database, account: User, nameOf: (id: number | null) => string | null) {
	const requests = db
		.select()
		.from(supportRequest)
		.where(eq(supportRequest.leaverId, account.id))
		.orderBy(asc(supportRequest.createdAt), asc(supportRequest.id))
		.all();
	if (requests.length === 0) {
		return [];
	}
	const categories = db.select({ slug: category.slug, name: category.name }).from(category).all();
	const offerSlugs = requests.flatMap((request) => (request.offerSlug ? [request.offerSlug] : []));
	const offerTitles = new Map(
		offerSlugs.length === 0
			? []
			: db
					.select({ slug: offer.slug, title: offer.title })
					.from(offer)
					.where(inArray(offer.slug, offerSlugs))
					.all()
					.map((row) => [row.slug, row.title])
	);
	const opportunityTitles = new Map(
		db
			.select({ id: opportunity.id, title: opportunity.title })
			.from(opportunity)
			.innerJoin(supportRequest, eq(supportRequest.opportunityId, opportunity.id))
			.where(eq(supportRequest.leaverId, account.id))
			.all()
			.map((row) => [row.id, row.title])
	);
	const pledgeTitles = new Map(
		db
			.select({ id: pledge.id, title: pledge.title })
			.from(pledge)
			.innerJoin(supportRequest, eq(supportRequest.pledgeId, pledge.id))
			.where(eq(supportRequest.leaverId, account.id))
			.all()
			.map((row) => [row.id, row.title])
	);
	const messages = db
		.select({
			requestId: requestMessage.requestId,
			authorId: requestMessage.authorId,
			body: requestMessage.body,
			crisis: requestMessage.crisis,
			createdAt: requestMessage.createdAt
		})
		.from(requestMessage)
		.innerJoin(supportRequest, eq(supportRequest.id, requestMessage.requestId))
		.where(and(eq(supportRequest.leaverId, account.id), eq(requestMessage.kind, 'message')))
		.orderBy(asc(requestMessage.createdAt), asc(requestMessage.id))
		.all();

	return requests.map((request) => ({
		number: request.id,
		topic: topicLabel(request.topic, categories),
		aboutOffer: request.offerSlug
			? (offerTitles.get(request.offerSlug) ?? request.offerSlug)
			: null,
		interestedIn: request.opportunityId
			? (opportunityTitles.get(request.opportunityId) ?? null)
			: null,
		askedForPledge: request.pledgeId ? (pledgeTitles.get(request.pledgeId) ?? null) : null,
		status: STATUS_FOR_LEAVER[request.status],
		urgent: request.urgent,
		crisisWordsFound: request.crisis,
		howYouWantedToBeContacted: CONTACT_LABELS[request.contactBy],
		contactDetailYouGave: request.contactDetail,
		whenToContactYou: request.contactWhen,
		answeredBy: nameOf(request.adviserId),
		sentAt: iso(request.createdAt),
		lastChangedAt: iso(request.updatedAt),
		firstReplyAt: iso(request.firstResponseAt),
		waitingForYouSince: iso(request.waitingSince),
		sortedAt: iso(request.resolvedAt),
		youLastReadItAt: iso(request.leaverReadAt),
		staffLastReadItAt: iso(request.adviserReadAt),
		didWeHelp: request.helpful,
		didWeHelpComment: request.helpfulComment,
		messages: messages
			.filter((message) => message.requestId === request.id)
			.map((message) => ({
				from: message.authorId === account.id ? 'you' : nameOf(message.authorId),
				sentAt: iso(message.createdAt),
				text: message.body,
				crisisWordsFound: message.crisis
			}))
	}));
}

/**
 * The pledges the young person was matched with, as young people see them (the lead's title).
 * Never the supporter, their own words about the pledge or the PA's note to them: the
 * supporter is only ever shown as the lead chose, and the note is written for the supporter.
 */
function listPledgeMatches(db: Database, account: User) {
	return db
		.select({
			title: pledge.title,
			meetWhen: pledgeMatch.meetWhen,
			meetWhere: pledgeMatch.meetWhere,
			outcome: pledgeMatch.outcome,
			hours: pledgeMatch.hours,
			paidPence: pledgeMatch.paidPence,
			createdAt: pledgeMatch.createdAt,
			updatedAt: pledgeMatch.updatedAt
		})
		.from(pledgeMatch)
		.innerJoin(pledge, eq(pledge.id, pledgeMatch.pledgeId))
		.where(eq(pledgeMatch.leaverId, account.id))
		.orderBy(asc(pledgeMatch.createdAt), asc(pledgeMatch.id))
		.all()
		.map((row) => ({
			pledge: row.title,
			when: row.meetWhen,
			where: row.meetWhere,
			howItWent: row.outcome ? OUTCOME_LABELS[row.outcome] : null,
			hours: row.hours,
			moneyPaid: row.paidPence === null ? null : formatPounds(row.paidPence),
			matchedAt: iso(row.createdAt),
			lastChangedAt: iso(row.updatedAt)
		}));
}

/** What the young person did in the app while signed in (events linked to their account). */
function listUsage(db: Database, account: User) {
	return db
		.select({
			at: analyticsEvent.at,
			type: analyticsEvent.type,
			offer: offer.title,
			path: analyticsEvent.path,
			query: analyticsEvent.query,
			results: analyticsEvent.results
		})
		.from(analyticsEvent)
		.leftJoin(offer, eq(offer.id, analyticsEvent.offerId))
		.where(eq(analyticsEvent.userId, account.id))
		.orderBy(asc(analyticsEvent.at), asc(analyticsEvent.id))
		.all()
		.map((row) => ({
			at: iso(row.at),
			what: USAGE_LABELS[row.type] ?? row.type,
			offer: row.offer,
			page: row.path,
			searchedFor: row.query,
			searchResults: row.results
		}));
}

/** The file a care leaver downloads from /account/my-data; each download is audited. */
export function downloadPersonalData(db: Database, account: User) {
	const data = exportPersonalData(db, account);
	recordAudit(db, { actorId: account.id, action: 'data-exported', subjectUserId: account.id });
	return JSON.stringify(data, null, 2);
}
