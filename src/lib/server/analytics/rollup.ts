import type { Database } from '../db/connection';
import type { EventType } from '$lib/schemas/analytics';
import { londonDay, weekStart } from '$lib/london-time';
import {
	addHash,
	createSketch,
	decodeSketch,
	encodeSketch,
	hashId,
	mergeEncoded,
	type Sketch
} from './sketch';

/** Which scope each offer event counts towards ("offer:12:view"…). */
const OFFER_SCOPES: Partial<Record<EventType, string>> = {
	offer_view: 'view',
	offer_save: 'save',
	offer_unsave: 'unsave',
	offer_used: 'used',
	offer_contact: 'contact'
};

const CURSOR = 'rollup';

/** `/opportunities/12` or `/ar/opportunities/12`: opportunity 12; any other path: null. */
export function opportunityOfPath(path: string | null): number | null {
	const match = path ? /^(?:\/[a-z]{2,3})?\/opportunities\/(\d{1,9})$/.exec(path) : null;
	return match ? Number(match[1]) : null;
}

type RawEvent = {
	id: number;
	at: number;
	visitor_hash: number;
	user_id: number | null;
	type: EventType;
	offer_id: number | null;
	path: string | null;
	query: string | null;
	results: number | null;
	language: string | null;
};

type Tally = { events: number; sketch: Sketch };

function bump(tallies: Map<string, Tally>, key: string, person: number) {
	let entry = tallies.get(key);
	if (!entry) {
		entry = { events: 0, sketch: createSketch() };
		tallies.set(key, entry);
	}
	entry.events += 1;
	entry.sketch = addHash(entry.sketch, person);
}

/** Counts one event towards a scope on its day and in its week. */
function tally(
	tallies: Map<string, Tally>,
	day: string,
	week: string,
	scope: string,
	person: number
) {
	bump(tallies, `day|${day}|${scope}`, person);
	bump(tallies, `week|${week}|${scope}`, person);
}

/** Each account's hash, computed once per rollup. */
function leaverHasher() {
	const hashes = new Map<number, number>();
	return (userId: number) => {
		let hash = hashes.get(userId);
		if (hash === undefined) {
			hash = hashId(`user:${userId}`);
			hashes.set(userId, hash);
		}
		return hash;
	};
}

/**
 * Folds raw events not yet rolled up into the daily rollups, oldest first, `chunkSize` at a
 * time. Each chunk is one IMMEDIATE transaction that also moves the cursor, so every event is
 * counted exactly once even if two processes roll up at the same moment. Events that arrive
 * late (queued offline, up to 30 days) are simply merged into their own day: counts add and
 * sketches merge. Returns how many events were rolled up.
 */
