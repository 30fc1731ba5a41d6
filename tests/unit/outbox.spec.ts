import { describe, expect, it, vi } from 'vitest';
import { afterSending, sortByAuthor, type OutboxItem } from '$lib/client/outbox';
import { db } from '$lib/server/db';
import { requestMessage, supportRequest, user } from '$lib/server/db/schema';
import { createSupportRequest } from '$lib/server/requests';
import { POST as postReply } from '../../src/routes/api/requests/[id]/messages/+server';
import { POST as postRequest } from '../../src/routes/api/requests/+server';

// The endpoints run against a fresh in-memory database, not the app's file.
vi.mock('$lib/server/db', async () => {
	const { createTestDatabase } = await import('./helpers');
	return { db: createTestDatabase() };
});

const item = (key: string, author?: number): OutboxItem => ({
	key,
	url: '/api/requests',
	body: { topic: 'money', message: `words of ${key}` },
	summary: `words of ${key}`,
	createdAt: 0,
	author
});

describe('the offline outbox on a shared phone', () => {
	const riley = 7;
	const jordan = 8;
	const items = [item('riley-1', riley), item('jordan-1', jordan), item('riley-2', riley)];

	it('sends only what the signed-in person wrote, and deletes what someone else wrote', () => {
		const { toSend, toDrop } = sortByAuthor(items, jordan);
		expect(toSend.map((i) => i.key)).toEqual(['jordan-1']);
		expect(toDrop.map((i) => i.key)).toEqual(['riley-1', 'riley-2']);
	});

	it('keeps the author’s words for them: signed in again, they are all sent', () => {
		expect(sortByAuthor(items, riley).toSend.map((i) => i.key)).toEqual(['riley-1', 'riley-2']);
	});

	it('never sends words whose writer is unknown (saved by an older version)', () => {
		expect(sortByAuthor([item('old')], jordan)).toEqual({ toSend: [], toDrop: [item('old')] });
		expect(sortByAuthor([item('old')])).toEqual({ toSend: [], toDrop: [item('old')] });
	});

	it('lets the service worker, which cannot know who is signed in, try every item with an author', () => {
		expect(sortByAuthor(items).toSend).toHaveLength(3);
	});

	it.each([
		[201, 'sent'],
		[200, 'sent'],
		[409, 'drop'], // someone else is signed in now
		[403, 'drop'], // an account that is not a care leaver's is signed in now
		[400, 'drop'],
		[404, 'drop'],
		[413, 'drop'],
		[401, 'keep'], // nobody signed in: it waits for its author
		[429, 'keep'],
		[503, 'keep']
	] as const)('after the server answers %i, the item is %s', (status, outcome) => {
		expect(afterSending(status)).toBe(outcome);
	});
});

describe('the request and reply endpoints', () => {
	const add = (values: typeof user.$inferInsert) =>
		db.insert(user).values(values).returning().get();
	const pa = add({ role: 'adviser', name: 'PA' });
	const jordan = add({ role: 'leaver', name: 'Jordan', adviserId: pa.id });
	const riley = add({ role: 'leaver', name: 'Riley', adviserId: pa.id });

	function post(
		handler: typeof postRequest | typeof postReply,
		signedIn: typeof jordan,
		path: string,
		body: Record<string, unknown>,
		params: Record<string, string> = {}
	) {
		const url = new URL(path, 'http://localhost');
		const event = {
			url,
			params,
			locals: { user: signedIn, session: null, pendingMfa: null },
			request: new Request(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: url.origin },
				body: JSON.stringify(body)
			})
		};
		// Only what the endpoints read of a SvelteKit request event.
		return (handler as (event: unknown) => Promise<Response>)(event);
	}
	const words = (marker: string) =>
		db
			.select()
			.from(requestMessage)
			.all()
			.filter((message) => message.body.includes(marker));

	it('refuses a request written by another account (409 with a reason) and stores nothing', async () => {
		const marker = `riley-words-${Date.now()}`;
		const response = await post(postRequest, jordan, '/api/requests', {
			topic: 'money',
			message: marker,
			contactBy: 'app',
			idempotencyKey: 'aaaaaaaaaaaaaaaa-riley',
			author: riley.id
		});
		expect(response.status).toBe(409);
		expect(await response.json()).toMatchObject({ reason: 'other-author' });
		expect(words(marker)).toEqual([]);
	});

	it('refuses a reply written by another account and stores nothing', async () => {
		const { request } = createSupportRequest(db, jordan, {
			topic: 'money',
			message: 'Jordan asks',
			urgent: false,
			contactBy: 'app',
			idempotencyKey: 'bbbbbbbbbbbbbbbb-jordan'
		});
		const marker = `riley-reply-${Date.now()}`;
		const response = await post(
			postReply,
			jordan,
			`/api/requests/${request.id}/messages`,
			{ message: marker, idempotencyKey: 'cccccccccccccccc-riley', author: riley.id },
			{ id: String(request.id) }
		);
		expect(response.status).toBe(409);
		expect(words(marker)).toEqual([]);
	});

	it('stores what the signed-in account wrote itself, as before', async () => {
		const response = await post(postRequest, jordan, '/api/requests', {
			topic: 'money',
			message: 'Jordan’s own words',
			contactBy: 'app',
			idempotencyKey: 'dddddddddddddddd-jordan',
			author: jordan.id
		});
		expect(response.status).toBe(201);
		const { id } = await response.json();
		expect(
			db
				.select()
				.from(supportRequest)
				.all()
				.find((r) => r.id === id)?.leaverId
		).toBe(jordan.id);
	});
});
