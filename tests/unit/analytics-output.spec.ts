import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { analyticsAllowed, enqueue, QUEUE_LIMIT, type PrivacySignals } from '$lib/client/analytics';
import { neutraliseFormula, toCsv } from '$lib/server/analytics/csv';
import { buildExport } from '$lib/server/analytics/exports';
import { getDashboard } from '$lib/server/analytics/queries';
import { recordEvents, validateEventBatch } from '$lib/server/analytics/ingest';
import { rollUpEvents } from '$lib/server/analytics/rollup';
import type { Database } from '$lib/server/db/connection';
import { getHelpfulAnswer, recordGeneralFeedback, recordHelpfulAnswer } from '$lib/server/feedback';
import { generalFeedbackSchema, helpfulSchema, type AnalyticsEvent } from '$lib/schemas/analytics';
import { csvPeople, formatPeople, suppressPeople } from '$lib/suppression';
import { createTestDatabase } from './helpers';

describe('small-number suppression', () => {
	it.each([
		[0, '0', 0],
		[1, 'fewer than 5', '<5'],
		[4, 'fewer than 5', '<5'],
		[5, '5', 5],
		[1234, '1,234', 1234]
	])('shows %i young people as "%s" on screen and %s in CSV', (count, shown, csv) => {
		expect(formatPeople(suppressPeople(count))).toBe(shown);
		expect(csvPeople(suppressPeople(count))).toBe(csv);
	});
});