export function rollUpEvents(db: Database, { chunkSize = 50_000 } = {}): number {
	const client = db.$client;
	const readCursor = client.prepare('SELECT last_id FROM analytics_cursor WHERE name = ?').pluck();
	const readEvents = client.prepare(
		`SELECT id, at, visitor_hash, user_id, type, offer_id, path, query, results, language
		 FROM analytics_event WHERE id > ? ORDER BY id LIMIT ?`
	);
	const readOffers = client.prepare('SELECT id, category FROM offer');
	registerSketchMerge(db);
	// One statement per row: a new row is inserted as it is; an existing one adds the counts and
	// merges the sketches inside SQLite (no read back into JavaScript first).
	const writeRollup = client.prepare(
		`INSERT INTO analytics_rollup (span, day, scope, events, sketch) VALUES (?, ?, ?, ?, ?)
		 ON CONFLICT (span, day, scope) DO UPDATE SET events = events + excluded.events,
		 sketch = analytics_merge_sketch(sketch, excluded.sketch)`
	);
	const writeSearch = client.prepare(
		`INSERT INTO analytics_search_daily (day, query, searches, empty) VALUES (?, ?, ?, ?)
		 ON CONFLICT (day, query) DO UPDATE SET searches = searches + excluded.searches,
		 empty = empty + excluded.empty`
	);
	const writeCursor = client.prepare(
		`INSERT INTO analytics_cursor (name, last_id) VALUES (?, ?)
		 ON CONFLICT (name) DO UPDATE SET last_id = excluded.last_id`
	);
	const hashLeaver = leaverHasher();

	const rollUpChunk = client.transaction((): number => {
		const cursor = (readCursor.get(CURSOR) as number | undefined) ?? 0;
		const events = readEvents.all(cursor, chunkSize) as RawEvent[];
		if (events.length === 0) {
			return 0;
		}
		const categories = new Map(
			(readOffers.all() as { id: number; category: string }[]).map((row) => [row.id, row.category])
		);
		const tallies = new Map<string, Tally>();
		const weeks = new Map<string, string>();
		const searches = new Map<string, { searches: number; empty: number }>();

		for (const event of events) {
			const day = londonDay(event.at);
			let week = weeks.get(day);
			if (week === undefined) {
				week = weekStart(day);
				weeks.set(day, week);
			}
			const visitor = event.visitor_hash;
			tally(tallies, day, week, 'site', visitor);
			tally(tallies, day, week, `type:${event.type}`, visitor);
			if (event.user_id !== null) {
				tally(tallies, day, week, 'leaver', hashLeaver(event.user_id));
			}
			const offerScope = OFFER_SCOPES[event.type];
			if (offerScope && event.offer_id !== null) {
				tally(tallies, day, week, `offer:${event.offer_id}:${offerScope}`, visitor);
				const category = categories.get(event.offer_id);
				if (category && event.type === 'offer_view') {
					tally(tallies, day, week, `category:${category}:view`, visitor);
				}
			}
			// Pages read in each language (page and offer views): the demand for each.
			if (event.language && (event.type === 'page_view' || event.type === 'offer_view')) {
				tally(tallies, day, week, `language:${event.language}:view`, visitor);
			}
			// An opportunity's page read (in any language): its views on the dashboard.
			const opportunity = event.type === 'page_view' ? opportunityOfPath(event.path) : null;
			if (opportunity !== null) {
				tally(tallies, day, week, `opportunity:${opportunity}:view`, visitor);
			}
			if (event.type === 'search' && event.query) {
				const key = `${day}|${event.query}`;
				const entry = searches.get(key) ?? { searches: 0, empty: 0 };
				entry.searches += 1;
				entry.empty += event.results === 0 ? 1 : 0;
				searches.set(key, entry);
			}
		}

		for (const [key, entry] of tallies) {
			const [span, rest] = splitKey(key);
			const [day, scope] = splitKey(rest);
			writeRollup.run(span, day, scope, entry.events, encodeSketch(entry.sketch));
		}
		for (const [key, entry] of searches) {
			const [day, query] = splitKey(key);
			writeSearch.run(day, query, entry.searches, entry.empty);
		}
		writeCursor.run(CURSOR, events[events.length - 1].id);
		return events.length;
	});

	let total = 0;
	for (;;) {
		const done = rollUpChunk.immediate();
		total += done;
		if (done < chunkSize) {
			return total;
		}
	}
}

const withSketchMerge = new WeakSet<Database>();

/** analytics_merge_sketch(stored, incoming): the union of two encoded sketches, in SQL. */
function registerSketchMerge(db: Database) {
	if (withSketchMerge.has(db)) {
		return;
	}
	db.$client.function(
		'analytics_merge_sketch',
		{ deterministic: true },
		(stored: unknown, incoming: unknown) =>
			encodeSketch(mergeEncoded(decodeSketch(incoming as Buffer), stored as Buffer))
	);
	withSketchMerge.add(db);
}

function splitKey(key: string): [string, string] {
	const bar = key.indexOf('|');
	return [key.slice(0, bar), key.slice(bar + 1)];
}

/** The id of the last event rolled up (0 before the first rollup). */
export function getRollupCursor(db: Database): number {
	const row = db.$client
		.prepare('SELECT last_id FROM analytics_cursor WHERE name = ?')
		.pluck()
		.get(CURSOR) as number | undefined;
	return row ?? 0;
}
