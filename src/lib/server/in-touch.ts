/**
 * Keeping in touch: when there was last two-way contact with each young person, and who the
 * service has lost touch with. Contact is a check-in, a message the young person wrote to their
 * PA, a message from the PA that the young person has read, or a contact the PA logs ("we met",
 * "we spoke on the phone", "they replied by text"). Signing in alone is not contact, and neither
 * is a message nobody read.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ageOn } from '$lib/eligibility';
import { addDays, londonDay, londonDayStart, londonToday } from '$lib/london-time';
import type { CheckInFrequency, ContactKind } from '$lib/schemas/check-in';
import { recordAudit } from './audit';
import type { User } from './auth/session';
import type { Database, Executor } from './db/connection';
import { checkIn, contactLog, user } from './db/schema';
import { readSetting, writeSetting } from './settings';

/** How a last contact happened, for the PA's list. */
export type ContactHow = 'check-in' | 'their-message' | 'read-reply' | ContactKind;

export type LastContact = { day: string; how: ContactHow };

const IN_TOUCH_WEEKS_KEY = 'in-touch-weeks';
export const DEFAULT_IN_TOUCH_WEEKS = 8;

/** After how many weeks without contact a young person counts as out of touch (a lead's setting). */
export function getInTouchWeeks(db: Executor) {
	return readSetting(
		db,
		IN_TOUCH_WEEKS_KEY,
		z.number().int().min(1).max(52),
		DEFAULT_IN_TOUCH_WEEKS
	);
}

export function saveInTouchWeeks(db: Database, lead: { id: number }, weeks: number) {
	writeSetting(db, lead, IN_TOUCH_WEEKS_KEY, weeks, {
		target: IN_TOUCH_WEEKS_KEY,
		detail: { weeks }
	});
}

/**
 * In touch: the last contact was on or after the day `weeks` weeks before today, counted in
 * London calendar days (so a clock change never moves anyone across the line by an hour).
 * `since` is when the young person was added: nobody is out of touch before they could be.
 */
export function isInTouch(
	last: string | null,
	since: string,
	weeks: number,
	now: number | Date = Date.now()
) {
	const cutoff = addDays(londonToday(now), -7 * weeks);
	const latest = last !== null && last > since ? last : since;
	return latest >= cutoff;
}

/** Whole weeks since a London day, for "no contact for 11 weeks". */
export function weeksSince(day: string, now: number | Date = Date.now()) {
	const days = Math.round((londonDayStart(londonToday(now)) - londonDayStart(day)) / 86_400_000);
	return Math.max(0, Math.floor(days / 7));
}

