import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pledgeFormSchema, type PledgeForm, type PledgeShown } from '$lib/schemas/pledge-form';
import { auditEvent, mailOutbox, pledgeMatch, user } from '$lib/server/db/schema';
import { renderMail } from '$lib/server/mail/templates';
import {
	createPledge,
	decidePledge,
	endPledge,
	getMatch,
	getMatchOfSupporter,
	getOpenPledge,
	getPledge,
	listMatchesForSupporter,
	listOpenPledges,
	matchPledge,
	publicPledge,
	recordOutcome,
	type Pledge
} from '$lib/server/pledges';
import { createSupportRequest } from '$lib/server/requests';
import { createTestDatabase } from './helpers';

type Db = ReturnType<typeof createTestDatabase>;
type Person = typeof user.$inferSelect;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 23 November 2026, 12:00 in London (GMT): "today" is 2026-11-23. */
const NOW = Date.parse('2026-11-23T12:00:00.000Z');

const SUPPORTER_NAME = 'Samantha Quibblefort';
const DETAILS =
	'Zanzibar-details: call me on 07700 900456, I work in the IT team at Quibble House.';

const SHOWN: PledgeShown = {
	title: 'Practise a job interview',
	summary: 'Have a practice interview with someone who interviews people for real.',
	shownAs: 'Someone from the council’s IT team'
};

/** Without `seed`, no content and no council settings: enough for everything but email. */
function setUp({ seed = false } = {}) {
	const db = createTestDatabase({ seed });
	const add = (values: typeof user.$inferInsert) =>
		db.insert(user).values(values).returning().get();
	const lead = add({ role: 'lead', name: 'Lee Lead' });
	const pa = add({ role: 'adviser', name: 'Pat PA' });
	const supporter = add({
		role: 'supporter',
		name: SUPPORTER_NAME,
		email: 'samantha.q@council.example'
	});
	const otherSupporter = add({
		role: 'supporter',
		name: 'Olu Other',
		email: 'olu@council.example'
	});
	const jordan = add({ role: 'leaver', name: 'Jordan Smith', adviserId: pa.id });
	const riley = add({ role: 'leaver', name: 'Riley Jones', adviserId: pa.id });
	return { db, lead, pa, supporter, otherSupporter, jordan, riley };
}

function form(overrides: Partial<PledgeForm> = {}): PledgeForm {
	return {
		scheme: 'helping-hands',
		kind: 'time',
		timeKind: 'interview-practice',
		details: DETAILS,
		places: 2,
		until: '2026-12-31',
		...overrides
	};
}

/** A pledge a lead has approved with SHOWN: on the board. */
function approved(db: Db, lead: Person, supporter: Person, overrides: Partial<PledgeForm> = {}) {
	const made = createPledge(db, supporter, form(overrides), NOW - 2 * DAY);
	decidePledge(db, lead, made, { approve: true, shown: SHOWN }, NOW - DAY);
	return getPledge(db, made.id)!;
}

let askCount = 0;
/** The young person asks for a pledge (or, with null, asks about something else). */
function ask(db: Db, leaver: Person, item: Pledge | null, at = NOW - HOUR) {
	return createSupportRequest(
		db,
		leaver,
		{
			topic: 'work',
			pledgeId: item?.id,
			message: 'Can I do this please?',
			urgent: false,
			contactBy: 'app',
			idempotencyKey: `pledge-ask-key-${++askCount}-abcdef`
		},
		at
	).request;
}

const WHERE = 'Municipal Buildings, Church Road, room 4';
const MEETING = { meetWhen: 'Tuesday 1 December, 2pm', meetWhere: WHERE, note: 'Bring a CV' };

function match(db: Db, pa: Person, request: ReturnType<typeof ask>, at = NOW) {
	const result = matchPledge(db, pa, request, MEETING, at);
	if (!result.ok) {
		throw new Error(`Not matched: ${result.problem}`);
	}
	return result.match;
}

const openIds = (db: Db, now = NOW) => listOpenPledges(db, now).map((row) => row.id);

afterEach(() => {
	delete process.env.SMTP_URL;
});

