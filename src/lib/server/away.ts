/**
 * Time away: a PA on leave or off sick sets the last day they are away and who answers their
 * new requests meanwhile (a colleague, or the team inbox). A request made while they are away
 * goes to that person at once; the young person is told who will answer.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { addDays, londonToday } from '$lib/london-time';
import { AWAY_MAX_DAYS, type AwayInput } from '$lib/schemas/away';
import { recordAudit } from './audit';
import type { User } from './auth/session';
import type { Database, Executor } from './db/connection';
import { user } from './db/schema';
import { getUserById } from './users';

type Staff = Pick<User, 'id' | 'name' | 'awayUntil' | 'coverAdviserId'>;

/** Away today (London time): up to and including their last day away. */
export function isAway(staff: Pick<User, 'awayUntil'>, now: number | Date = Date.now()) {
	return staff.awayUntil !== null && staff.awayUntil >= londonToday(now);
}

export type Answerer = {
	/** Who answers: the PA, the colleague covering for them, or null for the team inbox. */
	adviserId: number | null;
	/** The young person's own PA when someone else answers because they are away. */
	coverForId: number | null;
};

/**
 * Who answers a new request from a young person: their PA, unless the PA is away. Then the
 * colleague covering, if that colleague can (not turned off, not away themselves), or else the
 * team inbox (leads see every request, and urgent ones email the team address).
 */
export function answererFor(
	db: Executor,
	leaver: Pick<User, 'adviserId'>,
	now: number | Date = Date.now()
): Answerer {
	const pa = leaver.adviserId === null ? undefined : getUserById(db, leaver.adviserId);
	if (!pa || !isAway(pa, now)) {
		return { adviserId: leaver.adviserId, coverForId: null };
	}
	const cover = pa.coverAdviserId === null ? undefined : getUserById(db, pa.coverAdviserId);
	const coverCan = cover && cover.role === 'adviser' && !cover.disabledAt && !isAway(cover, now);
	return { adviserId: coverCan ? cover.id : null, coverForId: pa.id };
}

/** The colleagues who can cover for this PA: the other PAs whose accounts are on. */
export function listCoverOptions(db: Database, pa: Pick<User, 'id'>) {
	return db
		.select({ id: user.id, name: user.name })
		.from(user)
		.where(and(eq(user.role, 'adviser'), isNull(user.disabledAt)))
		.orderBy(user.name)
		.all()
		.filter((colleague) => colleague.id !== pa.id);
}

export type SetAwayResult =
	{ ok: true } | { ok: false; errors: Partial<Record<keyof AwayInput, string>> };

/** A PA says they are away until a day, and who answers meanwhile. Audited. */
export function setAway(
	db: Database,
	pa: Staff,
	input: AwayInput,
	now: number | Date = Date.now()
): SetAwayResult {
	const today = londonToday(now);
	if (input.until < today) {
		return { ok: false, errors: { until: 'Choose today or a day after today' } };
	}
	if (input.until > addDays(today, AWAY_MAX_DAYS)) {
		return { ok: false, errors: { until: 'Choose a day within the next year' } };
	}
	const coverId = input.cover === 'team' ? null : input.cover;
	if (coverId !== null && !listCoverOptions(db, pa).some((option) => option.id === coverId)) {
		return { ok: false, errors: { cover: 'Choose a PA from the list, or the team inbox' } };
	}
	db.transaction((tx) => {
		tx.update(user)
			.set({ awayUntil: input.until, coverAdviserId: coverId })
			.where(eq(user.id, pa.id))
			.run();
		recordAudit(tx, {
			actorId: pa.id,
			action: 'away-changed',
			subjectUserId: pa.id,
			detail: { until: input.until, coverAdviserId: coverId }
		});
	});
	return { ok: true };
}

/** Back early, or the dates were wrong: new requests go to the PA again. Audited. */
export function endAway(db: Database, pa: Staff) {
	db.transaction((tx) => {
		tx.update(user).set({ awayUntil: null, coverAdviserId: null }).where(eq(user.id, pa.id)).run();
		recordAudit(tx, {
			actorId: pa.id,
			action: 'away-changed',
			subjectUserId: pa.id,
			detail: { until: null }
		});
	});
}
