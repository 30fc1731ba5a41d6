/**
 * News from the team: a short message from a lead (to everyone, an age band, or by where young
 * people live) or from a PA (to their own young people). It shows under "News" on the young
 * person's home page, and each young person it reaches gets a push that says only that there is
 * news: a lock screen anyone may see learns nothing from it.
 */
import { and, count, desc, eq, gte, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { londonDayStart, londonToday, LONDON } from '$lib/london-time';
import type { LanguageCode } from '$lib/languages';
import { m } from '$lib/paraglide/messages';
import type { NewsInput } from '$lib/schemas/news-form';
import { recordAudit } from './audit';
import type { User } from './auth/session';
import { ORIGIN } from './config';
import type { Database, Executor } from './db/connection';
import {
	NEWS_AUDIENCES,
	pushSubscription,
	teamNews,
	user,
	type NewsAudience,
	type Role
} from './db/schema';
import { AGE_BANDS, ageBand } from './in-touch';
import { notify, type NoticeText } from './notify';

/**
 * How many messages each member of staff may send in a London day (withdrawn ones count too, so
 * withdrawing and sending again is no way round it). Every message is a push on young people's
 * phones: a few a day is news, more is noise that gets notifications turned off.
 */
export const NEWS_PER_DAY: Record<'adviser' | 'lead', number> = { adviser: 3, lead: 5 };
/** The author can put right a typo for an hour; after that it stays as the young people read it. */
export const NEWS_EDITABLE_MS = 60 * 60 * 1000;
/** What a young person's home page shows: the newest few from the last 30 days. */
export const NEWS_SHOWN_DAYS = 30;
export const NEWS_SHOWN_MAX = 5;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The push, in the young person's language; it says nothing of what the news is. */
export const NEWS_NOTICE: NoticeText = (locale) => m.news_notice({}, { locale });

export type TeamNews = typeof teamNews.$inferSelect;
type Author = Pick<User, 'id' | 'role'>;
/** What decides whether news reaches a young person. */
type Reader = Pick<User, 'dateOfBirth' | 'livesInArea' | 'adviserId'>;
type Addressed = Pick<TeamNews, 'audience' | 'ageBand' | 'adviserId'>;

/** Who each role may write to: a lead to groups of young people, a PA only to their own. */
export function audiencesFor(role: Role): readonly NewsAudience[] {
	if (role === 'lead') {
		return ['everyone', 'age-band', 'in-area', 'out-of-area'];
	}
	return role === 'adviser' ? ['caseload'] : [];
}

/** A known audience this role may not write to: only a crafted form sends one. */
export function isAudienceRefused(role: Role, audience: string | undefined) {
	const known = NEWS_AUDIENCES.find((value) => value === audience);
	return known !== undefined && !audiencesFor(role).includes(known);
}

/**
 * Whether news reaches a young person today: by their age band on that day (their age in London),
 * where they live (not known: neither area), or their PA now (a young person who moves to
 * another PA sees the new PA's news, not the old one's).
 */
export function newsReaches(news: Addressed, reader: Reader, now: Date) {
	switch (news.audience) {
		case 'everyone':
			return true;
		case 'age-band':
			return news.ageBand !== null && ageBand(reader.dateOfBirth, now) === news.ageBand;
		case 'in-area':
			return reader.livesInArea === true;
		case 'out-of-area':
			return reader.livesInArea === false;
		case 'caseload':
			return news.adviserId !== null && reader.adviserId === news.adviserId;
	}
}

/** The young people (active accounts) news reaches, as ids. */
function leaversReached(db: Executor, news: Addressed, now: Date, { withPushOnly = false } = {}) {
	const conditions: SQL[] = [eq(user.role, 'leaver'), isNull(user.disabledAt)];
	if (news.audience === 'caseload') {
		conditions.push(eq(user.adviserId, news.adviserId ?? -1));
	}
	if (withPushOnly) {
		conditions.push(
			inArray(user.id, db.select({ id: pushSubscription.userId }).from(pushSubscription))
		);
	}
	return db
		.select({
			id: user.id,
			dateOfBirth: user.dateOfBirth,
			livesInArea: user.livesInArea,
			adviserId: user.adviserId
		})
		.from(user)
		.where(and(...conditions))
		.all()
		.filter((row) => newsReaches(news, row, now))
		.map((row) => row.id);
}

/**
 * How many young people each audience this member of staff may write to reaches now (an age
 * band as "age-band:22-25"), for the form's preview.
 */
export function countReach(db: Executor, author: Author, now = new Date()) {
	const leavers = db
		.select({
			dateOfBirth: user.dateOfBirth,
			livesInArea: user.livesInArea,
			adviserId: user.adviserId
		})
		.from(user)
		.where(and(eq(user.role, 'leaver'), isNull(user.disabledAt)))
		.all();
	const counts: Record<string, number> = {};
	const tally = (key: string, news: Addressed) => {
		counts[key] = leavers.filter((leaver) => newsReaches(news, leaver, now)).length;
	};
	for (const audience of audiencesFor(author.role)) {
		if (audience === 'age-band') {
			for (const band of AGE_BANDS) {
				tally(`age-band:${band}`, { audience, ageBand: band, adviserId: null });
			}
		} else {
			tally(audience, { audience, ageBand: null, adviserId: author.id });
		}
	}
	return counts;
}

/** How many messages the author has sent today (London day) and may still send. */
export function newsLeftToday(db: Executor, author: Author, now = new Date()) {
	const limit = author.role === 'lead' ? NEWS_PER_DAY.lead : NEWS_PER_DAY.adviser;
	const since = new Date(londonDayStart(londonToday(now)));
	const sent =
		db
			.select({ n: count() })
			.from(teamNews)
			.where(and(eq(teamNews.authorId, author.id), gte(teamNews.createdAt, since)))
			.get()?.n ?? 0;
	return Math.max(0, limit - sent);
}

export type PostNewsResult =
	{ ok: true; id: number; reached: number } | { ok: false; reason: 'audience' | 'limit' };

/**
 * Sends news: checks who the author may write to (a PA: their own young people only, whatever
 * the form said) and the day's limit, saves and audits it, then tells each young person it
 * reaches who has notifications on, after the write.
 */
export function postNews(
	db: Database,
	author: Author,
	input: NewsInput,
	now = new Date(),
	tell: (leaverIds: readonly number[]) => void = (ids) => tellNews(db, ids)
): PostNewsResult {
	if (!audiencesFor(author.role).includes(input.audience)) {
		return { ok: false, reason: 'audience' };
	}
	if (input.audience === 'age-band' && !input.ageBand) {
		return { ok: false, reason: 'audience' };
	}
	const addressed: Addressed = {
		audience: input.audience,
		ageBand: input.audience === 'age-band' ? input.ageBand : null,
		adviserId: input.audience === 'caseload' ? author.id : null
	};
	const result = db.transaction(
		(tx): PostNewsResult => {
			if (newsLeftToday(tx, author, now) === 0) {
				return { ok: false, reason: 'limit' };
			}
			const saved = tx
				.insert(teamNews)
				.values({
					authorId: author.id,
					...addressed,
					body: input.body,
					createdAt: now,
					updatedAt: now
				})
				.returning({ id: teamNews.id })
				.get();
			const reached = leaversReached(tx, addressed, now).length;
			recordAudit(tx, {
				actorId: author.id,
				action: 'news-posted',
				target: `news:${saved.id}`,
				detail: {
					audience: addressed.audience,
					ageBand: addressed.ageBand,
					reached,
					body: input.body
				},
				at: now
			});
			return { ok: true, id: saved.id, reached };
		},
		{ behavior: 'immediate' }
	);
	if (result.ok) {
		tell(leaversReached(db, addressed, now, { withPushOnly: true }));
	}
	return result;
}

/** The push to each young person news reaches: never inside the write, never with its words. */
export function tellNews(db: Database, leaverIds: readonly number[]) {
	for (const userId of leaverIds) {
		notify(db, { userId, text: NEWS_NOTICE, url: '/' }, ORIGIN);
	}
}

function getNews(db: Executor, id: number) {
	return db.select().from(teamNews).where(eq(teamNews.id, id)).get();
}

/** A PA sees (and may act on) only their own messages; a lead sees everyone's. */
function canSee(staff: Author, news: TeamNews) {
	return staff.role === 'lead' || news.authorId === staff.id;
}

/** Whether the author may still change the words: not withdrawn, and within the hour. */
export function isEditable(news: Pick<TeamNews, 'createdAt' | 'withdrawnAt'>, now = new Date()) {
	return news.withdrawnAt === null && now.getTime() - news.createdAt.getTime() <= NEWS_EDITABLE_MS;
}

export type NewsChangeResult =
	{ ok: true } | { ok: false; reason: 'not-found' | 'not-author' | 'closed' };

/**
 * Puts right the words of a message, by its author only, within the hour after it was sent
 * (nobody is told again). Audited with the new words.
 */
export function editNews(
	db: Database,
	editor: Author,
	id: number,
	body: string,
	now = new Date()
): NewsChangeResult {
	return db.transaction(
		(tx): NewsChangeResult => {
			const news = getNews(tx, id);
			if (!news || !canSee(editor, news)) {
				return { ok: false, reason: 'not-found' };
			}
			if (news.authorId !== editor.id) {
				return { ok: false, reason: 'not-author' };
			}
			if (!isEditable(news, now)) {
				return { ok: false, reason: 'closed' };
			}
			tx.update(teamNews).set({ body, updatedAt: now }).where(eq(teamNews.id, id)).run();
			recordAudit(tx, {
				actorId: editor.id,
				action: 'news-edited',
				target: `news:${id}`,
				detail: { body },
				at: now
			});
			return { ok: true };
		},
		{ behavior: 'immediate' }
	);
}

/**
 * Takes a message off young people's home pages: its author, or any lead (a PA's message that
 * should not have gone). Withdrawing it twice changes nothing. Audited.
 */
export function withdrawNews(
	db: Database,
	staff: Author,
	id: number,
	now = new Date()
): NewsChangeResult {
	return db.transaction(
		(tx): NewsChangeResult => {
			const news = getNews(tx, id);
			if (!news || !canSee(staff, news)) {
				return { ok: false, reason: 'not-found' };
			}
			if (news.withdrawnAt) {
				return { ok: true };
			}
			tx.update(teamNews).set({ withdrawnAt: now }).where(eq(teamNews.id, id)).run();
			recordAudit(tx, {
				actorId: staff.id,
				action: 'news-withdrawn',
				target: `news:${id}`,
				detail: { authorId: news.authorId },
				at: now
			});
			return { ok: true };
		},
		{ behavior: 'immediate' }
	);
}

/** The news a young person sees: not withdrawn, reaching them, from the last 30 days, newest first. */
export function listNewsFor(db: Executor, leaver: Reader, now = new Date()) {
	const band = ageBand(leaver.dateOfBirth, now);
	const reaches: (SQL | undefined)[] = [
		eq(teamNews.audience, 'everyone'),
		band ? and(eq(teamNews.audience, 'age-band'), eq(teamNews.ageBand, band)) : undefined,
		leaver.livesInArea === true ? eq(teamNews.audience, 'in-area') : undefined,
		leaver.livesInArea === false ? eq(teamNews.audience, 'out-of-area') : undefined,
		leaver.adviserId
			? and(eq(teamNews.audience, 'caseload'), eq(teamNews.adviserId, leaver.adviserId))
			: undefined
	];
	return db
		.select({
			id: teamNews.id,
			audience: teamNews.audience,
			body: teamNews.body,
			createdAt: teamNews.createdAt
		})
		.from(teamNews)
		.where(
			and(
				isNull(teamNews.withdrawnAt),
				gte(teamNews.createdAt, new Date(now.getTime() - NEWS_SHOWN_DAYS * DAY_MS)),
				lte(teamNews.createdAt, now),
				or(...reaches)
			)
		)
		.orderBy(desc(teamNews.createdAt), desc(teamNews.id))
		.limit(NEWS_SHOWN_MAX)
		.all();
}

/**
 * News as the young person's page shows it: who it is from ("Your PA" for their PA's, the team
 * for the rest) and the day, in the page's language on the UK clock (Gregorian calendar, as
 * the dates in the news itself are). The words are the staff's, in English.
 */
export function describeNews(
	news: Pick<TeamNews, 'id' | 'audience' | 'body' | 'createdAt'>,
	language: LanguageCode
) {
	const locale = language === 'en' ? 'en-GB' : `${language}-u-ca-gregory`;
	return {
		id: news.id,
		body: news.body,
		from: news.audience === 'caseload' ? ('pa' as const) : ('team' as const),
		at: news.createdAt.toISOString(),
		date: new Intl.DateTimeFormat(locale, {
			timeZone: LONDON,
			weekday: 'long',
			day: 'numeric',
			month: 'long'
		}).format(news.createdAt)
	};
}

/**
 * The messages on the staff page, newest first: a PA's own, or everyone's for a lead (who may
 * withdraw any). The last 30 days: older ones are on no young person's page any more.
 */
export function listNewsBy(db: Executor, staff: Author, now = new Date()) {
	const author = alias(user, 'author');
	const adviser = alias(user, 'adviser');
	const since = new Date(now.getTime() - NEWS_SHOWN_DAYS * DAY_MS);
	const rows = db
		.select({
			news: teamNews,
			authorName: author.name,
			adviserName: adviser.name
		})
		.from(teamNews)
		.leftJoin(author, eq(author.id, teamNews.authorId))
		.leftJoin(adviser, eq(adviser.id, teamNews.adviserId))
		.where(
			and(
				gte(teamNews.createdAt, since),
				staff.role === 'lead' ? undefined : eq(teamNews.authorId, staff.id)
			)
		)
		.orderBy(desc(teamNews.createdAt), desc(teamNews.id))
		.limit(50)
		.all();
	return rows.map(({ news, authorName, adviserName }) => ({
		...news,
		authorName: authorName ?? 'A former member of staff',
		adviserName,
		isMine: news.authorId === staff.id,
		canEdit: news.authorId === staff.id && isEditable(news, now),
		editableUntil: new Date(news.createdAt.getTime() + NEWS_EDITABLE_MS),
		canWithdraw: news.withdrawnAt === null && canSee(staff, news)
	}));
}

/** One of the staff member's messages they may still edit, for the edit form; else undefined. */
export function getEditableNews(db: Executor, staff: Author, id: number, now = new Date()) {
	const news = getNews(db, id);
	return news && news.authorId === staff.id && isEditable(news, now) ? news : undefined;
}
