import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
	ADDRESS_EVENT_LIMITS,
	createRateLimiter,
	handleEventsRequest,
	leaverIdOf,
	normaliseQuery,
	validateEventBatch
} from '$lib/server/analytics/ingest';
import type { Database } from '$lib/server/db/connection';
import { createTestDatabase } from './helpers';

const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const SITE = 'http://localhost:3000';
const VISITOR = 'visitor-aaaaaaaaaaaa';

function event(overrides: Record<string, unknown> = {}) {
	return {
		type: 'offer_view',
		offer: 'council-tax-exemption',
		path: '/offers/council-tax-exemption',
		at: new Date(NOW - 60_000).toISOString(),
		...overrides
	};
}

function storedEvents(db: Database) {
	return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM analytics_event`).n;
}

function post(
	db: Database,
	body: unknown,
	{
		headers = {},
		limiter = createRateLimiter(),
		addressLimiter = createRateLimiter(ADDRESS_EVENT_LIMITS),
		address = '192.0.2.1',
		userId = null
	}: {
		headers?: Record<string, string>;
		limiter?: ReturnType<typeof createRateLimiter>;
		addressLimiter?: ReturnType<typeof createRateLimiter>;
		address?: string;
		userId?: number | null;
	} = {}
) {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return handleEventsRequest(
		db,
		new Request(`${SITE}/api/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: text
		}),
		{ now: NOW, siteOrigin: SITE, userId, limiter, address, addressLimiter }
	);
}

describe('validating a batch of events', () => {
	let db: Database;
	beforeEach(() => {
		db = createTestDatabase();
	});

	const invalid: [string, unknown][] = [
		['no visitor', { events: [event()] }],
		['a visitor id shorter than 16 characters', { visitor: 'short', events: [event()] }],
		['a visitor id longer than 64 characters', { visitor: 'a'.repeat(65), events: [event()] }],
		[
			'a visitor id with other characters',
			{ visitor: 'visitor id with spaces!', events: [event()] }
		],
		['no events', { visitor: VISITOR, events: [] }],
		[
			'more than 50 events',
			{ visitor: VISITOR, events: Array.from({ length: 51 }, () => event()) }
		],
		['an unknown event type', { visitor: VISITOR, events: [event({ type: 'click' })] }],
		[
			'an offer event without an offer',
			{ visitor: VISITOR, events: [event({ offer: undefined })] }
		],
		[
			'an offer that does not exist',
			{ visitor: VISITOR, events: [event({ offer: 'no-such-offer' })] }
		],
		[
			'a search without its words',
			{ visitor: VISITOR, events: [{ type: 'search', at: event().at, results: 0 }] }
		],
		[
			'a search without a result count',
			{ visitor: VISITOR, events: [{ type: 'search', at: event().at, q: 'gym' }] }
		],
		[
			'a negative result count',
			{ visitor: VISITOR, events: [{ type: 'search', at: event().at, q: 'gym', results: -1 }] }
		],
		[
			'search words over 200 characters',
			{
				visitor: VISITOR,
				events: [{ type: 'search', at: event().at, q: 'x'.repeat(201), results: 0 }]
			}
		],
		['a time that is not ISO 8601', { visitor: VISITOR, events: [event({ at: 'yesterday' })] }],
		[
			'a time more than 5 minutes ahead',
			{ visitor: VISITOR, events: [event({ at: new Date(NOW + 5 * 60_000 + 1000).toISOString() })] }
		],
		[
			'a time more than 30 days behind',
			{
				visitor: VISITOR,
				events: [event({ at: new Date(NOW - 30 * 86_400_000 - 1000).toISOString() })]
			}
		],
		[
			'a path on another site',
			{
				visitor: VISITOR,
				events: [{ type: 'page_view', at: event().at, path: '//evil.example/x' }]
			}
		],
		[
			'a full address as the path',
			{
				visitor: VISITOR,
				events: [{ type: 'page_view', at: event().at, path: 'https://evil.example/' }]
			}
		],
		[
			'a page view without a path',
			{ visitor: VISITOR, events: [{ type: 'page_view', at: event().at }] }
		],
		['a batch that is not an object', ['not', 'a', 'batch']]
	];

	it.each(invalid)('rejects %s', (_name, batch) => {
		const result = validateEventBatch(db, batch, NOW);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.reasons.length).toBeGreaterThan(0);
		}
	});

	it('accepts every event type of the contract, at the edges of the time window', () => {
		const at = new Date(NOW).toISOString();
		const result = validateEventBatch(
			db,
			{
				visitor: 'a'.repeat(16),
				events: [
					{ type: 'page_view', at, path: '/' },
					event({ type: 'offer_view' }),
					event({ type: 'offer_save' }),
					event({ type: 'offer_unsave' }),
					event({ type: 'offer_used' }),
					event({ type: 'offer_contact', channel: 'phone' }),
					{ type: 'search', at, q: 'council tax', results: 3, path: '/offers' },
					{ type: 'eligibility_check', at, results: 12 },
					{ type: 'install', at },
					event({ at: new Date(NOW + 5 * 60_000).toISOString() }),
					event({ at: new Date(NOW - 30 * 86_400_000 + 1000).toISOString() })
				]
			},
			NOW
		);
		expect(result.ok).toBe(true);
	});

	it('normalises search words so the same search counts once', () => {
		expect(normaliseQuery('  Driving   LESSONS ')).toBe('driving lessons');
	});
});

