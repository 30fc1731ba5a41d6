import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addDays, londonDay, londonDayStart, weekStart } from '$lib/london-time';
import { recordEvents, validateEventBatch } from '$lib/server/analytics/ingest';
import { deleteExpiredEvents, runAnalyticsJobs } from '$lib/server/analytics/jobs';
import {
	getDashboard,
	getOfferTrend,
	getOfferUptake,
	resolveDateRange,
	sliceRange
} from '$lib/server/analytics/queries';
import { rollUpEvents } from '$lib/server/analytics/rollup';
import {
	addHash,
	cardinality,
	createSketch,
	decodeSketch,
	encodeSketch,
	hashId,
	mergeEncoded,
	SPARSE_MAX
} from '$lib/server/analytics/sketch';
import { seedDemoAnalytics } from '$lib/server/analytics/demo';
import type { Database } from '$lib/server/db/connection';
import { FEWER_THAN_5 } from '$lib/suppression';
import { createTestDatabase } from './helpers';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const DAY = 86_400_000;

/** Stores events through the real validation and insert, as the endpoint does. */
function store(
	db: Database,
	visitor: string,
	events: Record<string, unknown>[],
	now = NOW.getTime()
) {
	for (let start = 0; start < events.length; start += 50) {
		const result = validateEventBatch(
			db,
			{ visitor, events: events.slice(start, start + 50) },
			now
		);
		if (!result.ok) {
			throw new Error(result.reasons.join('; '));
		}
		recordEvents(db, result.batch, result.offerIds);
	}
}

const view = (offer: string, daysAgo: number, extra: Record<string, unknown> = {}) => ({
	type: 'offer_view',
	offer,
	path: `/offers/${offer}`,
	at: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
	...extra
});

function offerId(db: Database, slug: string) {
	return db.get<{ id: number }>(sql`SELECT id FROM offer WHERE slug = ${slug}`).id;
}

describe('sketches of distinct people', () => {
	it('count exactly while sparse, and survive encoding', () => {
		let sketch = createSketch();
		for (let index = 0; index < SPARSE_MAX; index += 1) {
			sketch = addHash(sketch, hashId(`visitor-${index}`));
			sketch = addHash(sketch, hashId(`visitor-${index}`));
		}
		expect(sketch.kind).toBe('sparse');
		expect(cardinality(decodeSketch(encodeSketch(sketch)))).toBe(SPARSE_MAX);
	});

	it('merges a sparse sketch into a dense one exactly as adding its people one by one', () => {
		let dense = createSketch();
		for (let index = 0; index < 2000; index += 1) {
			dense = addHash(dense, hashId(`dense-${index}`));
		}
		let sparse = createSketch();
		for (let index = 0; index < 600; index += 1) {
			sparse = addHash(sparse, hashId(`sparse-${index}`));
		}
		const fast = mergeEncoded(decodeSketch(encodeSketch(dense)), encodeSketch(sparse));
		let slow = decodeSketch(encodeSketch(dense));
		for (let index = 0; index < 600; index += 1) {
			slow = addHash(slow, hashId(`sparse-${index}`));
		}
		expect(encodeSketch(fast).equals(encodeSketch(slow))).toBe(true);
	});

	it('merge overlapping days without counting anyone twice', () => {
		const monday = createSketch();
		const tuesday = createSketch();
		['a', 'b', 'c'].forEach((id) => addHash(monday, hashId(id)));
		['b', 'c', 'd'].forEach((id) => addHash(tuesday, hashId(id)));
		const both = mergeEncoded(
			mergeEncoded(createSketch(), encodeSketch(monday)),
			encodeSketch(tuesday)
		);
		expect(cardinality(both)).toBe(4);
	});

	it.each([1_000, 5_000, 50_000])('estimates %i people within 3 percent once dense', (people) => {
		let days = [createSketch(), createSketch(), createSketch()];
		for (let index = 0; index < people; index += 1) {
			// Everyone on one of three days, a third of them on two.
			const hash = hashId(`person-${index}`);
			days[index % 3] = addHash(days[index % 3], hash);
			if (index % 3 === 0) {
				days[1] = addHash(days[1], hash);
			}
		}
		const merged = days.reduce(
			(target, day) => mergeEncoded(target, encodeSketch(day)),
			createSketch()
		);
		expect(merged.kind).toBe('dense');
		expect(Math.abs(cardinality(merged) - people) / people).toBeLessThan(0.03);
		days = [];
	});
});

