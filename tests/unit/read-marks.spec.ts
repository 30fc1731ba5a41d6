import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '$lib/server/audit';
import { user } from '$lib/server/db/schema';
import {
	countUnreadForLeaver,
	createSupportRequest,
	getLeaverRequest,
	getRequestForStaff,
	holdsReadMark,
	isUnreadByLeaver,
	isUnreadForStaff,
	listInbox,
	markReadByLeaver,
	recordRequestSeenByStaff,
	replyAsLeaver,
	replyAsStaff
} from '$lib/server/requests';
import { recordLeaverRecordSeen } from '$lib/server/users';
import { createTestDatabase } from './helpers';

/**
 * Read marks and "opened" audit rows are written by the pages' `?/seen` posts (and by replying),
 * never by a load. These are the rules those posts follow.
 */

const T0 = Date.parse('2026-11-23T10:00:00Z');
const MINUTE = 60_000;

function setUp() {
	const db = createTestDatabase({ seed: false });
	const add = (values: typeof user.$inferInsert) =>
		db.insert(user).values(values).returning().get();
	const lead = add({ role: 'lead', name: 'Lead' });
	const pa1 = add({ role: 'adviser', name: 'PA One' });
	const pa2 = add({ role: 'adviser', name: 'PA Two' });
	const jordan = add({ role: 'leaver', name: 'Jordan', adviserId: pa1.id });
	const casey = add({ role: 'leaver', name: 'Casey', adviserId: null });
	const { request } = createSupportRequest(
		db,
		jordan,
		{
			topic: 'money',
			message: 'Can you help me with my council tax?',
			urgent: false,
			contactBy: 'app',
			idempotencyKey: 'key-aaaaaaaaaaaaaaaa'
		},
		T0
	);
	/** The request as it is stored now (read marks move). */
	const current = () => getRequestForStaff(db, lead, request.id)!;
	const unreadInInbox = (viewer: typeof lead) =>
		listInbox(db, viewer, {}, T0 + 60 * MINUTE).find((row) => row.request.id === request.id)!
			.unread;
	const opened = () =>
		listAuditEvents(db, { action: 'request-opened' }).rows.map((row) => row.actorName);
	return { db, lead, pa1, pa2, jordan, casey, request, current, unreadInInbox, opened };
}

