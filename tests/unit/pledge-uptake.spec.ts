import { describe, expect, it } from 'vitest';
import { buildExport } from '$lib/server/analytics/exports';
import { getPledgeUptake } from '$lib/server/analytics/pledge-uptake';
import { user } from '$lib/server/db/schema';
import {
	createPledge,
	decidePledge,
	endPledge,
	matchPledge,
	recordOutcome,
	type Pledge
} from '$lib/server/pledges';
import { createSupportRequest } from '$lib/server/requests/leaver';
import { pledgeFormSchema } from '$lib/schemas/pledge-form';
import type { PledgeKind } from '$lib/schemas/pledge';
import { FEWER_THAN_5 } from '$lib/suppression';
import { createTestDatabase } from './helpers';

type Db = ReturnType<typeof createTestDatabase>;

/** November 2026 in London (GMT throughout). */
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
const PREVIOUS = { from: '2026-10-02', to: '2026-10-31' };
const at = (day: number, hour = 12) => Date.UTC(2026, 10, day, hour);
const BEFORE = Date.UTC(2026, 9, 1, 12);

function people(db: Db) {
	const insert = (role: 'lead' | 'adviser' | 'supporter', name: string) =>
		db.insert(user).values({ role, name }).returning().get();
	return {
		lead: insert('lead', 'Lee Lead'),
		pa: insert('adviser', 'Pat PA'),
		supporter: insert('supporter', 'Sam Supporter')
	};
}

type People = ReturnType<typeof people>;

let leaverNumber = 0;
function leaver(db: Db, pa: People['pa']) {
	leaverNumber += 1;
	return db
		.insert(user)
		.values({ role: 'leaver', name: `Young person ${leaverNumber}`, adviserId: pa.id })
		.returning()
		.get();
}

/** A pledge made at `made` (and approved at `approved`, unless null). */
function pledgeOf(
	db: Db,
	{ lead, supporter }: People,
	kind: PledgeKind,
	made: number,
	approved: number | null = made
): Pledge {
	const item = createPledge(
		db,
		supporter,
		pledgeFormSchema.parse({
			scheme: kind === 'time' ? 'helping-hands' : 'no-limits',
			kind,
			timeKind: kind === 'time' ? 'interview-practice' : '',
			amount: kind === 'money' ? '50' : '',
			details: 'Whatever a young person needs, within the rules.',
			places: '20',
			until: '2027-06-30'
		}),
		made
	);
	if (approved !== null) {
		decidePledge(
			db,
			lead,
			item,
			{
				approve: true,
				shown: { title: 'A helping hand', summary: 'Help from someone who knows.', shownAs: 'IT' }
			},
			approved
		);
	}
	return item;
}

/** A new young person asks for the pledge and their PA matches them, both at `when`. */
function matchNew(db: Db, who: People, item: Pledge, when: number) {
	const { request } = createSupportRequest(
		db,
		leaver(db, who.pa),
		{
			topic: 'other',
			pledgeId: item.id,
			message: 'I would like this, please.',
			urgent: false,
			contactBy: 'app',
			idempotencyKey: `pledge-ask-${leaverNumber}-0000000`
		},
		when
	);
	const matched = matchPledge(
		db,
		who.pa,
		request,
		{ meetWhen: 'Tuesday at 2pm', meetWhere: 'The civic centre' },
		when
	);
	if (!matched.ok) {
		throw new Error(matched.problem);
	}
	return matched.match;
}

/** `count` young people matched and helped: an hour and a half each, or £50 paid each. */
function complete(db: Db, who: People, item: Pledge, count: number, when = at(10)) {
	for (let n = 0; n < count; n += 1) {
		const match = matchNew(db, who, item, when);
		recordOutcome(
			db,
			who.pa,
			match,
			item.kind === 'time'
				? { outcome: 'took-place', hours: 1.5 }
				: { outcome: 'money-paid', paid: 5000 },
			when
		);
	}
}