/** The government's age bands for care leavers kept in touch with. */
export const AGE_BANDS = ['17-18', '19-21', '22-25'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/**
 * A care leaver's band on a day (their age in London on that day; someone born on 29 February
 * has their birthday on 1 March in other years). Null outside 17 to 25.
 */
export function ageBand(dateOfBirth: string | null, now: Date = new Date()): AgeBand | null {
	const age = dateOfBirth ? ageOn(dateOfBirth, now) : null;
	if (age === null || age < 17 || age > 25) {
		return null;
	}
	return age <= 18 ? '17-18' : age <= 21 ? '19-21' : '22-25';
}

type Candidate = { leaverId: number; at: number; how: ContactHow };

/**
 * Each young person's last contact (London day and how), for the ids given. One query per kind
 * of contact, however many young people.
 */
export function lastContacts(db: Executor, leaverIds: readonly number[]) {
	const found = new Map<number, LastContact>();
	if (leaverIds.length === 0) {
		return found;
	}
	const ids = sql.join(
		leaverIds.map((id) => sql`${id}`),
		sql`, `
	);
	const candidates: Candidate[] = [
		...db
			.select({ leaverId: checkIn.leaverId, at: sql<number>`max(${checkIn.createdAt})` })
			.from(checkIn)
			.where(inArray(checkIn.leaverId, [...leaverIds]))
			.groupBy(checkIn.leaverId)
			.all()
			.map((row) => ({ ...row, how: 'check-in' as const })),
		// What they wrote to their PA (a request's first words are its first message).
		...db
			.all<{ leaverId: number; at: number }>(
				sql`SELECT r.leaver_id AS leaverId, max(m.created_at) AS at
					FROM request_message m JOIN support_request r ON r.id = m.request_id
					WHERE r.leaver_id IN (${ids}) AND m.author_id = r.leaver_id
					GROUP BY r.leaver_id`
			)
			.map((row) => ({ ...row, how: 'their-message' as const })),
		// What their PA wrote, once they have read it.
		...db
			.all<{ leaverId: number; at: number }>(
				sql`SELECT r.leaver_id AS leaverId, max(m.created_at) AS at
					FROM request_message m JOIN support_request r ON r.id = m.request_id
					WHERE r.leaver_id IN (${ids}) AND m.author_id <> r.leaver_id
						AND m.kind = 'message' AND r.leaver_read_at >= m.created_at
					GROUP BY r.leaver_id`
			)
			.map((row) => ({ ...row, how: 'read-reply' as const }))
	];
	for (const candidate of candidates) {
		const day = londonDay(candidate.at);
		const known = found.get(candidate.leaverId);
		if (!known || day > known.day) {
			found.set(candidate.leaverId, { day, how: candidate.how });
		}
	}
	// Logged contacts carry a day, not a time: the latest per young person.
	const logged = db
		.select({ leaverId: contactLog.leaverId, day: contactLog.on, kind: contactLog.kind })
		.from(contactLog)
		.where(inArray(contactLog.leaverId, [...leaverIds]))
		.orderBy(desc(contactLog.on), desc(contactLog.id))
		.all();
	for (const row of logged) {
		const known = found.get(row.leaverId);
		if (!known || row.day > known.day) {
			found.set(row.leaverId, { day: row.day, how: row.kind });
		}
	}
	return found;
}

/** A PA logs a contact in one tap; audited. The day may not be in the future. */
export function logContact(
	db: Database,
	staff: User,
	leaver: { id: number },
	input: { kind: ContactKind; on: string },
	now = Date.now()
) {
	db.transaction((tx) => {
		tx.insert(contactLog)
			.values({
				leaverId: leaver.id,
				loggedById: staff.id,
				kind: input.kind,
				on: input.on,
				createdAt: new Date(now)
			})
			.run();
		recordAudit(tx, {
			actorId: staff.id,
			action: 'contact-logged',
			subjectUserId: leaver.id,
			detail: { kind: input.kind, on: input.on },
			at: new Date(now)
		});
	});
}

/** A young person's last check-ins, newest first, for their PA's page (a small trend). */
export function recentCheckIns(db: Database, leaverId: number, limit = 6) {
	return db
		.select({
			id: checkIn.id,
			mood: checkIn.mood,
			topics: checkIn.topics,
			words: checkIn.words,
			createdAt: checkIn.createdAt
		})
		.from(checkIn)
		.where(eq(checkIn.leaverId, leaverId))
		.orderBy(desc(checkIn.createdAt), desc(checkIn.id))
		.limit(limit)
		.all();
}

/** The contacts a PA logged for a young person, newest first. */
export function listLoggedContacts(db: Database, leaverId: number, limit = 5) {
	return db
		.select({ id: contactLog.id, kind: contactLog.kind, on: contactLog.on })
		.from(contactLog)
		.where(and(eq(contactLog.leaverId, leaverId)))
		.orderBy(desc(contactLog.on), desc(contactLog.id))
		.limit(limit)
		.all();
}

/**
 * A caseload with each young person's last contact, those out of touch first (longest without
 * contact first), then the rest by name as given.
 */
export function withContact<Row extends { id: number; createdAt: Date }>(
	db: Executor,
	rows: readonly Row[],
	now = Date.now()
) {
	const weeks = getInTouchWeeks(db);
	const last = lastContacts(
		db,
		rows.map((row) => row.id)
	);
	const annotated = rows.map((row) => {
		const contact = last.get(row.id) ?? null;
		const since = londonDay(row.createdAt);
		const inTouch = isInTouch(contact?.day ?? null, since, weeks, now);
		return {
			...row,
			lastContact: contact,
			inTouch,
			weeksWithout: weeksSince(contact?.day ?? since, now)
		};
	});
	const out = annotated
		.filter((row) => !row.inTouch)
		.sort((a, b) => b.weeksWithout - a.weeksWithout);
	return { weeks, rows: [...out, ...annotated.filter((row) => row.inTouch)] };
}

/** How many young people this member of staff can see are out of touch (the PA's home page). */
export function countOutOfTouch(
	db: Executor,
	rows: readonly { id: number; createdAt: Date }[],
	now = Date.now()
) {
	return withContact(db, rows, now).rows.filter((row) => !row.inTouch).length;
}

/** How often the app asks a young person how they are, set by their PA with them; audited. */
export function saveCheckInAgreement(
	db: Database,
	staff: User,
	leaver: { id: number },
	every: CheckInFrequency
) {
	db.transaction((tx) => {
		tx.update(user)
			.set({ checkInEvery: every === 'off' ? null : every, updatedAt: new Date() })
			.where(eq(user.id, leaver.id))
			.run();
		recordAudit(tx, {
			actorId: staff.id,
			action: 'check-in-frequency-set',
			subjectUserId: leaver.id,
			detail: { every }
		});
	});
}

/** The next pathway plan review, set by the PA (null clears it); audited. */
export function savePathwayReview(
	db: Database,
	staff: User,
	leaver: { id: number },
	on: string | null
) {
	db.transaction((tx) => {
		tx.update(user)
			.set({ pathwayReviewOn: on, updatedAt: new Date() })
			.where(eq(user.id, leaver.id))
			.run();
		recordAudit(tx, {
			actorId: staff.id,
			action: 'pathway-review-set',
			subjectUserId: leaver.id,
			detail: { on }
		});
	});
}