describe('staff read marks', () => {
	it('marks a request read for its PA when they have it in front of them', () => {
		const { db, pa1, request, current, unreadInInbox } = setUp();
		expect(unreadInInbox(pa1)).toBe(true);
		recordRequestSeenByStaff(db, pa1, request, T0, T0 + MINUTE);
		expect(unreadInInbox(pa1)).toBe(false);
		expect(isUnreadForStaff(db, pa1, current())).toBe(false);
	});

	it("leaves the PA's unread mark when a lead opens the PA's request, and audits the lead", () => {
		const { db, lead, pa1, request, current, unreadInInbox, opened } = setUp();
		recordRequestSeenByStaff(db, lead, request, T0, T0 + MINUTE);
		expect(unreadInInbox(pa1)).toBe(true);
		expect(unreadInInbox(lead)).toBe(true);
		expect(isUnreadForStaff(db, pa1, current())).toBe(true);
		expect(opened()).toEqual(['Lead']);
	});

	it("leaves the PA's unread mark when a lead replies; the PA's own reply clears it", () => {
		const { db, lead, pa1, request, current, unreadInInbox } = setUp();
		replyAsStaff(db, lead, request, { message: 'The lead here: I can help.' }, T0 + MINUTE);
		expect(unreadInInbox(pa1)).toBe(true);
		replyAsStaff(db, pa1, current(), { message: 'Your PA here.' }, T0 + 2 * MINUTE);
		expect(unreadInInbox(pa1)).toBe(false);
	});

	it('keeps a message that came after the page was drawn unread', () => {
		const { db, pa1, jordan, request, current, unreadInInbox } = setUp();
		const reply = { message: 'One more thing', idempotencyKey: 'reply-bbbbbbbbbbbbbb' };
		replyAsLeaver(db, jordan, getLeaverRequest(db, jordan, request.id)!, reply, T0 + 5 * MINUTE);
		// The page showed the first message only (drawn before the reply came).
		recordRequestSeenByStaff(db, pa1, current(), T0, T0 + 6 * MINUTE);
		expect(unreadInInbox(pa1)).toBe(true);
		recordRequestSeenByStaff(db, pa1, current(), T0 + 5 * MINUTE, T0 + 7 * MINUTE);
		expect(unreadInInbox(pa1)).toBe(false);
	});

	it('never moves a read mark back, nor past now', () => {
		const { db, pa1, jordan, request, current, unreadInInbox } = setUp();
		recordRequestSeenByStaff(db, pa1, request, T0 + 10 * MINUTE, T0 + 10 * MINUTE);
		recordRequestSeenByStaff(db, pa1, current(), T0, T0 + 11 * MINUTE);
		expect(current().adviserReadAt?.getTime()).toBe(T0 + 10 * MINUTE);
		// A mark claimed far in the future stops at now: what comes later is still new.
		recordRequestSeenByStaff(db, pa1, current(), T0 + 10_000 * MINUTE, T0 + 12 * MINUTE);
		const reply = { message: 'Still there?', idempotencyKey: 'reply-cccccccccccccc' };
		replyAsLeaver(db, jordan, getLeaverRequest(db, jordan, request.id)!, reply, T0 + 13 * MINUTE);
		expect(unreadInInbox(pa1)).toBe(true);
	});

	it('records "opened" once for each time the page is shown, for every viewer', () => {
		const { db, lead, pa1, request, opened } = setUp();
		recordRequestSeenByStaff(db, pa1, request, T0, T0 + MINUTE);
		recordRequestSeenByStaff(db, lead, request, T0, T0 + 2 * MINUTE);
		expect(opened()).toEqual(['Lead', 'PA One']);
		const [row] = listAuditEvents(db, { action: 'request-opened' }).rows;
		expect(row.subjectName).toBe('Jordan');
		expect(row.target).toBe(`request:${request.id}`);
	});

	it.each([
		{ viewer: 'the PA holding it', who: 'pa1', heldByPa: true, holds: true },
		{ viewer: 'a lead', who: 'lead', heldByPa: true, holds: false },
		{ viewer: 'another PA', who: 'pa2', heldByPa: true, holds: false },
		{ viewer: 'a lead, while no PA holds it,', who: 'lead', heldByPa: false, holds: true },
		{ viewer: 'a PA, while no PA holds it,', who: 'pa2', heldByPa: false, holds: true },
		{ viewer: 'the young person', who: 'jordan', heldByPa: true, holds: false }
	] as const)('$viewer holds the read mark: $holds', ({ who, heldByPa, holds }) => {
		const people = setUp();
		const adviserId = heldByPa ? people.pa1.id : null;
		expect(holdsReadMark(people[who], { adviserId })).toBe(holds);
	});

	it('lets a lead read a request no PA holds', () => {
		const { db, lead, casey } = setUp();
		const { request } = createSupportRequest(
			db,
			casey,
			{
				topic: 'money',
				message: 'Who is my PA?',
				urgent: false,
				contactBy: 'app',
				idempotencyKey: 'key-dddddddddddddddd'
			},
			T0
		);
		expect(isUnreadForStaff(db, lead, request)).toBe(true);
		recordRequestSeenByStaff(db, lead, request, T0, T0 + MINUTE);
		expect(isUnreadForStaff(db, lead, getRequestForStaff(db, lead, request.id)!)).toBe(false);
	});
});

describe("the young person's read marks", () => {
	it('marks replies read up to the newest one the page showed, and no further', () => {
		const { db, pa1, jordan, request } = setUp();
		replyAsStaff(db, pa1, request, { message: 'Yes, I can help.' }, T0 + MINUTE);
		const mine = () => getLeaverRequest(db, jordan, request.id)!;
		expect(countUnreadForLeaver(db, jordan)).toBe(1);
		expect(isUnreadByLeaver(db, mine())).toBe(true);
		// The page was drawn before the reply came: the reply stays unread.
		markReadByLeaver(db, mine(), T0, T0 + 2 * MINUTE);
		expect(countUnreadForLeaver(db, jordan)).toBe(1);
		markReadByLeaver(db, mine(), T0 + MINUTE, T0 + 3 * MINUTE);
		expect(countUnreadForLeaver(db, jordan)).toBe(0);
		expect(isUnreadByLeaver(db, mine())).toBe(false);
	});

	it('never moves the mark back, nor past now', () => {
		const { db, pa1, jordan, request } = setUp();
		const mine = () => getLeaverRequest(db, jordan, request.id)!;
		markReadByLeaver(db, mine(), T0 + 10 * MINUTE, T0 + 10 * MINUTE);
		markReadByLeaver(db, mine(), T0 + MINUTE, T0 + 11 * MINUTE);
		expect(mine().leaverReadAt?.getTime()).toBe(T0 + 10 * MINUTE);
		markReadByLeaver(db, mine(), T0 + 10_000 * MINUTE, T0 + 12 * MINUTE);
		replyAsStaff(db, pa1, request, { message: 'Are you free on Tuesday?' }, T0 + 13 * MINUTE);
		expect(countUnreadForLeaver(db, jordan)).toBe(1);
	});
});

describe("a young person's record", () => {
	it('records "opened" for the member of staff who has it in front of them', () => {
		const { db, pa1, jordan } = setUp();
		recordLeaverRecordSeen(db, pa1, jordan);
		const rows = listAuditEvents(db, { action: 'leaver-record-opened' }).rows;
		expect(rows.map((row) => [row.actorName, row.subjectName])).toEqual([['PA One', 'Jordan']]);
	});
});