describe('a pledge on the board', () => {
	it('waits for a lead: a new pledge is not on the board', () => {
		const { db, supporter } = setUp();
		const made = createPledge(db, supporter, form(), NOW);
		expect(made.status).toBe('waiting');
		expect(openIds(db)).toEqual([]);
		expect(getOpenPledge(db, made.id, NOW)).toBeUndefined();
	});

	it('shows an approved pledge with the title and "from" the lead chose', () => {
		const { db, lead, supporter } = setUp();
		const item = approved(db, lead, supporter);
		expect(item.status).toBe('approved');
		expect(listOpenPledges(db, NOW)).toEqual([
			expect.objectContaining({
				id: item.id,
				title: SHOWN.title,
				summary: SHOWN.summary,
				shownAs: SHOWN.shownAs,
				placesLeft: 2
			})
		]);
	});

	it('keeps a declined pledge off the board', () => {
		const { db, lead, supporter } = setUp();
		const made = createPledge(db, supporter, form(), NOW - DAY);
		decidePledge(db, lead, made, { approve: false }, NOW);
		expect(getPledge(db, made.id)?.status).toBe('declined');
		expect(openIds(db)).toEqual([]);
	});

	it('takes a pledge off the board once its last day has passed in London', () => {
		const { db, lead, supporter } = setUp();
		const item = approved(db, lead, supporter, { until: '2026-12-31' });
		expect(openIds(db, Date.parse('2026-12-31T23:59:00.000Z'))).toEqual([item.id]);
		expect(openIds(db, Date.parse('2027-01-01T00:00:00.000Z'))).toEqual([]);
	});

	it('counts the last day in British Summer Time, not UTC', () => {
		const { db, lead, supporter } = setUp();
		const item = approved(db, lead, supporter, { until: '2027-06-30' });
		// 22:30 UTC is 23:30 in London on the last day; 23:30 UTC is already 1 July in London.
		expect(openIds(db, Date.parse('2027-06-30T22:30:00.000Z'))).toEqual([item.id]);
		expect(openIds(db, Date.parse('2027-06-30T23:30:00.000Z'))).toEqual([]);
	});

	it('takes a pledge off the board when every place is matched', () => {
		const { db, lead, pa, supporter, jordan, riley } = setUp();
		const item = approved(db, lead, supporter, { places: 2 });
		match(db, pa, ask(db, jordan, item));
		expect(listOpenPledges(db, NOW)).toEqual([
			expect.objectContaining({ id: item.id, placesLeft: 1 })
		]);
		match(db, pa, ask(db, riley, item));
		expect(openIds(db)).toEqual([]);
		expect(getOpenPledge(db, item.id, NOW)).toBeUndefined();
	});

	it('takes a pledge off the board when it is ended', () => {
		const { db, lead, supporter } = setUp();
		const item = approved(db, lead, supporter);
		expect(openIds(db)).toEqual([item.id]);
		endPledge(db, supporter, item, NOW);
		expect(getPledge(db, item.id)?.status).toBe('ended');
		expect(openIds(db)).toEqual([]);
	});
});

describe('what young people see of a pledge', () => {
	it('has only what the lead chose: never the supporter, their name or their words', () => {
		const { db, lead, supporter } = setUp();
		approved(db, lead, supporter);
		const [open] = listOpenPledges(db, NOW);
		const shown = publicPledge(open);
		expect(Object.keys(shown).sort()).toEqual(
			['id', 'kind', 'placesLeft', 'scheme', 'shownAs', 'summary', 'title', 'until'].sort()
		);
		const text = JSON.stringify(shown);
		// The row it came from does hold them: their absence below is the function's doing.
		expect(JSON.stringify(open)).toContain('Zanzibar-details');
		for (const hidden of ['Zanzibar-details', '07700 900456', 'Quibble', 'Samantha', 'supporter']) {
			expect(text).not.toContain(hidden);
		}
	});
});

