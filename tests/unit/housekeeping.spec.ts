import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordEvents, validateEventBatch } from '$lib/server/analytics/ingest';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { recordThrottleFailure, usernameKey } from '$lib/server/auth/throttle';
import type { Database } from '$lib/server/db/connection';
import { invite, user } from '$lib/server/db/schema';
import { startHousekeeping, type HousekeepingResult } from '$lib/server/housekeeping';
import { createTestDatabase } from './helpers';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const T0 = Date.parse('2026-11-23T12:00:00Z');

const count = (db: Database, table: string) =>
	db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`)).n;
const sessionsOf = (db: Database, userId: number) =>
	db.get<{ n: number }>(sql`SELECT count(*) AS n FROM session WHERE user_id = ${userId}`).n;
const inviteExists = (db: Database, codeHash: string) =>
	db.get<{ n: number }>(sql`SELECT count(*) AS n FROM invite WHERE code_hash = ${codeHash}`).n ===
	1;

/** A leaver and an adviser signed in at T0, four invites in every state, one usage event at T0. */
function setUp() {
	const db = createTestDatabase();
	const [leaver, adviser] = db
		.insert(user)
		.values([
			{ role: 'leaver', name: 'Sam', username: 'sam' },
			{ role: 'adviser', name: 'Pat Adviser', username: 'pat' }
		])
		.returning()
		.all();
	createSession(db, generateSessionToken(), leaver, { mfaVerified: true, now: T0 });
	createSession(db, generateSessionToken(), adviser, { mfaVerified: true, now: T0 });
	const invited = (codeHash: string, values: Partial<typeof invite.$inferInsert>) => ({
		userId: leaver.id,
		codeHash,
		createdAt: new Date(T0 - 20 * DAY),
		expiresAt: new Date(T0 + 14 * DAY),
		...values
	});
	db.insert(invite)
		.values([
			invited('used', { usedAt: new Date(T0 - DAY) }),
			invited('revoked', { revokedAt: new Date(T0 - DAY) }),
			invited('waiting', {}),
			invited('ran-out', { expiresAt: new Date(T0 - DAY) })
		])
		.run();
	const batch = validateEventBatch(
		db,
		{
			visitor: 'housekeeping-visitor-1',
			events: [
				{
					type: 'offer_view',
					offer: 'staying-put',
					path: '/offers/staying-put',
					at: new Date(T0).toISOString()
				}
			]
		},
		T0
	);
	if (!batch.ok) {
		throw new Error(batch.reasons.join('; '));
	}
	recordEvents(db, batch.batch, batch.offerIds);
	return { db, leaver, adviser };
}

describe('the housekeeping schedule', () => {
	let stop: (() => void) | undefined;

	beforeEach(() => {
		vi.useFakeTimers();
		vi.setSystemTime(T0);
	});

	afterEach(() => {
		stop?.();
		stop = undefined;
		vi.useRealTimers();
		vi.restoreAllMocks();
	});

	/** Moves the clock to `at`, then lets the next scheduled round run. */
	function tickAt(at: number) {
		vi.setSystemTime(at - MINUTE);
		vi.advanceTimersByTime(MINUTE);
		expect(Date.now()).toBe(at);
	}

	it('removes each kind of row when it is due and not before', () => {
		const { db, leaver, adviser } = setUp();
		stop = startHousekeeping(db, { intervalMs: MINUTE, retentionMonths: 13 });

		// The first round runs at once; nothing has been spent for 30 days yet.
		expect(inviteExists(db, 'used')).toBe(true);
		expect(inviteExists(db, 'revoked')).toBe(true);
		expect(inviteExists(db, 'waiting')).toBe(true);
		expect(inviteExists(db, 'ran-out')).toBe(true);
		expect(sessionsOf(db, leaver.id)).toBe(1);
		expect(sessionsOf(db, adviser.id)).toBe(1);
		expect(count(db, 'analytics_event')).toBe(1);
		expect(count(db, 'analytics_rollup')).toBeGreaterThan(0);

		// A failed sign-in counts for 5 minutes, then goes.
		recordThrottleFailure(db, [usernameKey('sam')], T0);
		tickAt(T0 + 4 * MINUTE);
		expect(count(db, 'throttle_failure')).toBe(1);
		tickAt(T0 + 6 * MINUTE);
		expect(count(db, 'throttle_failure')).toBe(0);

		// Staff sessions end after 30 minutes without use.
		tickAt(T0 + 29 * MINUTE);
		expect(sessionsOf(db, adviser.id)).toBe(1);
		tickAt(T0 + 31 * MINUTE);
		expect(sessionsOf(db, adviser.id)).toBe(0);
		expect(sessionsOf(db, leaver.id)).toBe(1);

		// Invites used, replaced or run out yesterday are kept 30 days: a second person who tries
		// a used code is told it was used, and staff see which ran out.
		tickAt(T0 + 28 * DAY);
		expect(inviteExists(db, 'used')).toBe(true);
		expect(inviteExists(db, 'revoked')).toBe(true);
		expect(inviteExists(db, 'ran-out')).toBe(true);
		tickAt(T0 + 29 * DAY + MINUTE);
		expect(inviteExists(db, 'used')).toBe(false);
		expect(inviteExists(db, 'revoked')).toBe(false);
		expect(inviteExists(db, 'ran-out')).toBe(false);

		// A care leaver's session lasts 30 days since last use.
		tickAt(T0 + 30 * DAY - MINUTE);
		expect(sessionsOf(db, leaver.id)).toBe(1);
		tickAt(T0 + 30 * DAY + MINUTE);
		expect(sessionsOf(db, leaver.id)).toBe(0);

		// Raw usage events are kept 13 months; the rollups stay for good.
		const rollups = count(db, 'analytics_rollup');
		tickAt(Date.parse('2027-12-22T12:00:00Z'));
		expect(count(db, 'analytics_event')).toBe(1);
		tickAt(Date.parse('2027-12-24T12:00:00Z'));
		expect(count(db, 'analytics_event')).toBe(0);
		expect(count(db, 'analytics_rollup')).toBe(rollups);

		// By then the waiting invite has run out too, and its 30 days have passed.
		expect(inviteExists(db, 'waiting')).toBe(false);
	});

	it('keeps an unexpired invite', () => {
		const { db } = setUp();
		stop = startHousekeeping(db, { intervalMs: MINUTE });
		tickAt(T0 + 14 * DAY - MINUTE);
		tickAt(T0 + 44 * DAY - MINUTE);
		expect(inviteExists(db, 'waiting')).toBe(true);
		tickAt(T0 + 44 * DAY + MINUTE);
		expect(inviteExists(db, 'waiting')).toBe(false);
	});

	it('runs one schedule per process, one round at a time, until stopped', () => {
		const { db } = setUp();
		const rounds: HousekeepingResult[] = [];
		stop = startHousekeeping(db, { intervalMs: MINUTE, onRound: (result) => rounds.push(result) });
		const second = startHousekeeping(db, {
			intervalMs: MINUTE,
			onRound: () => {
				throw new Error('a second schedule must not run');
			}
		});
		expect(second).toBe(stop);
		expect(rounds).toHaveLength(1);
		vi.advanceTimersByTime(3 * MINUTE);
		expect(rounds).toHaveLength(4);
		expect(vi.getTimerCount()).toBe(1);
		stop();
		vi.advanceTimersByTime(10 * MINUTE);
		expect(rounds).toHaveLength(4);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('logs a failing job, carries on with the others and tries again next round', () => {
		const { db, adviser } = setUp();
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		// Break the analytics job: its cursor table is gone.
		db.run(sql`ALTER TABLE analytics_cursor RENAME TO analytics_cursor_away`);
		recordThrottleFailure(db, [usernameKey('sam')], T0 - 10 * MINUTE);
		const rounds: HousekeepingResult[] = [];
		expect(() => {
			stop = startHousekeeping(db, {
				intervalMs: MINUTE,
				onRound: (result) => rounds.push(result)
			});
		}).not.toThrow();
		expect(rounds[0].errors).toBe(1);
		expect(logged).toHaveBeenCalledWith(
			expect.stringContaining('Housekeeping (analytics) failed'),
			expect.anything()
		);
		expect(count(db, 'throttle_failure')).toBe(0);

		// The sessions job still runs on the next rounds, and analytics recovers once fixed.
		db.run(sql`ALTER TABLE analytics_cursor_away RENAME TO analytics_cursor`);
		tickAt(T0 + 31 * MINUTE);
		expect(sessionsOf(db, adviser.id)).toBe(0);
		expect(rounds.at(-1)?.errors).toBe(0);
	});
});
