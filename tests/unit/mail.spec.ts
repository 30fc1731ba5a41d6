import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { noticeChoicesFormSchema } from '$lib/schemas/notices';
import { mailOutbox, offer, user } from '$lib/server/db/schema';
import {
	deleteSentMail,
	deliverDueMail,
	describeMailError,
	getMailStatus,
	queueOverdueSoon,
	queueWeeklyOverdue,
	readNoticeChoices,
	retryDelay,
	saveNoticeChoices,
	saveTeamInbox
} from '$lib/server/mail';
import {
	createSupportRequest,
	handOverAndTell,
	sendReplyAsLeaver,
	submitSupportRequest
} from '$lib/server/requests';
import { changeStaffEmail, setAccountDisabled } from '$lib/server/staff-accounts';
import { createTestDatabase } from './helpers';

const pushed = vi.hoisted(() => [] as { userId: number; body: string }[]);
vi.mock('$lib/server/notify', async (original) => ({
	...(await original<typeof import('$lib/server/notify')>()),
	notify: (_db: unknown, notice: { userId: number; body: string }) => {
		pushed.push(notice);
	}
}));

const SMTP_URL = 'smtps://alerts%40council.example:Sup3r-Secret-Pw@smtp.council.example:465';
const NAME = 'Jordanna';
const MESSAGE = 'Zebracorn council tax arrears letter';

function setUp() {
	const db = createTestDatabase();
	const add = (values: typeof user.$inferInsert) =>
		db.insert(user).values(values).returning().get();
	const pa = add({ role: 'adviser', name: 'PA One', email: 'pa.one@council.example' });
	const pa2 = add({ role: 'adviser', name: 'PA Two', email: 'pa.two@council.example' });
	const noEmailPa = add({ role: 'adviser', name: 'PA Three' });
	const lead = add({ role: 'lead', name: 'Lead One', email: 'lead@council.example' });
	const leaver = add({ role: 'leaver', name: NAME, adviserId: pa.id });
	const orphan = add({ role: 'leaver', name: 'Riley', adviserId: noEmailPa.id });
	const published = db.select().from(offer).all()[0];
	return { db, pa, pa2, noEmailPa, lead, leaver, orphan, published };
}

let keyCounter = 0;
const ask = (overrides: Partial<Parameters<typeof submitSupportRequest>[2]> = {}) => ({
	topic: 'money',
	message: MESSAGE,
	urgent: false,
	contactBy: 'app' as const,
	idempotencyKey: `request-key-${++keyCounter}-123456`,
	...overrides
});

const outbox = (db: ReturnType<typeof createTestDatabase>) => db.select().from(mailOutbox).all();

beforeEach(() => {
	process.env.SMTP_URL = SMTP_URL;
	pushed.length = 0;
});
afterEach(() => {
	delete process.env.SMTP_URL;
});