describe('matching a young person with a pledge', () => {
	it('matches the young person who asked, with when and where, and audits it', () => {
		const { db, lead, pa, supporter, jordan } = setUp();
		const item = approved(db, lead, supporter);
		const request = ask(db, jordan, item);
		const result = matchPledge(db, pa, request, MEETING, NOW);
		expect(result).toEqual({
			ok: true,
			match: expect.objectContaining({
				pledgeId: item.id,
				requestId: request.id,
				leaverId: jordan.id,
				matchedById: pa.id,
				meetWhen: MEETING.meetWhen,
				meetWhere: WHERE,
				note: 'Bring a CV',
				outcome: null
			})
		});
		const audit = db.select().from(auditEvent).where(eq(auditEvent.action, 'pledge-matched')).all();
		expect(audit).toEqual([
			expect.objectContaining({
				actorId: pa.id,
				subjectUserId: jordan.id,
				target: `pledge:${item.id}`
			})
		]);
	});

	it('refuses to match the same request twice', () => {
		const { db, lead, pa, supporter, jordan } = setUp();
		const item = approved(db, lead, supporter, { places: 5 });
		const request = ask(db, jordan, item);
		match(db, pa, request);
		expect(matchPledge(db, pa, request, MEETING, NOW + HOUR)).toEqual({
			ok: false,
			problem: 'already-matched'
		});
		expect(db.select().from(pledgeMatch).all()).toHaveLength(1);
	});

	it('refuses a request that did not ask for a pledge', () => {
		const { db, lead, pa, supporter, jordan } = setUp();
		approved(db, lead, supporter);
		expect(matchPledge(db, pa, ask(db, jordan, null), MEETING, NOW)).toEqual({
			ok: false,
			problem: 'not-open'
		});
		expect(db.select().from(pledgeMatch).all()).toEqual([]);
	});

	it('refuses when every place is already matched', () => {
		const { db, lead, pa, supporter, jordan, riley } = setUp();
		const item = approved(db, lead, supporter, { places: 1 });
		const jordansAsk = ask(db, jordan, item);
		const rileysAsk = ask(db, riley, item);
		match(db, pa, jordansAsk);
		expect(matchPledge(db, pa, rileysAsk, MEETING, NOW)).toEqual({
			ok: false,
			problem: 'not-open'
		});
		expect(db.select().from(pledgeMatch).all()).toHaveLength(1);
	});

	it('refuses a pledge no longer on the board (ended)', () => {
		const { db, lead, pa, supporter, jordan } = setUp();
		const item = approved(db, lead, supporter);
		const request = ask(db, jordan, item);
		endPledge(db, lead, item, NOW - HOUR / 2);
		expect(matchPledge(db, pa, request, MEETING, NOW)).toEqual({ ok: false, problem: 'not-open' });
	});

	it('emails the supporter, with no name or details, only when email is set up', () => {
		const { db, lead, pa, supporter, jordan, riley } = setUp({ seed: true });
		const item = approved(db, lead, supporter);
		match(db, pa, ask(db, jordan, item));
		expect(db.select().from(mailOutbox).all()).toEqual([]);

		process.env.SMTP_URL = 'smtp://mail.council.example:25';
		match(db, pa, ask(db, riley, item));
		const mail = db.select().from(mailOutbox).all();
		expect(mail).toEqual([
			expect.objectContaining({
				kind: 'pledge-match',
				userId: supporter.id,
				toAddress: 'samantha.q@council.example'
			})
		]);
		const words = `${mail[0].subject}\n${mail[0].body}`;
		for (const hidden of ['Riley', 'Jones', SHOWN.title, 'Municipal', 'Tuesday', 'Bring a CV']) {
			expect(words).not.toContain(hidden);
		}
	});
});

describe('what a supporter sees of their matches', () => {
	it('lists only their own matches, with the young person’s first name and no ids', () => {
		const { db, lead, pa, supporter, otherSupporter, jordan, riley } = setUp();
		const mine = approved(db, lead, supporter);
		const theirs = approved(db, lead, otherSupporter);
		match(db, pa, ask(db, jordan, mine));
		match(db, pa, ask(db, riley, theirs));

		const matches = listMatchesForSupporter(db, supporter.id);
		expect(matches).toHaveLength(1);
		expect(matches[0]).toMatchObject({
			pledgeId: mine.id,
			pledgeTitle: SHOWN.title,
			firstName: 'Jordan',
			meetWhen: MEETING.meetWhen,
			meetWhere: WHERE,
			note: 'Bring a CV',
			outcome: null
		});
		expect(matches[0]).not.toHaveProperty('requestId');
		expect(matches[0]).not.toHaveProperty('leaverId');
		const text = JSON.stringify(matches);
		for (const hidden of ['Smith', 'Riley', 'Jones']) {
			expect(text).not.toContain(hidden);
		}
		expect(listMatchesForSupporter(db, otherSupporter.id)).toEqual([
			expect.objectContaining({ pledgeId: theirs.id, firstName: 'Riley' })
		]);
	});

	it('finds a match for its own supporter only', () => {
		const { db, lead, pa, supporter, otherSupporter, jordan } = setUp();
		const made = match(db, pa, ask(db, jordan, approved(db, lead, supporter)));
		expect(getMatchOfSupporter(db, supporter.id, made.id)?.id).toBe(made.id);
		expect(getMatchOfSupporter(db, otherSupporter.id, made.id)).toBeUndefined();
	});
});

