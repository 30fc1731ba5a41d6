import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/connection';
import { analyticsCursor, offer, opportunity, user } from '../db/schema';
import { recordGeneralFeedback, recordHelpfulAnswer } from '../feedback';
import { addDays, londonDay, londonDayStart } from '$lib/london-time';
import { rollUpEvents } from './rollup';
import { hashId } from './sketch';

const SEEDED_FLAG = 'demo-seeded';
/** Twice the dashboard's default period, so its comparison with the period before means something. */
const DEMO_DAYS = 180;
const HOUR = 3_600_000;

/** A small seeded generator (mulberry32): the same demo data on every machine. */
function createRandom(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const FOUND_SEARCHES = [
	'council tax',
	'money',
	'housing',
	'flat',
	'college',
	'dentist',
	'job',
	'bursary',
	'gym',
	'mental health'
];
const UNMET_SEARCHES = [
	'driving lessons',
	'phone contract',
	'passport',
	'childcare',
	'bus pass',
	'citizenship',
	'food bank',
	'moving out'
];
const COMMENTS_YES = [
	'Really clear, thanks',
	'Got it sorted with my PA',
	'Didn’t know I could get this',
	'Easy to follow'
];
const COMMENTS_NO = [
	'Phone number just rang out',
	'Still not sure if I can get it',
	'Too many steps',
	'Wish it said how long it takes'
];
const GENERAL = [
	['Jay', 'The app is easier than ringing round. Can you add something about driving lessons?'],
	[null, 'Would be good to see what my PA has done on my request without ringing.'],
	['M', 'Love that the urgent help is at the top.'],
	[null, 'Some pages have long words, can they be simpler?'],
	['Kai', 'Can you add help with phone contracts? I got turned down.'],
	[null, 'Works fine on my phone even on the bus with no signal.']
] as const;

/**
 * About 180 days of plausible, clearly marked demo usage (visitor ids "demo-…", demo = 1) and
 * feedback, so the dashboard means something on first open. Runs once per database; the
 * events end yesterday, so what people do today is all that today shows.
 */
export function seedDemoAnalytics(db: Database, now = new Date()): number {
	const done = db.select().from(analyticsCursor).where(eq(analyticsCursor.name, SEEDED_FLAG)).get();
	if (done) {
		return 0;
	}
	const random = createRandom(2026);
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
	const offers = db
		.select({ id: offer.id, slug: offer.slug })
		.from(offer)
		.where(eq(offer.published, true))
		.all();
	// Popularity falls off like Zipf's law: a few offers are looked at a lot, some hardly ever.
	const order = [...offers].sort(() => random() - 0.5);
	const weights = order.map((_, rank) => 1 / (rank + 1) ** 1.2);
	const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
	const pickOffer = () => {
		let target = random() * totalWeight;
		for (let index = 0; index < order.length; index += 1) {
			target -= weights[index];
			if (target <= 0) {
				return order[index];
			}
		}
		return order[order.length - 1];
	};
	// The demo board's opportunities (seeded first), read now and then.
	const board = db
		.select({ id: opportunity.id })
		.from(opportunity)
		.where(eq(opportunity.status, 'published'))
		.all()
		.map((row) => row.id);
	const boardRandom = createRandom(2027);
	const leavers = db
		.select({ id: user.id })
		.from(user)
		.where(inArray(user.username, ['demo-leaver', 'demo-leaver-2']))
		.all();

	const insert = db.$client.prepare(
		`INSERT INTO analytics_event (at, visitor_hash, user_id, type, offer_id, path, query, results, demo)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`
	);
	const today = londonDay(now.getTime());
	let count = 0;
	const feedback: { offerId: number; responder: string; helpful: boolean; at: Date }[] = [];

	db.$client.transaction(() => {
		for (let back = DEMO_DAYS; back >= 1; back -= 1) {
			const day = addDays(today, -back);
			const start = londonDayStart(day);
			const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
			const weekend = weekday === 0 || weekday === 6;
			const visitors = Math.round((weekend ? 9 : 16) + (DEMO_DAYS - back) * 0.1 + random() * 6);
			for (let index = 0; index < visitors; index += 1) {
				// A pool of 700 browsers, some coming back often: unique visitors < visits.
				const visitorNumber = Math.floor(random() ** 2 * 700);
				const visitor = `demo-visitor-${String(visitorNumber).padStart(4, '0')}`;
				const hash = hashId(visitor);
				const leaver =
					leavers.length && visitorNumber < leavers.length * 3
						? leavers[visitorNumber % leavers.length].id
						: null;
				let at = start + (8 + random() * 14) * HOUR;
				const add = (
					type: string,
					offerId: number | null,
					path: string | null,
					query: string | null = null,
					results: number | null = null
				) => {
					at += 20_000 + random() * 90_000;
					insert.run(Math.round(at), hash, leaver, type, offerId, path, query, results);
					count += 1;
				};
				add('page_view', null, '/');
				if (random() < 0.35) {
					const unmet = random() < 0.3;
					add(
						'search',
						null,
						'/offers',
						unmet ? pick(UNMET_SEARCHES) : pick(FOUND_SEARCHES),
						unmet ? 0 : 1 + Math.floor(random() * 5)
					);
				}
				if (random() < 0.08) {
					add('eligibility_check', null, '/check', null, 5 + Math.floor(random() * 20));
				}
				const views = 1 + Math.floor(random() * 3.5);
				for (let view = 0; view < views; view += 1) {
					const item = pickOffer();
					const path = `/offers/${item.slug}`;
					add('page_view', null, path);
					add('offer_view', item.id, path);
					if (random() < 0.12) {
						add('offer_save', item.id, path);
					}
					if (random() < 0.1) {
						add('offer_contact', item.id, path);
					}
					if (random() < 0.06) {
						add('offer_used', item.id, path);
					}
					if (random() < 0.05) {
						feedback.push({
							offerId: item.id,
							responder: `${visitor}-feedback`,
							helpful: random() < 0.78,
							at: new Date(at)
						});
					}
				}
				if (random() < 0.01) {
					add('install', null, '/');
				}
				// Opportunities' pages, from a generator of their own (the rest stays as it was).
				if (board.length && boardRandom() < 0.12) {
					const item = board[Math.floor(boardRandom() * board.length)];
					at += 30_000;
					insert.run(
						Math.round(at),
						hash,
						leaver,
						'page_view',
						null,
						`/opportunities/${item}`,
						null,
						null
					);
					count += 1;
				}
			}
		}
		for (const answer of feedback) {
			const withComment = random() < 0.3;
			recordHelpfulAnswer(
				db,
				answer.offerId,
				answer.responder,
				{
					helpful: answer.helpful ? 'yes' : 'no',
					comment: withComment ? pick(answer.helpful ? COMMENTS_YES : COMMENTS_NO) : undefined
				},
				{ demo: true, now: answer.at }
			);
		}
		GENERAL.forEach(([name, message], index) => {
			const at = new Date(londonDayStart(addDays(today, -(index * 13 + 3))) + 15 * HOUR);
			recordGeneralFeedback(db, { name: name ?? undefined, message }, { demo: true, now: at });
		});
		db.insert(analyticsCursor).values({ name: SEEDED_FLAG, lastId: count }).run();
	})();
	rollUpEvents(db);
	return count;
}