/** The CSV's rows by kind, each cell as written. */
function csvRows(db: Db) {
	const [header, ...lines] = buildExport(db, 'pledges', NOVEMBER, PREVIOUS)
		.trim()
		.split('\r\n')
		.map((line) => line.split(','));
	return Object.fromEntries(
		lines.map((cells) => [cells[0], Object.fromEntries(header.map((name, i) => [name, cells[i]]))])
	);
}

describe('the dashboard’s pledges panel', () => {
	it('counts pledges offered and approved in the period by kind, ended ones too, never declined', () => {
		const db = createTestDatabase({ seed: false });
		const who = people(db);
		pledgeOf(db, who, 'time', at(2), at(3));
		const ended = pledgeOf(db, who, 'time', at(4), at(5));
		endPledge(db, who.lead, ended, at(6));
		const declined = pledgeOf(db, who, 'time', at(7), null);
		decidePledge(db, who.lead, declined, { approve: false }, at(8));
		pledgeOf(db, who, 'money', at(9), null);
		// Offered in October, approved in November; offered in November, approved in December.
		pledgeOf(db, who, 'money', BEFORE, at(12));
		pledgeOf(db, who, 'money', at(30), Date.UTC(2026, 11, 1, 9));

		const { kinds, total } = getPledgeUptake(db, NOVEMBER);
		expect(kinds.map(({ kind, offered, approved }) => ({ kind, offered, approved }))).toEqual([
			{ kind: 'time', offered: 3, approved: 2 },
			{ kind: 'money', offered: 2, approved: 1 }
		]);
		expect(total).toMatchObject({ kind: 'total', offered: 5, approved: 3, matched: 0 });
	});

	it('hides counts of fewer than 5 young people matched, and shows 5', () => {
		const db = createTestDatabase({ seed: false });
		const who = people(db);
		const time = pledgeOf(db, who, 'time', BEFORE);
		for (let n = 0; n < 4; n += 1) {
			matchNew(db, who, time, at(10));
		}
		const four = getPledgeUptake(db, NOVEMBER);
		expect(four.kinds[0]).toMatchObject({ kind: 'time', matched: FEWER_THAN_5, completed: 0 });
		expect(four.kinds[1]).toMatchObject({ kind: 'money', matched: 0 });
		// Not "fewer than 5": a total is hidden so it cannot be used to work out a hidden kind.
		expect(four.total.matched).toBe('suppressed');

		matchNew(db, who, time, at(11));
		const five = getPledgeUptake(db, NOVEMBER);
		expect(five.kinds[0].matched).toBe(5);
		expect(five.total.matched).toBe(5);
	});

	it('hides hours and money with the count of young people they were given to', () => {
		const db = createTestDatabase({ seed: false });
		const who = people(db);
		const time = pledgeOf(db, who, 'time', BEFORE);
		const money = pledgeOf(db, who, 'money', BEFORE);
		complete(db, who, time, 4);
		complete(db, who, money, 5);
		// One that did not happen is matched, not completed.
		recordOutcome(db, who.pa, matchNew(db, who, time, at(10)), { outcome: 'did-not' }, at(10));

		const hidden = getPledgeUptake(db, NOVEMBER);
		expect(hidden.kinds[0]).toMatchObject({
			kind: 'time',
			matched: 5,
			completed: FEWER_THAN_5,
			hours: 'suppressed',
			paidPence: 'suppressed',
			moneyGiven: 'suppressed'
		});
		expect(hidden.kinds[1]).toMatchObject({
			kind: 'money',
			completed: 5,
			hours: 0,
			paidPence: 25_000,
			moneyGiven: '£250'
		});
		// The total would give the time pledges' hours away: they are the only hours.
		expect(hidden.total).toMatchObject({
			matched: 10,
			completed: 'suppressed',
			hours: 'suppressed',
			paidPence: 'suppressed'
		});

		complete(db, who, time, 1);
		const shown = getPledgeUptake(db, NOVEMBER);
		expect(shown.kinds[0]).toMatchObject({ completed: 5, hours: 7.5, paidPence: 0 });
		expect(shown.total).toMatchObject({
			completed: 10,
			hours: 7.5,
			paidPence: 25_000,
			moneyGiven: '£250'
		});
	});

	it('counts what happened in the period only, from London midnight to London midnight', () => {
		const db = createTestDatabase({ seed: false });
		const who = people(db);
		const time = pledgeOf(db, who, 'time', BEFORE);
		// 1 November 00:00 and 30 November 23:59:59.999 (GMT) are in; a moment either side is not.
		for (const when of [at(1, 0), at(5), at(15), at(20), at(30, 24) - 1]) {
			matchNew(db, who, time, when);
		}
		matchNew(db, who, time, at(1, 0) - 1);
		matchNew(db, who, time, at(30, 24));
		expect(getPledgeUptake(db, NOVEMBER).kinds[0].matched).toBe(5);

		// Matched before the period, helped in it: completed in November, not matched in it.
		const summer = pledgeOf(db, who, 'time', BEFORE);
		const early = [1, 2, 3, 4, 5].map(() => matchNew(db, who, summer, BEFORE));
		for (const match of early) {
			recordOutcome(db, who.pa, match, { outcome: 'took-place', hours: 2 }, at(25));
		}
		const november = getPledgeUptake(db, NOVEMBER).kinds[0];
		expect(november).toMatchObject({ matched: 5, completed: 5, hours: 10 });
		expect(getPledgeUptake(db, { from: '2026-12-01', to: '2026-12-31' }).kinds[0]).toMatchObject({
			matched: FEWER_THAN_5,
			completed: 0,
			hours: 0
		});
	});

	it('starts and ends a summer period at London midnight, an hour before UTC’s', () => {
		const db = createTestDatabase({ seed: false });
		const who = people(db);
		const time = pledgeOf(db, who, 'time', Date.UTC(2026, 3, 1));
		const june = { from: '2026-06-01', to: '2026-06-30' };
		// 00:30 on 1 June and 23:59 on 30 June in London, and three in between: in.
		for (const when of [
			Date.UTC(2026, 4, 31, 23, 30),
			Date.UTC(2026, 5, 10),
			Date.UTC(2026, 5, 11),
			Date.UTC(2026, 5, 12),
			Date.UTC(2026, 5, 30, 22, 59)
		]) {
			matchNew(db, who, time, when);
		}
		// 23:59 on 31 May and 00:00 on 1 July in London: out.
		matchNew(db, who, time, Date.UTC(2026, 4, 31, 22, 59));
		matchNew(db, who, time, Date.UTC(2026, 5, 30, 23, 0));
		expect(getPledgeUptake(db, june).kinds[0].matched).toBe(5);
	});

	it('writes the CSV with the same suppression as the page', () => {
		const db = createTestDatabase({ seed: false });
		const who = people(db);
		const time = pledgeOf(db, who, 'time', at(2));
		const money = pledgeOf(db, who, 'money', at(2));
		complete(db, who, time, 4);
		complete(db, who, money, 5);

		expect(csvRows(db)).toEqual({
			time: {
				kind: 'time',
				offered: '1',
				approved: '1',
				young_people_matched: '<5',
				young_people_completed: '<5',
				hours_given: 'suppressed',
				money_given_pounds: 'suppressed'
			},
			money: {
				kind: 'money',
				offered: '1',
				approved: '1',
				young_people_matched: '5',
				young_people_completed: '5',
				hours_given: '0',
				money_given_pounds: '250'
			},
			total: {
				kind: 'total',
				offered: '2',
				approved: '2',
				young_people_matched: 'suppressed',
				young_people_completed: 'suppressed',
				hours_given: 'suppressed',
				money_given_pounds: 'suppressed'
			}
		});

		complete(db, who, time, 1);
		const shown = csvRows(db);
		expect(shown.time).toMatchObject({
			young_people_matched: '5',
			young_people_completed: '5',
			hours_given: '7.5',
			money_given_pounds: '0'
		});
		expect(shown.total).toMatchObject({
			young_people_matched: '10',
			young_people_completed: '10',
			hours_given: '7.5',
			money_given_pounds: '250'
		});
	});
});
