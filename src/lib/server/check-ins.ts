/**
 * Check-ins: "How are you today?" in one tap. They are health data: only the young person and
 * their PA see them one by one, they are kept for CHECK_IN_RETENTION_MONTHS and then deleted, and
 * they are in "Download my data". "I need help now" (or words that suggest the young person is not
 * safe) also sends their PA an urgent request at once, as crisis words in a request do.
 */
import { and, desc, eq, lt, max } from 'drizzle-orm';
import { TOPIC_LABELS } from '$lib/check-in-labels';
import { containsCrisisWords } from '$lib/crisis';
import { isRightToLeft } from '$lib/language-names';
import type { LanguageCode } from '$lib/languages';
import { addDays, LONDON, londonDay, londonToday } from '$lib/london-time';
import type { CheckInFrequency, CheckInMood, CheckInTopic } from '$lib/schemas/check-in';
import type { CategorySlug } from '$lib/schemas/offer';
import { retentionCutoff } from './analytics/jobs';
import type { User } from './auth/session';
import type { Database, Executor } from './db/connection';
import { checkIn, user } from './db/schema';
import { listPublishedOffers } from './offers';
import { submitSupportRequest } from './requests';
import { translateOffers } from './translations';

export type CheckIn = typeof checkIn.$inferSelect;

/** What a young person sends (checked by checkInSchema, $lib/schemas/check-in-form). */
export type NewCheckIn = {
	mood: CheckInMood;
	topics: CheckInTopic[];
	words?: string;
	idempotencyKey: string;
};

/** The parts of the offer that fit what is on their mind. */
export const TOPIC_CATEGORIES: Record<CheckInTopic, readonly CategorySlug[]> = {
	money: ['money'],
	home: ['accommodation'],
	'work-or-college': ['education', 'employment'],
	health: ['health'],
	lonely: ['relationships'],
	'something-else': []
};

/** Staff read requests in English (and "Download my data" is in English). */
export const MOOD_IN_ENGLISH: Record<CheckInMood, string> = {
	good: 'Good',
	ok: 'OK',
	'not-great': 'Not great',
	'help-now': 'I need help now'
};

export const TOPIC_IN_ENGLISH: Record<CheckInTopic, string> = {
	money: 'money',
	home: 'home',
	'work-or-college': 'work or college',
	health: 'health',
	lonely: 'feeling lonely',
	'something-else': 'something else'
};

/** The request a check-in makes: urgent ("I need help now", crisis words) or "Tell my PA". */
type Asking = 'urgent' | 'tell-pa';

/** What the PA reads in their inbox: the young person's own words last, as they wrote them. */
function messageForPa(row: Pick<CheckIn, 'mood' | 'topics' | 'words'>, asking: Asking) {
	const opening =
		row.mood === 'help-now'
			? 'I need help now (check-in).'
			: `Check-in: ${MOOD_IN_ENGLISH[row.mood]}.${asking === 'tell-pa' ? ' Please get in touch.' : ''}`;
	const mind = row.topics.length
		? ` On my mind: ${row.topics.map((topic) => TOPIC_IN_ENGLISH[topic]).join(', ')}.`
		: '';
	return row.words ? `${opening}${mind}\n\n${row.words}` : `${opening}${mind}`;
}

/** The request's topic: the first topic that is a part of the offer, or "something else". */
function requestTopic(topics: readonly CheckInTopic[]) {
	const fitting = topics.find((topic) => TOPIC_CATEGORIES[topic].length > 0);
	return fitting ? TOPIC_CATEGORIES[fitting][0] : 'other';
}

/**
 * Sends the PA a request about this check-in and links it. Its idempotency key is made from the
 * check-in's id, with a character a phone's key never has, so one check-in makes one request
 * however often this runs. The request's notices and its email (always, when urgent) go as for
 * any request (submitSupportRequest).
 */
function askPa(db: Database, leaver: User, row: CheckIn, asking: Asking): number {
	const result = submitSupportRequest(db, leaver, {
		topic: requestTopic(row.topics),
		message: messageForPa(row, asking),
		urgent: asking === 'urgent',
		contactBy: 'app',
		idempotencyKey: `check-in:${row.id}`
	});
	if (!result.ok) {
		throw new Error('A request from a check-in names no offer, so it cannot be refused.');
	}
	db.update(checkIn).set({ requestId: result.request.id }).where(eq(checkIn.id, row.id)).run();
	return result.request.id;
}

/**
 * A care leaver checks in. Stored once per idempotency key however often it arrives (the
 * phone's outbox, a double tap): the second time returns the first. "I need help now", or words
 * with crisis words in them whatever was tapped, also send their PA an urgent request in the same
 * transaction: never held back, never a check-in without its request.
 */
export function recordCheckIn(
	db: Database,
	leaver: User,
	input: NewCheckIn,
	now = Date.now()
): { checkIn: CheckIn; created: boolean } {
	const urgent = input.mood === 'help-now' || containsCrisisWords(input.words ?? '');
	return db.transaction(
		(tx) => {
			const existing = tx
				.select()
				.from(checkIn)
				.where(
					and(eq(checkIn.leaverId, leaver.id), eq(checkIn.idempotencyKey, input.idempotencyKey))
				)
				.get();
			if (existing) {
				return { checkIn: existing, created: false };
			}
			const row = tx
				.insert(checkIn)
				.values({
					leaverId: leaver.id,
					mood: input.mood,
					topics: input.topics,
					words: input.words ?? null,
					idempotencyKey: input.idempotencyKey,
					createdAt: new Date(now)
				})
				.returning()
				.get();
			if (!urgent) {
				return { checkIn: row, created: true };
			}
			// The same connection: the request's own transaction runs inside this one.
			return { checkIn: { ...row, requestId: askPa(db, leaver, row, 'urgent') }, created: true };
		},
		{ behavior: 'immediate' }
	);
}

