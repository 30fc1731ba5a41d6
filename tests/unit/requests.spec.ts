import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { requestMessage, supportRequest, user } from '$lib/server/db/schema';
import {
	addInternalNote,
	canChangeStatus,
	changeRequestStatus,
	createSupportRequest,
	getLeaverRequest,
	getRequestForStaff,
	handOverRequest,
	isUnreadForStaff,
	listInbox,
	listMessagesForLeaver,
	markSorted,
	recordRequestSeenByStaff,
	replyAsLeaver,
	replyAsStaff
} from '$lib/server/requests';
import { REQUEST_STATUSES } from '$lib/server/db/schema';
import { createTestDatabase } from './helpers';

function setUp() {
	const db = createTestDatabase({ seed: false });
	const add = (values: typeof user.$inferInsert) =>
		db.insert(user).values(values).returning().get();
	const lead = add({ role: 'lead', name: 'Lead' });
	const pa1 = add({ role: 'adviser', name: 'PA One' });
	const pa2 = add({ role: 'adviser', name: 'PA Two' });
	const jordan = add({ role: 'leaver', name: 'Jordan', adviserId: pa1.id });
	const riley = add({ role: 'leaver', name: 'Riley', adviserId: pa2.id });
	return { db, lead, pa1, pa2, jordan, riley };
}

const input = (key: string, message = 'Can you help me with my council tax?') => ({
	topic: 'money',
	message,
	urgent: false,
	contactBy: 'app' as const,
	idempotencyKey: key
});

describe('creating requests', () => {
	it('stores a request once per idempotency key', () => {
		const { db, jordan } = setUp();
		const first = createSupportRequest(db, jordan, input('key-aaaaaaaaaaaaaaaa'));
		const again = createSupportRequest(db, jordan, input('key-aaaaaaaaaaaaaaaa'));
		expect(first.created).toBe(true);
		expect(again).toEqual({ request: first.request, created: false });
		expect(db.select().from(supportRequest).all()).toHaveLength(1);
		expect(db.select().from(requestMessage).all()).toHaveLength(1);
		expect(first.request.adviserId).toBe(jordan.adviserId);
	});

	it('marks a request with crisis words urgent and flags it', () => {
		const { db, jordan } = setUp();
		const { request } = createSupportRequest(
			db,
			jordan,
			input('key-bbbbbbbbbbbbbbbb', "I'm homeless tonight")
		);
		expect(request.urgent).toBe(true);
		expect(request.crisis).toBe(true);
	});

	it('stores a reply once per idempotency key and reopens a sorted request', () => {
		const { db, jordan } = setUp();
		const { request } = createSupportRequest(db, jordan, input('key-cccccccccccccccc'));
		markSorted(db, request);
		const sorted = getLeaverRequest(db, jordan, request.id)!;
		expect(sorted.status).toBe('resolved');
		const reply = { message: 'Actually, one more thing', idempotencyKey: 'reply-dddddddddddddd' };
		expect(replyAsLeaver(db, jordan, sorted, reply).created).toBe(true);
		expect(replyAsLeaver(db, jordan, sorted, reply).created).toBe(false);
		expect(listMessagesForLeaver(db, request.id)).toHaveLength(2);
		expect(getLeaverRequest(db, jordan, request.id)!.status).toBe('in-progress');
	});
});

