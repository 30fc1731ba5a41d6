import { createHmac, randomBytes } from 'node:crypto';
import { and, asc, count, eq, gte, inArray, like, lt, or } from 'drizzle-orm';
import type { Database } from '../db/connection';
import { throttleFailure } from '../db/schema';

const MINUTE = 60_000;

/**
 * How many failures each kind of key may have before people must wait.
 * - `window`: at most `max` failures in `windowMs`; the next try waits until one ages out.
 * - `growing`: `free` failures in `windowMs`, then each further one doubles the wait after the
 *   last failure, from `firstWaitMs` up to `maxWaitMs` (guessing six-digit codes or a password
 *   on a stolen, signed-in phone gets slower and slower, but a person who mistypes is not stuck).
 */
type ThrottlePolicy =
	| { kind: 'window'; max: number; windowMs: number }
	| { kind: 'growing'; free: number; firstWaitMs: number; maxWaitMs: number; windowMs: number };

export const THROTTLE_POLICIES = {
	/** Sign-in per username: the control that protects an account. */
	username: { kind: 'window', max: 10, windowMs: 5 * MINUTE },
	/**
	 * Sign-in per client address. Councils run the app behind a proxy, and a college or hostel puts
	 * many young people behind one address, so this is high and only slows sign-ins down
	 * (`waitYourTurn`): a person who gives the right password is never locked out by it.
	 */
	address: { kind: 'window', max: 100, windowMs: 5 * MINUTE },
	/** Invite codes per client address (a code is the only secret, so this one blocks). */
	join: { kind: 'window', max: 30, windowMs: 5 * MINUTE },
	/** Two-step sign-in codes and recovery codes, per account. */
	secondStep: {
		kind: 'growing',
		free: 5,
		firstWaitMs: 30_000,
		maxWaitMs: 60 * MINUTE,
		windowMs: 24 * 60 * MINUTE
	},
	/** The current password asked for before a password change, per account. */
	currentPassword: {
		kind: 'growing',
		free: 5,
		firstWaitMs: 30_000,
		maxWaitMs: 60 * MINUTE,
		windowMs: 24 * 60 * MINUTE
	}
} satisfies Record<string, ThrottlePolicy>;

export type ThrottleKind = keyof typeof THROTTLE_POLICIES;

/**
 * Keys never hold what was typed or the address itself: a username box sometimes gets a password,
 * and an address hashed without a secret is found again by trying all four billion. The secret
 * lives only in this process, so a restart forgets failures: nothing an attacker can cause, and
 * the windows are short.
 */
const THROTTLE_SECRET = randomBytes(32);

export function throttleKey(kind: ThrottleKind, value: string) {
	const mac = createHmac('sha256', THROTTLE_SECRET)
		.update(`${kind}\0${value}`)
		.digest('hex')
		.slice(0, 32);
	return `${kind}:${mac}`;
}

export function usernameKey(username: string) {
	return throttleKey('username', username.trim().toLowerCase().slice(0, 64));
}

export function addressKey(address: string) {
	return throttleKey('address', address);
}

function policyOf(key: string): ThrottlePolicy {
	const kind = key.slice(0, key.indexOf(':')) as ThrottleKind;
	return THROTTLE_POLICIES[kind] ?? THROTTLE_POLICIES.username;
}

function waitFor(db: Database, key: string, now: number) {
	const policy = policyOf(key);
	const recent = db
		.select({ at: throttleFailure.at })
		.from(throttleFailure)
		.where(
			and(eq(throttleFailure.key, key), gte(throttleFailure.at, new Date(now - policy.windowMs)))
		)
		.orderBy(asc(throttleFailure.at))
		.all()
		.map((row) => row.at.getTime());
	if (policy.kind === 'window') {
		if (recent.length < policy.max) {
			return 0;
		}
		// Allowed again when enough of the failures in the window have aged out of it.
		return recent[recent.length - policy.max] + policy.windowMs - now;
	}
	if (recent.length < policy.free) {
		return 0;
	}
	const wait = Math.min(policy.maxWaitMs, policy.firstWaitMs * 2 ** (recent.length - policy.free));
	return Math.max(0, recent[recent.length - 1] + wait - now);
}

/**
 * How long (ms) until another try is allowed, or 0. The same for known and unknown
 * usernames, so the answer never tells whether an account exists.
 */
export function getThrottleWait(db: Database, keys: string[], now = Date.now()): number {
	return keys.reduce((wait, key) => Math.max(wait, waitFor(db, key, now)), 0);
}

export function recordThrottleFailure(db: Database, keys: string[], now = Date.now()) {
	db.insert(throttleFailure)
		.values(keys.map((key) => ({ key, at: new Date(now) })))
		.run();
}

/** A success clears the username's failures (not the address's: one address, many names). */
export function clearThrottleFailures(db: Database, keys: string[]) {
	if (keys.length > 0) {
		db.delete(throttleFailure).where(inArray(throttleFailure.key, keys)).run();
	}
}

/** Each failure is kept only as long as its kind's window counts it. */
export function deleteOldThrottleFailures(db: Database, now = Date.now()) {
	const expired = Object.entries(THROTTLE_POLICIES).map(([kind, policy]) =>
		and(
			like(throttleFailure.key, `${kind}:%`),
			lt(throttleFailure.at, new Date(now - policy.windowMs))
		)
	);
	const longest = Math.max(...Object.values(THROTTLE_POLICIES).map((policy) => policy.windowMs));
	return db
		.delete(throttleFailure)
		.where(or(...expired, lt(throttleFailure.at, new Date(now - longest))))
		.run().changes;
}

export function countThrottleFailures(db: Database, key: string) {
	return (
		db.select({ n: count() }).from(throttleFailure).where(eq(throttleFailure.key, key)).get()?.n ??
		0
	);
}

export const ADDRESS_SLOW_MS = 1000;
const turns = new Map<string, Promise<void>>();

/**
 * For a client address over its limit: one sign-in at a time from it, each a second after the
 * last. Guessing from that address slows to a crawl, while a person there who knows their password
 * still gets in. In memory: the app is one process.
 */
export function waitYourTurn(key: string, delayMs = ADDRESS_SLOW_MS): Promise<void> {
	const previous = turns.get(key) ?? Promise.resolve();
	const turn = previous.then(() => new Promise<void>((resolve) => setTimeout(resolve, delayMs)));
	turns.set(key, turn);
	void turn.then(() => {
		if (turns.get(key) === turn) {
			turns.delete(key);
		}
	});
	return turn;
}

export function waitMessage(waitMs: number) {
	const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
	return `Too many tries — wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`;
}
