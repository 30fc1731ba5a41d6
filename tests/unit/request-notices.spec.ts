import { beforeEach, describe, expect, it, vi } from 'vitest';
import { supportRequest, user } from '$lib/server/db/schema';
import {
	handOverAndTell,
	sendReplyAsLeaver,
	sendReplyAsStaff,
	submitSupportRequest
} from '$lib/server/requests';
import { createTestDatabase } from './helpers';

const sent = vi.hoisted(
	() => [] as { userId: number; text: (locale: string) => string; email?: string | null }[]
);
vi.mock('$lib/server/notify', async (original) => ({
	...(await original<typeof import('$lib/server/notify')>()),
	notify: (
		_db: unknown,
		notice: { userId: number; text: (locale: string) => string; email?: string | null }
	) => {
		sent.push(notice);
	}
}));

function setUp() {
	const db = createTestDatabase();
	const add = (values: typeof user.$inferInsert) =>
		db.insert(user).values(values).returning().get();
	const pa = add({ role: 'adviser', name: 'PA One' });
	const pa2 = add({ role: 'adviser', name: 'PA Two' });
	const jordan = add({ role: 'leaver', name: 'Jordan', adviserId: pa.id });
	return { db, pa, pa2, jordan };
}

const ask = (key: string, offer?: string) => ({
	topic: 'money',
	offer,
	message: 'Can you help me with my council tax?',
	urgent: false,
	contactBy: 'email' as const,
	contactDetail: 'jordan@example.org',
	idempotencyKey: key
});

describe('what people do with requests tells the right person, on every path', () => {
	beforeEach(() => {
		sent.length = 0;
	});

	it('tells the PA about a new request once, however often it is sent', () => {
		const { db, pa, jordan } = setUp();
		submitSupportRequest(db, jordan, ask('key-one-1234567890'));
		submitSupportRequest(db, jordan, ask('key-one-1234567890'));
		expect(sent.map((notice) => notice.userId)).toEqual([pa.id]);
	});

	it('refuses an offer that is not published, storing and telling nothing', () => {
		const { db, jordan } = setUp();
		const result = submitSupportRequest(db, jordan, ask('key-two-1234567890', 'no-such-offer'));
		expect(result).toMatchObject({ ok: false, errors: { offer: expect.any(String) } });
		expect(db.select().from(supportRequest).all()).toHaveLength(0);
		expect(sent).toEqual([]);
	});

	it('tells the PA of a reply, the young person of an answer (by email if asked), a new PA of a hand-over', () => {
		const { db, pa, pa2, jordan } = setUp();
		const created = submitSupportRequest(db, jordan, ask('key-three-123456789'));
		if (!created.ok) {
			throw new Error('not created');
		}
		sent.length = 0;
		sendReplyAsLeaver(db, jordan, created.request, {
			message: 'Any news?',
			idempotencyKey: 'reply-key-123456789'
		});
		sendReplyAsStaff(db, pa, created.request, { message: 'Yes, I have booked it.' });
		handOverAndTell(db, pa, created.request, { adviserId: pa2.id });
		expect(sent).toEqual([
			expect.objectContaining({ userId: pa.id }),
			expect.objectContaining({ userId: jordan.id, email: 'jordan@example.org' }),
			expect.objectContaining({ userId: pa2.id })
		]);
	});
});