describe('how a match went', () => {
	it('records the outcome and hours, and clears the hours when it did not happen after all', () => {
		const { db, lead, pa, supporter, jordan } = setUp();
		const made = match(db, pa, ask(db, jordan, approved(db, lead, supporter)));

		recordOutcome(db, supporter, made, { outcome: 'took-place', hours: 1.5 }, NOW + DAY);
		expect(getMatch(db, made.id)).toMatchObject({
			outcome: 'took-place',
			hours: 1.5,
			paidPence: null,
			outcomeById: supporter.id
		});

		recordOutcome(db, supporter, made, { outcome: 'did-not', hours: 1.5 }, NOW + 2 * DAY);
		expect(getMatch(db, made.id)).toMatchObject({
			outcome: 'did-not',
			hours: null,
			paidPence: null
		});
		expect(
			db
				.select()
				.from(auditEvent)
				.where(
					and(eq(auditEvent.action, 'pledge-outcome'), eq(auditEvent.subjectUserId, jordan.id))
				)
				.all()
		).toHaveLength(2);
	});

	it('records money paid, and only with that outcome', () => {
		const { db, lead, pa, supporter, jordan } = setUp();
		const item = approved(db, lead, supporter, {
			kind: 'money',
			timeKind: undefined,
			amount: 5000
		});
		const made = match(db, pa, ask(db, jordan, item));
		recordOutcome(db, lead, made, { outcome: 'money-paid', paid: 4999, hours: 2 }, NOW + DAY);
		expect(getMatch(db, made.id)).toMatchObject({
			outcome: 'money-paid',
			paidPence: 4999,
			hours: null,
			outcomeById: lead.id
		});
	});
});

describe('the email a supporter gets about a match', () => {
	it('says only that there is a match, and links to the supporter page', () => {
		const { subject, body } = renderMail('pledge-match', {
			appName: 'Local Offer',
			origin: 'https://offer.council.example/',
			path: '/supporter'
		});
		const words = `${subject}\n${body}`;
		expect(body).toContain('https://offer.council.example/supporter');
		for (const hidden of ['Jordan', SHOWN.title, WHERE, MEETING.meetWhen, '/staff/']) {
			expect(words).not.toContain(hidden);
		}
	});
});

describe('the pledge form', () => {
	const valid = {
		scheme: 'helping-hands',
		kind: 'time',
		timeKind: 'mentoring',
		amount: '',
		details: 'An hour a week of mentoring, online or in the office.',
		places: '2',
		until: '2027-06-30'
	};
	const errorsOf = (input: Record<string, unknown>) => {
		const parsed = pledgeFormSchema.safeParse(input);
		return parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
	};

	it('accepts a filled-in pledge of time', () => {
		expect(pledgeFormSchema.safeParse(valid)).toMatchObject({
			success: true,
			data: { kind: 'time', timeKind: 'mentoring', amount: undefined, places: 2 }
		});
	});

	it('asks what the time is for when a pledge of time does not say', () => {
		expect(errorsOf({ ...valid, timeKind: '' })).toEqual({
			timeKind: ['Choose what your time is for']
		});
	});

	it('asks for the amount when a pledge of money has none', () => {
		expect(errorsOf({ ...valid, kind: 'money', timeKind: '', amount: '' })).toEqual({
			amount: ['Enter the amount for each young person']
		});
	});

	it.each([
		['£49.99', 4999],
		['50', 5000],
		['£1,000', 100_000]
	])('reads %s as %i pence', (amount, pence) => {
		const parsed = pledgeFormSchema.safeParse({ ...valid, kind: 'money', timeKind: '', amount });
		expect(parsed.success && parsed.data.amount).toBe(pence);
	});

	it.each(['0', '-1', '51', '1.5'])('refuses %s places', (places) => {
		expect(errorsOf({ ...valid, places })).toHaveProperty('places');
	});
});