describe('email notices for staff', () => {
	it('queues nothing at all without SMTP_URL', () => {
		delete process.env.SMTP_URL;
		const { db, leaver } = setUp();
		submitSupportRequest(db, leaver, ask({ urgent: true }));
		expect(outbox(db)).toEqual([]);
	});

	it('never puts the young person’s name, the topic, the offer or their words in an email', () => {
		const { db, leaver, published } = setUp();
		const created = submitSupportRequest(
			db,
			leaver,
			ask({ urgent: true, offer: published.slug, topic: published.category })
		);
		if (!created.ok) {
			throw new Error('not created');
		}
		sendReplyAsLeaver(db, leaver, created.request, {
			message: `${MESSAGE} again`,
			idempotencyKey: 'reply-key-1234567890'
		});
		const rows = outbox(db);
		expect(rows.map((row) => row.kind)).toEqual(['urgent-request', 'reply']);
		for (const row of rows) {
			const text = `${row.subject}\n${row.body}`.toLowerCase();
			for (const secret of [NAME, MESSAGE, 'zebracorn', published.slug, published.title]) {
				expect(text).not.toContain(secret.toLowerCase());
			}
			expect(text).not.toContain(`${published.category} `);
		}
		expect(rows[0]).toMatchObject({
			toAddress: 'pa.one@council.example',
			subject: 'Urgent: new request in Stockton Local Offer',
			body: expect.stringContaining(
				`You have a new urgent request in Stockton Local Offer. Sign in to read it: http://localhost:3000/staff/requests/${created.request.id}`
			)
		});
	});

	it('queues one email for a request however often it is sent', () => {
		const { db, leaver } = setUp();
		const input = ask();
		submitSupportRequest(db, leaver, input);
		submitSupportRequest(db, leaver, input);
		expect(outbox(db)).toHaveLength(1);
	});

	it('still saves the request when its email cannot be queued', () => {
		const { db, leaver } = setUp();
		db.$client.exec('DROP TABLE mail_outbox');
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		const result = submitSupportRequest(db, leaver, ask({ urgent: true }));
		error.mockRestore();
		expect(result).toMatchObject({ ok: true, created: true });
	});

	it('respects a PA who turned email off for new requests, and push off for replies', () => {
		const { db, pa, leaver } = setUp();
		saveNoticeChoices(db, pa.id, {
			...readNoticeChoices(null),
			'new-request': ['push'],
			reply: ['email']
		});
		const created = submitSupportRequest(db, leaver, ask());
		if (!created.ok) {
			throw new Error('not created');
		}
		expect(outbox(db)).toEqual([]);
		expect(pushed.map((notice) => notice.userId)).toEqual([pa.id]);
		sendReplyAsLeaver(db, leaver, created.request, {
			message: 'Any news?',
			idempotencyKey: 'reply-key-abcdefghij'
		});
		expect(outbox(db).map((row) => row.kind)).toEqual(['reply']);
		expect(pushed).toHaveLength(1);
	});

	it('sends an urgent request to its PA by email even when they turned those emails off', () => {
		const { db, pa, leaver } = setUp();
		// Stored with no channel at all for urgent requests (the form never does: see below).
		saveNoticeChoices(db, pa.id, { ...noticeChoicesFormSchema.parse({}), 'urgent-request': [] });
		submitSupportRequest(db, leaver, ask({ urgent: true }));
		expect(outbox(db).map((row) => row.toAddress)).toEqual(['pa.one@council.example']);
		expect(pushed).toEqual([]);
	});

	it('keeps urgent requests by email whatever boxes the notices form sends', () => {
		expect(noticeChoicesFormSchema.parse({})).toMatchObject({
			'new-request': [],
			'urgent-request': ['email'],
			reply: []
		});
		expect(
			noticeChoicesFormSchema.parse({ 'push-reply': 'on', 'email-reply': 'on' }).reply
		).toEqual(['email', 'push']);
	});

	it('sends an urgent request to the team inbox when its PA has no email, or to the leads without one', () => {
		const { db, lead, orphan } = setUp();
		submitSupportRequest(db, orphan, ask({ urgent: true }));
		expect(outbox(db).map((row) => row.toAddress)).toEqual(['lead@council.example']);
		saveTeamInbox(db, lead, 'care-leavers@council.example');
		submitSupportRequest(db, orphan, ask({ urgent: true }));
		expect(outbox(db).map((row) => row.toAddress)).toEqual([
			'lead@council.example',
			'care-leavers@council.example'
		]);
	});

	it('gives staff without an email address push notices only', () => {
		const { db, noEmailPa, orphan } = setUp();
		submitSupportRequest(db, orphan, ask());
		expect(outbox(db)).toEqual([]);
		expect(pushed.map((notice) => notice.userId)).toEqual([noEmailPa.id]);
	});

	it('emails the new PA when a request is handed over to them', () => {
		const { db, pa, pa2, leaver } = setUp();
		saveNoticeChoices(db, pa.id, { ...readNoticeChoices(null), 'new-request': [] });
		const created = submitSupportRequest(db, leaver, ask());
		if (!created.ok) {
			throw new Error('not created');
		}
		handOverAndTell(db, pa, created.request, { adviserId: pa2.id });
		expect(outbox(db).map((row) => row.toAddress)).toEqual(['pa.two@council.example']);
	});
});