describe('who sees what', () => {
	it("never shows a young person another young person's request", () => {
		const { db, jordan, riley } = setUp();
		const { request } = createSupportRequest(db, jordan, input('key-eeeeeeeeeeeeeeee'));
		expect(getLeaverRequest(db, riley, request.id)).toBeUndefined();
		expect(getLeaverRequest(db, jordan, request.id)?.id).toBe(request.id);
	});

	it('shows staff notes to staff and never to the young person', () => {
		const { db, jordan, pa1 } = setUp();
		const { request } = createSupportRequest(db, jordan, input('key-ffffffffffffffff'));
		addInternalNote(db, pa1, request, 'Check the tenancy first');
		replyAsStaff(db, pa1, request, { message: 'Yes, I can help.' });
		const seen = listMessagesForLeaver(db, request.id).map((m) => m.body);
		expect(seen).toEqual(['Can you help me with my council tax?', 'Yes, I can help.']);
		expect(JSON.stringify(seen)).not.toContain('tenancy');
	});

	it("lets a PA open their caseload's requests and those handed to them; a lead all", () => {
		const { db, jordan, pa1, pa2, lead } = setUp();
		const { request } = createSupportRequest(db, jordan, input('key-gggggggggggggggg'));
		expect(getRequestForStaff(db, pa1, request.id)?.id).toBe(request.id);
		expect(getRequestForStaff(db, pa2, request.id)).toBeUndefined();
		expect(getRequestForStaff(db, lead, request.id)?.id).toBe(request.id);
		expect(getRequestForStaff(db, jordan, request.id)).toBeUndefined();
		handOverRequest(db, pa1, request, { adviserId: pa2.id });
		expect(getRequestForStaff(db, pa2, request.id)?.id).toBe(request.id);
		expect(listInbox(db, pa2, { scope: 'mine' }).map((row) => row.request.id)).toEqual([
			request.id
		]);
	});
});

/** The moves staff may make, written out here so that a change to the rule shows in this test. */
const STATUS_MOVES = [
	['new', 'new', false],
	['new', 'in-progress', true],
	['new', 'waiting', true],
	['new', 'resolved', true],
	['in-progress', 'new', false],
	['in-progress', 'in-progress', false],
	['in-progress', 'waiting', true],
	['in-progress', 'resolved', true],
	['waiting', 'new', false],
	['waiting', 'in-progress', true],
	['waiting', 'waiting', false],
	['waiting', 'resolved', true],
	['resolved', 'new', false],
	['resolved', 'in-progress', true],
	['resolved', 'waiting', false],
	['resolved', 'resolved', false]
] as const;

describe('status', () => {
	it('has a row above for every pair of statuses', () => {
		expect(STATUS_MOVES.map(([from, to]) => `${from} → ${to}`)).toEqual(
			REQUEST_STATUSES.flatMap((from) => REQUEST_STATUSES.map((to) => `${from} → ${to}`))
		);
	});

	it.each(STATUS_MOVES)('from %s to %s allowed: %s', (from, to, allowed) => {
		expect(canChangeStatus(from, to)).toBe(allowed);
	});

	it('refuses an illegal change and leaves the request as it was', () => {
		const { db, jordan, pa1 } = setUp();
		const { request } = createSupportRequest(db, jordan, input('key-hhhhhhhhhhhhhhhh'));
		const result = changeRequestStatus(db, pa1, request, 'new');
		expect(result.ok).toBe(false);
		expect(
			db.select().from(supportRequest).where(eq(supportRequest.id, request.id)).get()!.status
		).toBe('new');
	});

	it("a PA's first reply starts work and stops the response clock", () => {
		const { db, jordan, pa1 } = setUp();
		const { request } = createSupportRequest(db, jordan, input('key-iiiiiiiiiiiiiiii'));
		replyAsStaff(db, pa1, request, { message: 'On it' });
		const after = db.select().from(supportRequest).where(eq(supportRequest.id, request.id)).get()!;
		expect(after.status).toBe('in-progress');
		expect(after.firstResponseAt).not.toBeNull();
	});
});

/**
 * An action reads the request, then awaits the form: another action can land in between, so the
 * copy it holds is stale. The decision must be taken on the row as it is when it is written.
 */