describe('POST /api/events', () => {
	let db: Database;
	beforeEach(() => {
		db = createTestDatabase();
	});

	it('stores a valid batch and answers 202', async () => {
		const response = await post(db, { visitor: VISITOR, events: [event(), event()] });
		expect(response.status).toBe(202);
		expect(await response.json()).toEqual({ stored: 2 });
		expect(storedEvents(db)).toBe(2);
	});

	it('stores nothing from a batch with one bad event, and says why', async () => {
		const response = await post(db, {
			visitor: VISITOR,
			events: [event(), event(), event({ offer: 'no-such-offer' })]
		});
		expect(response.status).toBe(400);
		const body = await response.json();
		expect(body.reasons.join(' ')).toContain('no-such-offer');
		expect(storedEvents(db)).toBe(0);
	});

	it('answers 400 to a body that is not JSON', async () => {
		const response = await post(db, '{"visitor":');
		expect(response.status).toBe(400);
		expect(storedEvents(db)).toBe(0);
	});

	it('answers 413 when Content-Length says the body is over 64 KiB', async () => {
		const response = await post(
			db,
			{ visitor: VISITOR, events: [event()] },
			{ headers: { 'content-length': String(64 * 1024 + 1) } }
		);
		expect(response.status).toBe(413);
		expect(storedEvents(db)).toBe(0);
	});

	it('answers 413 when the body streamed is over 64 KiB whatever Content-Length says', async () => {
		const big = new TextEncoder().encode(' '.repeat(70 * 1024));
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let offset = 0; offset < big.length; offset += 8192) {
					controller.enqueue(big.slice(offset, offset + 8192));
				}
				controller.close();
			}
		});
		const response = await handleEventsRequest(
			db,
			new Request(`${SITE}/api/events`, {
				method: 'POST',
				body,
				// @ts-expect-error Node's fetch needs this for a streamed body
				duplex: 'half'
			}),
			{
				now: NOW,
				siteOrigin: SITE,
				userId: null,
				limiter: createRateLimiter(),
				address: '192.0.2.1',
				addressLimiter: createRateLimiter(ADDRESS_EVENT_LIMITS)
			}
		);
		expect(response.status).toBe(413);
	});

	it('refuses a cross-site Origin with 403 and accepts its own', async () => {
		const batch = { visitor: VISITOR, events: [event()] };
		expect((await post(db, batch, { headers: { origin: 'https://evil.example' } })).status).toBe(
			403
		);
		expect((await post(db, batch, { headers: { origin: SITE } })).status).toBe(202);
		expect(storedEvents(db)).toBe(1);
	});

	it('stores nothing from a request carrying Sec-GPC: 1', async () => {
		const response = await post(
			db,
			{ visitor: VISITOR, events: [event()] },
			{ headers: { 'sec-gpc': '1' } }
		);
		expect(response.status).toBe(204);
		expect(storedEvents(db)).toBe(0);
	});

	it('answers 429 when one visitor floods, without holding back others', async () => {
		const limiter = createRateLimiter({ maxBatches: 3 });
		const batch = { visitor: VISITOR, events: [event()] };
		for (let index = 0; index < 3; index += 1) {
			expect((await post(db, batch, { limiter })).status).toBe(202);
		}
		const flooded = await post(db, batch, { limiter });
		expect(flooded.status).toBe(429);
		expect(flooded.headers.get('retry-after')).toBe('60');
		expect((await post(db, { ...batch, visitor: 'another-visitor-123' }, { limiter })).status).toBe(
			202
		);
		expect(storedEvents(db)).toBe(4);
	});

	it('answers 429 when one address invents visitor ids, yet lets a busy college through', async () => {
		const addressLimiter = createRateLimiter(ADDRESS_EVENT_LIMITS);
		const fifty = Array.from({ length: 50 }, () => event());
		// A hostel's 100 phones, each sending a full batch within the minute: fine.
		for (let phone = 0; phone < 100; phone += 1) {
			const batch = { visitor: `hostel-phone-${String(phone).padStart(4, '0')}`, events: fifty };
			expect((await post(db, batch, { addressLimiter, address: '198.51.100.9' })).status).toBe(202);
		}
		// One client making up a new visitor id per batch hits the address's limit.
		const invented = { visitor: 'made-up-visitor-0001', events: fifty };
		const refused = await post(db, invented, { addressLimiter, address: '198.51.100.9' });
		expect(refused.status).toBe(429);
		// Another address is not held back.
		expect((await post(db, invented, { addressLimiter, address: '198.51.100.10' })).status).toBe(
			202
		);
		expect(storedEvents(db)).toBe(101 * 50);
	});

	it('refuses a batch marked Sec-Fetch-Site: cross-site, even without an Origin', async () => {
		const batch = { visitor: VISITOR, events: [event()] };
		const refused = await post(db, batch, { headers: { 'sec-fetch-site': 'cross-site' } });
		expect(refused.status).toBe(403);
		expect((await post(db, batch, { headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(
			202
		);
		expect(storedEvents(db)).toBe(1);
	});

	it('links events to a signed-in care leaver only, from the session', async () => {
		expect(leaverIdOf({ id: 7, role: 'leaver' })).toBe(7);
		expect(leaverIdOf({ id: 8, role: 'adviser' })).toBeNull();
		expect(leaverIdOf(null)).toBeNull();
		db.run(sql`INSERT INTO user (id, role, name) VALUES (7, 'leaver', 'Jo')`);
		await post(db, { visitor: VISITOR, events: [event()] }, { userId: 7 });
		const row = db.get<{ user_id: number }>(sql`SELECT user_id FROM analytics_event`);
		expect(row.user_id).toBe(7);
	});

	it('keeps no query string, only the path', async () => {
		await post(db, {
			visitor: VISITOR,
			events: [{ type: 'page_view', at: event().at, path: '/offers?q=my+name' }]
		});
		const row = db.get<{ path: string }>(sql`SELECT path FROM analytics_event`);
		expect(row.path).toBe('/offers');
	});

	it('keeps the visitor id only as a hash', async () => {
		await post(db, { visitor: VISITOR, events: [event()] });
		const row = db.get<Record<string, unknown>>(sql`SELECT * FROM analytics_event`);
		expect(Object.values(row)).not.toContain(VISITOR);
		expect(typeof row.visitor_hash).toBe('number');
	});
});