describe('CSV files', () => {
	it.each([
		['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
		['+1', "'+1"],
		['-2+3', "'-2+3"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tTAB', "'\tTAB"],
		['council tax', 'council tax']
	])('neutralises a formula-like cell %j', (value, safe) => {
		expect(neutraliseFormula(value)).toBe(safe);
	});

	it('quotes commas, quotes and new lines, and leaves numbers alone', () => {
		const csv = toCsv(['a', 'b', 'c', 'd'], [['one, two', 'say "hi"', 'line\nbreak', -5]]);
		expect(csv).toBe('a,b,c,d\r\n"one, two","say ""hi""","line\nbreak",-5\r\n');
	});

	it('writes offers.csv with the contract header and <5 for 1 to 4 people', () => {
		const db = createTestDatabase();
		const now = Date.parse('2026-11-23T12:00:00Z');
		const at = new Date(now - 3_600_000).toISOString();
		const visitors = [...Array.from({ length: 7 }, (_, i) => `seven-viewers-${i}-x`)];
		for (const visitor of visitors) {
			const result = validateEventBatch(
				db,
				{ visitor, events: [{ type: 'offer_view', offer: 'staying-put', at }] },
				now
			);
			if (result.ok) {
				recordEvents(db, result.batch, result.offerIds);
			}
		}
		for (const visitor of visitors.slice(0, 3)) {
			const result = validateEventBatch(
				db,
				{ visitor, events: [{ type: 'offer_view', offer: 'dentist-pathway', at }] },
				now
			);
			if (result.ok) {
				recordEvents(db, result.batch, result.offerIds);
			}
		}
		rollUpEvents(db);
		const range = { from: '2026-11-23', to: '2026-11-23' };
		const csv = buildExport(db, 'offers', range, { from: '2026-11-22', to: '2026-11-22' });
		const lines = csv.trim().split('\r\n');
		expect(lines[0]).toBe('slug,title,category,views,unique_viewers,saves,used,contacts');
		expect(lines.find((line) => line.startsWith('staying-put,'))).toMatch(/,7,7,0,0,0$/);
		expect(lines.find((line) => line.startsWith('dentist-pathway,'))).toMatch(/,3,<5,0,0,0$/);
	});
});

describe('the weekly and low-use files', () => {
	const range = { from: '2026-11-09', to: '2026-11-23' };
	const previous = { from: '2026-10-25', to: '2026-11-08' };

	/** 12 people look at staying-put over two weeks; none say they used it. */
	function databaseWithViews() {
		const db = createTestDatabase();
		const now = Date.parse('2026-11-23T12:00:00Z');
		for (let i = 0; i < 12; i += 1) {
			const at = new Date(now - (i % 2 ? 9 : 1) * 86_400_000).toISOString();
			const result = validateEventBatch(
				db,
				{
					visitor: `low-use-viewer-${i}-x`,
					events: [{ type: 'offer_view', offer: 'staying-put', at }]
				},
				now
			);
			if (result.ok) {
				recordEvents(db, result.batch, result.offerIds);
			}
		}
		rollUpEvents(db);
		return db;
	}

	const rowsOf = (csv: string) => csv.trim().split('\r\n').slice(1);

	it('hold the same weeks and offers as the dashboard', () => {
		const db = databaseWithViews();
		const dashboard = getDashboard(db, range, previous);
		expect(rowsOf(buildExport(db, 'weekly', range, previous))).toEqual(
			dashboard.weeks.map((week) =>
				[week.week, week.from, week.to, csvPeople(week.visitors), csvPeople(week.leavers)].join(',')
			)
		);
		const lowUse = rowsOf(buildExport(db, 'low-use', range, previous));
		expect(lowUse.map((line) => line.split(',')[0])).toEqual(
			dashboard.lowUse.map((row) => row.slug)
		);
		expect(lowUse[0]).toMatch(/^staying-put,.*,12,12,0$/);
	});

	it.each([
		['weekly', ['analytics_rollup']],
		['low-use', ['analytics_rollup', 'offer', 'offer_feedback']]
	] as const)('builds %s.csv from its own table alone, not the whole dashboard', (name, tables) => {
		const db = databaseWithViews();
		const read = new Set<string>();
		const prepare = db.$client.prepare.bind(db.$client);
		vi.spyOn(db.$client, 'prepare').mockImplementation(((source: string) => {
			for (const match of source.matchAll(/\b(?:from|join)\s+["`]?(\w+)/gi)) {
				read.add(match[1]);
			}
			return prepare(source);
		}) as typeof db.$client.prepare);
		buildExport(db, name, range, previous);
		expect([...read].sort()).toEqual(tables);
	});
});

describe('the browser decides whether to count', () => {
	const allowed: PrivacySignals = {
		optedOut: false,
		globalPrivacyControl: false,
		storage: true,
		staff: false
	};

	it.each([
		['nothing stops it', allowed, true],
		['the person opted out', { ...allowed, optedOut: true }, false],
		['the browser sends Global Privacy Control', { ...allowed, globalPrivacyControl: true }, false],
		['there is no localStorage', { ...allowed, storage: false }, false],
		['a member of staff is signed in', { ...allowed, staff: true }, false]
	])('counts only when allowed: %s', (_name, signals, expected) => {
		expect(analyticsAllowed(signals)).toBe(expected);
	});

	it('keeps at most 500 queued events, dropping the oldest and any too old to send', () => {
		const now = Date.parse('2026-11-23T12:00:00Z');
		let queue: AnalyticsEvent[] = [
			{ type: 'install', at: new Date(now - 40 * 86_400_000).toISOString() }
		];
		for (let index = 0; index < QUEUE_LIMIT + 20; index += 1) {
			queue = enqueue(
				queue,
				{ type: 'page_view', path: `/${index}`, at: new Date(now).toISOString() },
				now
			);
		}
		expect(queue).toHaveLength(QUEUE_LIMIT);
		expect(queue[0]).toMatchObject({ path: '/20' });
		expect(queue.some((event) => event.type === 'install')).toBe(false);
	});
});

describe('feedback', () => {
	let db: Database;
	beforeEach(() => {
		db = createTestDatabase();
	});
	const offerId = (db: Database) =>
		db.get<{ id: number }>(sql`SELECT id FROM offer WHERE slug = 'staying-put'`).id;

	it('keeps one "Was this helpful?" answer per browser and offer, which can change', () => {
		const id = offerId(db);
		recordHelpfulAnswer(db, id, 'feedback-id-0000001', { helpful: 'yes' });
		recordHelpfulAnswer(db, id, 'feedback-id-0000001', { helpful: 'no', comment: 'Rang out' });
		recordHelpfulAnswer(db, id, 'feedback-id-0000002', { helpful: 'yes' });
		expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM offer_feedback`).n).toBe(2);
		expect(getHelpfulAnswer(db, id, 'feedback-id-0000001')).toEqual({
			helpful: false,
			comment: 'Rang out'
		});
		const stored = db.get<{ responder: string }>(sql`SELECT responder FROM offer_feedback LIMIT 1`);
		expect(stored.responder).not.toContain('feedback-id');
	});

	it('validates answers and general feedback with friendly messages', () => {
		expect(helpfulSchema.safeParse({ helpful: 'maybe' }).success).toBe(false);
		expect(helpfulSchema.safeParse({ helpful: 'yes', comment: 'x'.repeat(501) }).success).toBe(
			false
		);
		expect(helpfulSchema.parse({ helpful: 'no', comment: '  ', responder: '' })).toEqual({
			helpful: 'no',
			comment: undefined,
			responder: undefined
		});
		const empty = generalFeedbackSchema.safeParse({ name: 'Jo', message: '   ' });
		expect(empty.success).toBe(false);
		expect(empty.error?.issues[0].message).toBe('Tell us what you think');
		recordGeneralFeedback(db, generalFeedbackSchema.parse({ name: '', message: 'Great app' }));
		expect(db.get<{ name: string | null }>(sql`SELECT name FROM general_feedback`).name).toBeNull();
	});
});

describe('pages read in each language', () => {
	it('counts views per language, suppresses small numbers, and ignores a language the app does not speak', () => {
		const db = createTestDatabase();
		const now = Date.parse('2026-11-23T12:00:00Z');
		const at = new Date(now - 3_600_000).toISOString();
		const send = (visitor: string, events: Record<string, unknown>[]) => {
			const result = validateEventBatch(db, { visitor, events }, now);
			expect(result.ok).toBe(true);
			if (result.ok) {
				recordEvents(db, result.batch, result.offerIds);
			}
		};
		for (let i = 0; i < 6; i += 1) {
			send(`arabic-reader-${i}-xxxxxx`, [
				{ type: 'page_view', path: '/ar', at, language: 'ar' },
				{ type: 'offer_view', offer: 'staying-put', at, language: 'ar' }
			]);
		}
		send('tigrinya-reader-xxxxxxxx', [{ type: 'page_view', path: '/ti', at, language: 'ti' }]);
		send('klingon-reader-xxxxxxxxx', [{ type: 'page_view', path: '/', at, language: 'tlh' }]);
		rollUpEvents(db);
		const range = { from: '2026-11-23', to: '2026-11-23' };
		const dashboard = getDashboard(db, range, { from: '2026-11-22', to: '2026-11-22' });
		const byCode = Object.fromEntries(dashboard.languages.map((row) => [row.code, row]));
		expect(byCode.ar).toMatchObject({ views: 12, uniqueViewers: 6 });
		// One young person reading Tigrinya could be pointed at: both counts are hidden.
		expect(byCode.ti).toMatchObject({ views: 'fewer-than-5', uniqueViewers: 'fewer-than-5' });
		expect(byCode.en).toMatchObject({ views: 0, uniqueViewers: 0 });
		const csv = buildExport(db, 'languages', range, { from: '2026-11-22', to: '2026-11-22' });
		expect(csv.trim().split('\r\n')).toEqual(
			expect.arrayContaining([
				'language,name,views,unique_viewers',
				'ar,Arabic,12,6',
				'ti,Tigrinya,<5,<5'
			])
		);
	});
});