describe('email waiting for someone whose address or account changes', () => {
	it('is dropped when a lead changes their work email or turns their account off', () => {
		const { db, pa, pa2, lead, leaver } = setUp();
		submitSupportRequest(db, leaver, ask({ urgent: true }));
		db.update(user).set({ adviserId: pa2.id }).where(eq(user.id, leaver.id)).run();
		submitSupportRequest(db, { ...leaver, adviserId: pa2.id }, ask({ urgent: true }));
		expect(outbox(db).map((row) => row.toAddress)).toEqual([
			'pa.one@council.example',
			'pa.two@council.example'
		]);
		changeStaffEmail(db, lead, pa, 'pa.one.new@council.example');
		setAccountDisabled(db, lead, pa2, true);
		expect(outbox(db)).toEqual([]);
	});
});

describe('sending the queue', () => {
	const FROM = 'Local Offer <no-reply@council.example>';

	it('marks a sent email as sent, and sends it only once', async () => {
		const { db, leaver } = setUp();
		submitSupportRequest(db, leaver, ask());
		const send = vi.fn(async () => {});
		await deliverDueMail(db, send, { from: FROM, smtpUrl: SMTP_URL });
		await deliverDueMail(db, send, { from: FROM, smtpUrl: SMTP_URL });
		expect(send).toHaveBeenCalledTimes(1);
		expect(send).toHaveBeenCalledWith(
			expect.objectContaining({ from: FROM, to: 'pa.one@council.example' })
		);
		expect(outbox(db)[0].sentAt).not.toBeNull();
	});

	it('deletes a sent email after 30 days, and never one still waiting', async () => {
		const { db, leaver } = setUp();
		submitSupportRequest(db, leaver, ask());
		submitSupportRequest(db, leaver, ask());
		const [first] = outbox(db);
		await deliverDueMail(
			db,
			async (mail) => {
				if (mail.to !== first.toAddress || outbox(db).some((row) => row.sentAt)) {
					throw new Error('421 try later');
				}
			},
			{ from: FROM }
		);
		const sentAt =
			outbox(db)
				.find((row) => row.sentAt)
				?.sentAt?.getTime() ?? 0;
		expect(deleteSentMail(db, sentAt + 29 * 86_400_000)).toBe(0);
		expect(deleteSentMail(db, sentAt + 31 * 86_400_000)).toBe(1);
		expect(outbox(db)).toEqual([expect.objectContaining({ sentAt: null })]);
	});

	it('waits longer after each failure, doubling from a minute up to an hour', async () => {
		const { db, leaver } = setUp();
		submitSupportRequest(db, leaver, ask());
		let now = Date.now() + 1000;
		const failing = async () => {
			throw new Error('connect ECONNREFUSED 10.0.0.1:465');
		};
		await deliverDueMail(db, failing, { from: FROM, now: () => now });
		expect(outbox(db)[0]).toMatchObject({ attempts: 1, sentAt: null });
		expect(outbox(db)[0].nextAttemptAt.getTime()).toBe(now + 60_000);
		now += 60_000;
		await deliverDueMail(db, failing, { from: FROM, now: () => now });
		expect(outbox(db)[0].nextAttemptAt.getTime()).toBe(now + 120_000);
		expect([1, 2, 3, 7, 8, 30].map(retryDelay)).toEqual([
			60_000, 120_000, 240_000, 3_600_000, 3_600_000, 3_600_000
		]);
	});

	it('never keeps the SMTP URL, its user name or its password in the error', () => {
		const text = describeMailError(
			new Error(`Invalid login for alerts@council.example with Sup3r-Secret-Pw at ${SMTP_URL}`),
			SMTP_URL
		);
		expect(text).not.toMatch(/Sup3r|alerts|smtps:/);
		expect(text).toContain('Invalid login');
		expect(describeMailError(new Error('x'.repeat(1000)), SMTP_URL).length).toBeLessThanOrEqual(
			200
		);
	});

	it('shows leads that mail is failing, how much waits and why, until it goes', async () => {
		const { db, leaver } = setUp();
		expect(getMailStatus(db)).toMatchObject({ configured: true, failing: false, waiting: 0 });
		submitSupportRequest(db, leaver, ask());
		await deliverDueMail(
			db,
			async () => {
				throw new Error('535 Authentication failed for Sup3r-Secret-Pw');
			},
			{ from: FROM, smtpUrl: SMTP_URL }
		);
		const failing = getMailStatus(db);
		expect(failing).toMatchObject({ failing: true, waiting: 1 });
		expect(failing.waitingSince).toBeInstanceOf(Date);
		expect(failing.lastError).toContain('535 Authentication failed');
		expect(failing.lastError).not.toContain('Sup3r');
		await deliverDueMail(db, async () => {}, {
			from: FROM,
			now: () => Date.now() + 61_000
		});
		expect(getMailStatus(db)).toMatchObject({ failing: false, waiting: 0, lastError: null });
	});
});