describe('decisions on a copy of the request read before another change', () => {
	const read = (db: ReturnType<typeof setUp>['db'], id: number) =>
		db.select().from(supportRequest).where(eq(supportRequest.id, id)).get()!;

	it('keeps the first reply as the first response when two replies race', () => {
		const { db, jordan, pa1, lead } = setUp();
		const { request } = createSupportRequest(db, jordan, input('key-race-first-reply'));
		const first = Date.parse('2026-11-23T10:00:00Z');
		const second = Date.parse('2026-11-23T10:05:00Z');
		// Both pages were drawn before either reply: both hold a copy with no first response.
		replyAsStaff(db, pa1, request, { message: 'On it' }, first);
		replyAsStaff(db, lead, request, { message: 'Me too' }, second);
		expect(read(db, request.id).firstResponseAt?.getTime()).toBe(first);
	});

	it('refuses a status change that was allowed only from the status the page showed', () => {
		const { db, jordan, pa1, lead } = setUp();
		const { request } = createSupportRequest(db, jordan, input('key-race-status-aaa'));
		expect(changeRequestStatus(db, pa1, request, 'resolved').ok).toBe(true);
		// The lead's page still says "new", from which "waiting" is allowed; from resolved it is not.
		const late = changeRequestStatus(db, lead, request, 'waiting');
		expect(late).toEqual({
			ok: false,
			message: 'A request that is resolved cannot become waiting.'
		});
		expect(read(db, request.id).status).toBe('resolved');
	});

	it('reopens a request put to waiting after the young person’s page was drawn', () => {
		const { db, jordan, pa1 } = setUp();
		const { request } = createSupportRequest(db, jordan, input('key-race-reopen-aa'));
		expect(changeRequestStatus(db, pa1, request, 'waiting').ok).toBe(true);
		const reply = { message: 'Here is the form', idempotencyKey: 'reply-race-reopen-a' };
		replyAsLeaver(db, jordan, request, reply);
		const after = read(db, request.id);
		expect(after.status).toBe('in-progress');
		expect(after.waitingSince).toBeNull();
	});

	it('leaves a request sorted by staff meanwhile as it is when the young person says it is sorted', () => {
		const { db, jordan, pa1 } = setUp();
		const { request } = createSupportRequest(db, jordan, input('key-race-sorted-aa'));
		const resolvedAt = Date.parse('2026-11-23T10:00:00Z');
		expect(changeRequestStatus(db, pa1, request, 'resolved', resolvedAt).ok).toBe(true);
		markSorted(db, request, resolvedAt + 60_000);
		expect(read(db, request.id).resolvedAt?.getTime()).toBe(resolvedAt);
	});

	it('leaves the new PA’s "Unread" alone when the old PA’s page reports it was seen after a hand-over', () => {
		const { db, jordan, pa1, pa2, lead } = setUp();
		const { request } = createSupportRequest(db, jordan, input('key-race-handover-a'));
		// PA One's page was drawn while the request was theirs; then a lead handed it to PA Two.
		expect(handOverRequest(db, lead, request, { adviserId: pa2.id }).ok).toBe(true);
		recordRequestSeenByStaff(db, pa1, request, Date.now());
		expect(isUnreadForStaff(db, pa2, read(db, request.id))).toBe(true);
	});
});

describe('response target settings', () => {
	it('uses the saved targets for due times', async () => {
		const { saveResponseTargets, getResponseTargets } = await import('$lib/server/requests');
		const { db, lead } = setUp();
		expect(getResponseTargets(db).urgentHours).toBe(4);
		saveResponseTargets(db, lead, {
			urgentHours: 2,
			normalWorkingDays: 3,
			dayStart: '08:30',
			dayEnd: '16:30'
		});
		expect(getResponseTargets(db)).toEqual({
			urgentHours: 2,
			normalWorkingDays: 3,
			dayStart: '08:30',
			dayEnd: '16:30'
		});
	});
});

describe('demo requests', () => {
	it('seeds requests from the demo care leavers once, some answered late', async () => {
		const { seedDemoAccounts, seedDemoRequests } = await import('$lib/server/demo');
		const { getRequestStats } = await import('$lib/server/analytics/queries');
		const db = createTestDatabase();
		await seedDemoAccounts(db);
		const now = Date.parse('2026-11-23T12:00:00Z');
		expect(seedDemoRequests(db, now)).toBe(40);
		expect(seedDemoRequests(db, now)).toBe(0);
		const stats = getRequestStats(db, { from: '2026-08-01', to: '2026-11-23' }, undefined, now)!;
		expect(stats.total).toBe(40);
		expect(stats.withinTargetShare).toBeGreaterThan(0);
		expect(stats.withinTargetShare).toBeLessThan(1);
		expect(stats.perAdviser.map((row) => row.adviser).sort()).toEqual([
			'Alex Adviser',
			'Sam Adviser'
		]);
	});
});
