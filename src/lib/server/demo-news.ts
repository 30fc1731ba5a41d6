import { and, eq, gte, like } from 'drizzle-orm';
import { addDays, londonToday, londonWallClock } from '$lib/london-time';
import type { Database } from './db/connection';
import { teamNews, type NewsAudience } from './db/schema';
import { NEWS_SHOWN_DAYS } from './news';
import { getUserByUsername } from './users';

const DAY_MS = 24 * 60 * 60 * 1000;

type DemoNews = {
	author: string;
	audience: NewsAudience;
	/** How the seed recognises its own message (the words carry a date). */
	startsWith: string;
	body: string;
	daysAgo: number;
};

/** The next Friday after today, as "Friday 4 December". */
function nextFriday(now: Date) {
	const today = londonToday(now);
	const weekday = new Date(`${today}T12:00:00Z`).getUTCDay();
	const day = addDays(today, ((5 - weekday + 7) % 7) + (weekday === 5 ? 7 : 0));
	return new Intl.DateTimeFormat('en-GB', {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		timeZone: 'UTC'
	}).format(new Date(`${day}T12:00:00Z`));
}

function demoNews(now: Date): DemoNews[] {
	return [
		{
			author: 'demo-lead',
			audience: 'everyone',
			startsWith: 'Drop-in at the hub',
			body:
				`Drop-in at the hub this ${nextFriday(now)}, 2–4 pm. Come for a cuppa, help with ` +
				'forms and bills, and a chat with the team. No need to book.',
			daysAgo: 1
		},
		{
			author: 'demo-adviser',
			audience: 'caseload',
			startsWith: 'I am in the office',
			body:
				'I am in the office on Tuesday and Thursday mornings this month if you want to pop in. ' +
				'Send me a message first so I know to look out for you.',
			daysAgo: 3
		}
	];
}

/**
 * News from the team in the demo: one from demo-lead to everyone, one from demo-adviser to their
 * young people, sent a day or two ago (so they take nothing from today's limit). Demo mode only;
 * idempotent, and sent again once the last copy is older than a young person's page shows.
 */
export function seedDemoNews(db: Database, now = new Date()) {
	const since = new Date(now.getTime() - NEWS_SHOWN_DAYS * DAY_MS);
	for (const item of demoNews(now)) {
		const author = getUserByUsername(db, item.author);
		if (!author) {
			continue;
		}
		const seeded = db
			.select({ id: teamNews.id })
			.from(teamNews)
			.where(
				and(
					eq(teamNews.authorId, author.id),
					like(teamNews.body, `${item.startsWith}%`),
					gte(teamNews.createdAt, since)
				)
			)
			.get();
		if (seeded) {
			continue;
		}
		// Mid-morning on the day it was sent, London time, whenever the demo starts.
		const sentAt = new Date(now.getTime() - item.daysAgo * DAY_MS);
		const hour = londonWallClock(sentAt).hour;
		const at = new Date(sentAt.getTime() - (hour - 10) * 60 * 60 * 1000);
		db.insert(teamNews)
			.values({
				authorId: author.id,
				audience: item.audience,
				adviserId: item.audience === 'caseload' ? author.id : null,
				body: item.body,
				createdAt: at,
				updatedAt: at
			})
			.run();
	}
}