describe('emails nobody’s action causes', () => {
	// 2 December 2026 is a Wednesday; in winter London time is UTC.
	const at = (iso: string) => Date.parse(iso);

	it('tells the PA once, an hour before an urgent request is due, and never after it is late', () => {
		const { db, leaver } = setUp();
		const soon = createSupportRequest(
			db,
			leaver,
			ask({ urgent: true }),
			at('2026-12-02T10:00:00Z')
		).request;
		createSupportRequest(db, leaver, ask({ urgent: true }), at('2026-12-01T10:00:00Z'));
		expect(queueOverdueSoon(db, at('2026-12-02T12:30:00Z'))).toBe(0);
		expect(queueOverdueSoon(db, at('2026-12-02T13:30:00Z'))).toBe(1);
		expect(queueOverdueSoon(db, at('2026-12-02T13:45:00Z'))).toBe(0);
		expect(outbox(db)).toEqual([
			expect.objectContaining({
				kind: 'overdue-soon',
				dedupeKey: `overdue-soon:${soon.id}`,
				toAddress: 'pa.one@council.example'
			})
		]);
	});

	it('sends each lead the count of late requests once a week, from Monday 8am UK time', () => {
		const { db, leaver } = setUp();
		createSupportRequest(db, leaver, ask(), at('2026-11-30T10:00:00Z'));
		expect(queueWeeklyOverdue(db, at('2026-12-07T07:59:00Z'))).toBe(0);
		expect(queueWeeklyOverdue(db, at('2026-12-07T08:00:00Z'))).toBe(1);
		expect(queueWeeklyOverdue(db, at('2026-12-09T15:00:00Z'))).toBe(0);
		expect(queueWeeklyOverdue(db, at('2026-12-14T08:30:00Z'))).toBe(1);
		const [first] = outbox(db);
		expect(first).toMatchObject({
			toAddress: 'lead@council.example',
			subject: '1 late request in Stockton Local Offer'
		});
		expect(first.body).toContain('/staff?overdue=1&scope=team');
	});

	it('sends no weekly summary to a lead who turned it off', () => {
		const { db, lead, leaver } = setUp();
		saveNoticeChoices(db, lead.id, { ...readNoticeChoices(null), 'weekly-overdue': ['push'] });
		createSupportRequest(db, leaver, ask(), at('2026-11-30T10:00:00Z'));
		expect(queueWeeklyOverdue(db, at('2026-12-07T09:00:00Z'))).toBe(0);
		expect(db.select().from(user).where(eq(user.id, lead.id)).get()?.noticeChoices).toBeTruthy();
	});
});