/**
 * "Tell my PA?" after a check-in: a request to their PA, made once (a second tap returns the
 * first). Undefined when the check-in is not this young person's.
 */
export function tellPa(
	db: Database,
	leaver: User,
	checkInId: number
): { requestId: number; created: boolean } | undefined {
	return db.transaction(
		() => {
			const row = getCheckInOf(db, leaver, checkInId);
			if (!row) {
				return undefined;
			}
			if (row.requestId !== null) {
				return { requestId: row.requestId, created: false };
			}
			return { requestId: askPa(db, leaver, row, 'tell-pa'), created: true };
		},
		{ behavior: 'immediate' }
	);
}

/** One of this young person's check-ins, or undefined (also when it is someone else's). */
export function getCheckInOf(db: Database, leaver: Pick<User, 'id'>, id: number) {
	return db
		.select()
		.from(checkIn)
		.where(and(eq(checkIn.id, id), eq(checkIn.leaverId, leaver.id)))
		.get();
}

/** A young person's check-ins, newest first. */
export function listCheckInsOf(db: Database, leaverId: number, limit = 10): CheckIn[] {
	return db
		.select()
		.from(checkIn)
		.where(eq(checkIn.leaverId, leaverId))
		.orderBy(desc(checkIn.createdAt), desc(checkIn.id))
		.limit(limit)
		.all();
}

/**
 * Published offers that fit what is on their mind, in the page's language: at most `limit`,
 * taken from each fitting part of the offer in turn so every topic ticked shows near the top.
 */
export function offersForTopics(
	db: Database,
	topics: readonly CheckInTopic[],
	language: LanguageCode,
	limit = 6
) {
	const categories = [...new Set(topics.flatMap((topic) => TOPIC_CATEGORIES[topic]))];
	if (categories.length === 0) {
		return { categories, offers: [] };
	}
	const published = listPublishedOffers(db);
	const lists = categories.map((slug) => published.filter((item) => item.category === slug));
	const picked: typeof published = [];
	for (let index = 0; picked.length < limit && lists.some((list) => index < list.length); index++) {
		for (const list of lists) {
			if (index < list.length && picked.length < limit) {
				picked.push(list[index]);
			}
		}
	}
	return {
		categories,
		offers: translateOffers(db, picked, language).map(
			({ slug, title, summary, kind, language }) => ({ slug, title, summary, kind, language })
		)
	};
}

/**
 * Deletes check-ins older than `months` calendar months. The requests they made stay: they are
 * the young person's messages to their PA, kept as requests are.
 */
export function deleteOldCheckIns(db: Database, months: number, now: Date | number = Date.now()) {
	const cutoff = retentionCutoff(new Date(now), months);
	return db
		.delete(checkIn)
		.where(lt(checkIn.createdAt, new Date(cutoff)))
		.run().changes;
}

/** "How often should we ask?": the young person's own choice, any time. */
export function saveCheckInFrequency(
	db: Database,
	leaver: Pick<User, 'id'>,
	every: CheckInFrequency,
	now = Date.now()
) {
	db.update(user)
		.set({ checkInEvery: every === 'off' ? null : every, updatedAt: new Date(now) })
		.where(eq(user.id, leaver.id))
		.run();
}

/** Days between asks; a month is counted as 30 days, so it never depends on the month's length. */
export const DAYS_BETWEEN: Record<Exclude<CheckInFrequency, 'off'>, number> = {
	weekly: 7,
	fortnightly: 14,
	monthly: 30
};

/**
 * Whether the home page asks "How are you today?": they chose to be asked, and their last
 * check-in was that many London days ago or more (or there is none).
 */
export function isCheckInDue(
	db: Executor,
	leaver: Pick<User, 'id' | 'checkInEvery'>,
	now = Date.now()
) {
	const every = leaver.checkInEvery;
	if (!every || every === 'off') {
		return false;
	}
	const last = db
		.select({ at: max(checkIn.createdAt) })
		.from(checkIn)
		.where(eq(checkIn.leaverId, leaver.id))
		.get()?.at;
	return !last || londonDay(last) <= addDays(londonToday(now), -DAYS_BETWEEN[every]);
}

/** "On your mind: money, home and health", joined as the language joins a list. */
function joinList(language: LanguageCode, items: string[]) {
	if (Intl.ListFormat.supportedLocalesOf(language).length === 0) {
		return items.join(isRightToLeft(language) ? '، ' : ', ');
	}
	return new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
}

/** A check-in as its young person sees it, in the page's language (dates on the UK clock). */
export function describeCheckIn(row: CheckIn, language: LanguageCode) {
	// Always the Gregorian calendar, as letters and the PA's diary use it.
	const locale = language === 'en' ? 'en-GB' : `${language}-u-ca-gregory`;
	return {
		id: row.id,
		mood: row.mood,
		topics: row.topics,
		onYourMind: row.topics.length
			? joinList(
					language,
					row.topics.map((topic) => TOPIC_LABELS[topic]())
				)
			: null,
		words: row.words,
		at: row.createdAt.toISOString(),
		when: new Intl.DateTimeFormat(locale, {
			timeZone: LONDON,
			day: 'numeric',
			month: 'long',
			year: 'numeric',
			hour: '2-digit',
			minute: '2-digit'
		}).format(row.createdAt),
		requestId: row.requestId,
		/** Their words suggest they may not be safe: the page shows urgent help, as for a request. */
		crisis: containsCrisisWords(row.words ?? '')
	};
}