describe('London days', () => {
	it('puts an event just after midnight in summer time on the London day', () => {
		expect(londonDay(Date.parse('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
		expect(londonDay(Date.parse('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
		expect(londonDayStart('2026-07-01')).toBe(Date.parse('2026-06-30T23:00:00Z'));
		expect(londonDayStart('2026-12-01')).toBe(Date.parse('2026-12-01T00:00:00Z'));
		expect(weekStart('2026-11-29')).toBe('2026-11-23');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
	});

	it('reads a range as whole weeks and the days at either end', () => {
		expect(sliceRange({ from: '2026-08-26', to: '2026-11-23' })).toEqual([
			{ span: 'week', from: '2026-08-31', to: '2026-11-16' },
			{ span: 'day', from: '2026-08-26', to: '2026-08-30' },
			{ span: 'day', from: '2026-11-23', to: '2026-11-23' }
		]);
		expect(sliceRange({ from: '2026-11-24', to: '2026-11-28' })).toEqual([
			{ span: 'day', from: '2026-11-24', to: '2026-11-28' }
		]);
		expect(sliceRange({ from: '2026-11-23', to: '2026-11-29' })).toEqual([
			{ span: 'week', from: '2026-11-23', to: '2026-11-23' }
		]);
	});

	it('defaults to the last 90 days and compares with the 90 days before', () => {
		const { range, previous } = resolveDateRange({}, NOW);
		expect(range).toEqual({ from: '2026-08-26', to: '2026-11-23' });
		expect(previous).toEqual({ from: '2026-05-28', to: '2026-08-25' });
	});
});

describe('daily rollups against the raw events', () => {
	let db: Database;
	beforeEach(() => {
		db = createTestDatabase();
	});

	it('match raw counts, including people seen on several days', () => {
		// 40 visitors over 10 days; each views a few offers on a few days, some twice.
		const offers = ['council-tax-exemption', 'staying-put', 'dentist-pathway'];
		let seed = 7;
		const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		for (let visitor = 0; visitor < 40; visitor += 1) {
			const events = [];
			for (let n = 0; n < 6; n += 1) {
				const offer = offers[Math.floor(random() * offers.length)];
				const daysAgo = 1 + Math.floor(random() * 10);
				events.push(view(offer, daysAgo));
				if (random() < 0.3) {
					events.push(view(offer, daysAgo, { type: 'offer_used' }));
				}
				if (random() < 0.2) {
					events.push(view(offer, daysAgo, { type: 'offer_save' }));
				}
			}
			store(db, `visitor-number-${String(visitor).padStart(4, '0')}`, events);
		}
		expect(rollUpEvents(db)).toBeGreaterThan(0);
		const range = { from: londonDay(NOW.getTime() - 10 * DAY), to: londonDay(NOW.getTime()) };
		const rows = getOfferUptake(db, range);
		for (const slug of offers) {
			const id = offerId(db, slug);
			const raw = db.get<{ views: number; viewers: number; saves: number; used: number }>(sql`
				SELECT sum(type = 'offer_view') AS views,
					count(DISTINCT CASE WHEN type = 'offer_view' THEN visitor_hash END) AS viewers,
					sum(type = 'offer_save') AS saves,
					count(DISTINCT CASE WHEN type = 'offer_used' THEN visitor_hash END) AS used
				FROM analytics_event WHERE offer_id = ${id}`);
			const row = rows.find((item) => item.slug === slug)!;
			expect(row.views).toBe(raw.views);
			expect(row.uniqueViewers).toBe(raw.viewers);
			expect(row.saves).toBe(raw.saves);
			expect(row.used).toBe(raw.used < 5 && raw.used > 0 ? FEWER_THAN_5 : raw.used);
			// Unique counts do not add up across days: the sum of daily uniques is larger.
			const dailySum = db.get<{ n: number }>(sql`SELECT sum(n) AS n FROM (
				SELECT count(DISTINCT visitor_hash) AS n FROM analytics_event
				WHERE offer_id = ${id} AND type = 'offer_view' GROUP BY at / 86400000)`).n;
			expect(dailySum).toBeGreaterThan(raw.viewers);
		}
		const dashboard = getDashboard(db, range, resolveDateRange(range, NOW).previous);
		expect(dashboard.tiles.visitors.current).toBe(40);
		expect(dashboard.tiles.offerViews.current).toBe(
			db.get<{ n: number }>(
				sql`SELECT count(*) AS n FROM analytics_event WHERE type = 'offer_view'`
			).n
		);
	});

	it('counts events that arrive late into their own day, once, however often it runs', () => {
		store(db, 'late-visitor-0001', [view('staying-put', 3)]);
		rollUpEvents(db);
		store(db, 'late-visitor-0002', [view('staying-put', 3)]);
		store(db, 'late-visitor-0001', [view('staying-put', 3)]);
		rollUpEvents(db);
		rollUpEvents(db);
		const day = londonDay(NOW.getTime() - 3 * DAY);
		const trend = getOfferTrend(db, offerId(db, 'staying-put'), { from: day, to: day });
		expect(trend.events.views).toBe(3);
		expect(trend.funnel.viewed).toBe(FEWER_THAN_5);
	});

	it('suppresses 1 to 4 people and shows 5 and 0 as they are', () => {
		for (let visitor = 0; visitor < 5; visitor += 1) {
			store(db, `five-visitors-${visitor}-xx`, [view('staying-put', 1)]);
		}
		for (let visitor = 0; visitor < 4; visitor += 1) {
			store(db, `four-visitors-${visitor}-xx`, [view('dentist-pathway', 1)]);
		}
		rollUpEvents(db);
		const day = londonDay(NOW.getTime() - DAY);
		const rows = getOfferUptake(db, { from: day, to: day });
		expect(rows.find((row) => row.slug === 'staying-put')!.uniqueViewers).toBe(5);
		expect(rows.find((row) => row.slug === 'dentist-pathway')!.uniqueViewers).toBe(FEWER_THAN_5);
		expect(rows.find((row) => row.slug === 'dentist-pathway')!.views).toBe(4);
		expect(rows.find((row) => row.slug === 'council-tax-exemption')!.uniqueViewers).toBe(0);
	});

	it('keeps searches that found nothing as unmet demand', () => {
		const at = new Date(NOW.getTime() - DAY).toISOString();
		store(db, 'searching-visitor-1', [
			{ type: 'search', at, q: 'Driving lessons', results: 0 },
			{ type: 'search', at, q: 'driving  lessons', results: 0 },
			{ type: 'search', at, q: 'council tax', results: 2 }
		]);
		rollUpEvents(db);
		const dashboard = getDashboard(
			db,
			...(Object.values(resolveDateRange({}, NOW)) as [never, never])
		);
		expect(dashboard.searches.unmet).toEqual([{ query: 'driving lessons', count: 2 }]);
		expect(dashboard.searches.searches).toBe(3);
	});
});

describe('keeping raw events 13 months', () => {
	it('deletes raw events past the retention period, only once rolled up, keeping the rollups', () => {
		const db = createTestDatabase();
		const old = Date.parse('2025-10-20T12:00:00Z');
		store(
			db,
			'old-visitor-000001',
			[view('staying-put', 0, { at: new Date(old).toISOString() })],
			old
		);
		store(db, 'new-visitor-000001', [view('staying-put', 0)], NOW.getTime());
		// Not yet rolled up: nothing may be deleted.
		expect(deleteExpiredEvents(db, { now: NOW })).toBe(0);
		const later = new Date('2026-11-21T12:00:00Z');
		expect(runAnalyticsJobs(db, { now: later })).toEqual({ rolledUp: 2, deleted: 1 });
		expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM analytics_event`).n).toBe(1);
		const trend = getOfferTrend(db, offerId(db, 'staying-put'), {
			from: '2025-10-01',
			to: '2026-11-30'
		});
		expect(trend.events.views).toBe(2);
		// A shorter, configured period deletes more.
		expect(
			runAnalyticsJobs(db, { now: new Date(NOW.getTime() + DAY), retentionMonths: 0 }).deleted
		).toBe(1);
	});
});

describe('demo data', () => {
	it('seeds about 180 days once, ending yesterday', () => {
		const db = createTestDatabase();
		// Speed is not asserted here (machines are noisy): it belongs in the bench.
		const added = seedDemoAnalytics(db, NOW);
		expect(added).toBeGreaterThan(5000);
		expect(seedDemoAnalytics(db, NOW)).toBe(0);
		const days = db.get<{ first: number; last: number }>(
			sql`SELECT min(at) AS first, max(at) AS last FROM analytics_event WHERE demo = 1`
		);
		expect(londonDay(days.last) < londonDay(NOW.getTime())).toBe(true);
		expect(londonDay(days.first) >= addDays(londonDay(NOW.getTime()), -180)).toBe(true);
		const dashboard = getDashboard(
			db,
			...(Object.values(resolveDateRange({}, NOW)) as [never, never])
		);
		expect(dashboard.tiles.visitors.current).toBeGreaterThan(100);
		expect(dashboard.searches.unmet.length).toBeGreaterThan(0);
	});
});
