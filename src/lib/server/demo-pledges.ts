import { eq } from 'drizzle-orm';
import { addDays, londonToday } from '$lib/london-time';
import type { PledgeForm, PledgeShown } from '$lib/schemas/pledge-form';
import type { Database } from './db/connection';
import { pledge } from './db/schema';
import { createPledge, decidePledge } from './pledges';
import { getUserByUsername } from './users';

type DemoPledge = { form: PledgeForm; shown: PledgeShown | null };

/** demo-supporter's pledges: two approved (time and money) and one waiting for a lead. */
function demoPledges(today: string): DemoPledge[] {
	return [
		{
			form: {
				scheme: 'helping-hands',
				kind: 'time',
				timeKind: 'interview-practice',
				details:
					'I interview people for jobs in IT most weeks. I can do a practice interview of about an hour, at the council offices or online, any weekday afternoon.',
				places: 3,
				until: addDays(today, 120)
			},
			shown: {
				title: 'Practise a job interview',
				summary:
					'Have a practice interview with someone who interviews people for real. You get tips on what went well and what to try next time.',
				shownAs: 'Someone from the council’s IT team'
			}
		},
		{
			form: {
				scheme: 'no-limits',
				kind: 'money',
				amount: 10_000,
				details:
					'Up to £100 each for things needed to study or start work: a laptop bag, work boots, books, a bus pass for the first month.',
				places: 2,
				until: addDays(today, 90)
			},
			shown: {
				title: 'Up to £100 for things you need for college or work',
				summary:
					'Money towards things like work boots, books or a bus pass when you start college, training or a job. Your PA sorts it out with you.',
				shownAs: 'A council manager, through No Limits'
			}
		},
		{
			form: {
				scheme: 'helping-hands',
				kind: 'time',
				timeKind: 'work-shadowing',
				details:
					'A day shadowing me in the council’s planning team: site visits, meetings, how planning decisions are made.',
				places: 1,
				until: addDays(today, 60)
			},
			shown: null
		}
	];
}

/**
 * demo-supporter's pledges. Demo mode only; idempotent: made once, when demo-supporter has none.
 */
export function seedDemoPledges(db: Database, now = new Date()) {
	const supporter = getUserByUsername(db, 'demo-supporter');
	const lead = getUserByUsername(db, 'demo-lead');
	if (!supporter || !lead) {
		return 0;
	}
	if (db.select({ id: pledge.id }).from(pledge).where(eq(pledge.supporterId, supporter.id)).get()) {
		return 0;
	}
	const today = londonToday(now);
	const pledges = demoPledges(today);
	for (const demo of pledges) {
		const made = createPledge(db, supporter, demo.form, now.getTime());
		if (demo.shown) {
			decidePledge(db, lead, made, { approve: true, shown: demo.shown }, now.getTime());
		}
	}
	return pledges.length;
}
