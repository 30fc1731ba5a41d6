// Run by bench/analytics.js with tsx: builds a bench database of N synthetic usage events
// through the app's own migrations and rollup, then times the dashboard's query function.
// Usage: tsx bench/analytics-data.ts DB_PATH EVENTS
import { performance } from 'node:perf_hooks';
import { addDays, londonDay, londonDayStart } from '../src/lib/london-time';
import { getDashboard, resolveDateRange } from '../src/lib/server/analytics/queries';
import { rollUpEvents } from '../src/lib/server/analytics/rollup';
import { hashId } from '../src/lib/server/analytics/sketch';
import { openDatabase } from '../src/lib/server/db/connection';
import { loadSeedFile, seedContent } from '../src/lib/server/seed';

const [path, countText] = process.argv.slice(2);
const total = Number(countText);
const DAYS = 90;
const VISITORS = 60_000;
const LEAVERS = 2_000;
const TYPES: [string, number][] = [
	['page_view', 0.4],
	['offer_view', 0.3],
	['offer_save', 0.07],
	['offer_unsave', 0.02],
	['offer_used', 0.04],
	['offer_contact', 0.06],
	['search', 0.07],
	['eligibility_check', 0.03],
	['install', 0.01]
];

let seed = 42;
const random = () => {
	seed = (seed + 0x6d2b79f5) >>> 0;
	let t = seed;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const db = openDatabase(path);
seedContent(db, loadSeedFile());
const client = db.$client;
client.pragma('synchronous = OFF');
const offers = client.prepare('SELECT id, slug FROM offer').all() as { id: number; slug: string }[];
const weights = offers.map((_, rank) => 1 / (rank + 1));
const weightSum = weights.reduce((a, b) => a + b, 0);
const pickOffer = () => {
	let target = random() * weightSum;
	for (let i = 0; i < offers.length; i += 1) {
		target -= weights[i];
		if (target <= 0) {
			return offers[i];
		}
	}
	return offers[offers.length - 1];
};
const pickType = () => {
	let target = random();
	for (const [type, share] of TYPES) {
		target -= share;
		if (target <= 0) {
			return type;
		}
	}
	return 'page_view';
};

const existing =
	(client.prepare('SELECT count(*) FROM analytics_event').pluck().get() as number) ?? 0;
const started = performance.now();
if (existing < total) {
	const firstLeaver = client.prepare('SELECT count(*) FROM user').pluck().get() as number;
	const addUser = client.prepare("INSERT INTO user (role, name) VALUES ('leaver', 'Bench')");
	client.transaction(() => {
		for (let i = 0; i < LEAVERS; i += 1) {
			addUser.run();
		}
	})();
	const leaverIds = client
		.prepare("SELECT id FROM user WHERE role = 'leaver' ORDER BY id")
		.pluck()
		.all()
		.slice(firstLeaver ? 0 : 0) as number[];
	const visitorHashes = Array.from({ length: VISITORS }, (_, i) => hashId(`bench-visitor-${i}`));
	const today = londonDay(Date.now());
	const dayStarts = Array.from({ length: DAYS }, (_, i) =>
		londonDayStart(addDays(today, -DAYS + i))
	);
	const insert = client.prepare(
		`INSERT INTO analytics_event (at, visitor_hash, user_id, type, offer_id, path, query, results)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const queries = ['council tax', 'driving lessons', 'housing', 'gym', 'passport', 'bursary'];
	const chunk = 200_000;
	for (let done = existing; done < total; done += chunk) {
		const upto = Math.min(total, done + chunk);
		// Times rise through the period so ids follow time, as they would in real life.
		client.transaction(() => {
			for (let n = done; n < upto; n += 1) {
				const at = dayStarts[Math.floor((n / total) * DAYS)] + Math.floor(random() * 86_400_000);
				const visitor = Math.floor(random() ** 2 * VISITORS);
				const user = visitor < LEAVERS * 2 ? leaverIds[visitor % leaverIds.length] : null;
				const type = pickType();
				const offer = type.startsWith('offer_') ? pickOffer() : null;
				const query = type === 'search' ? queries[Math.floor(random() * queries.length)] : null;
				insert.run(
					at,
					visitorHashes[visitor],
					user,
					type,
					offer?.id ?? null,
					offer ? `/offers/${offer.slug}` : '/',
					query,
					query ? (query === 'driving lessons' || query === 'passport' ? 0 : 3) : null
				);
			}
		})();
	}
}
const inserted = performance.now();
const rolled = rollUpEvents(db);
const rolledUp = performance.now();

const { range, previous } = resolveDateRange({}, new Date());
const times: number[] = [];
for (let run = 0; run < 12; run += 1) {
	const t0 = performance.now();
	getDashboard(db, range, previous);
	times.push(performance.now() - t0);
}
const steady = times.slice(2).sort((a, b) => a - b);
const stored = client.prepare('SELECT count(*) FROM analytics_event').pluck().get() as number;
const rollupRows = client.prepare('SELECT count(*) FROM analytics_rollup').pluck().get() as number;
console.log(
	JSON.stringify({
		events: stored,
		rollupRows,
		insertSeconds: (inserted - started) / 1000,
		rollupSeconds: (rolledUp - inserted) / 1000,
		rolledUp: rolled,
		dashboardMedianMs: steady[Math.floor(steady.length / 2)],
		dashboardMaxMs: steady[steady.length - 1],
		range
	})
);
db.$client.close();
