import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { opportunityFormSchema, type OpportunityInput } from '$lib/schemas/opportunity-form';
import {
	auditEvent,
	calendarEvent,
	opportunity,
	supportRequest,
	user
} from '$lib/server/db/schema';
import { seedDemoOpportunities } from '$lib/server/demo-board';
import {
	applicantFromAccount,
	boardState,
	findInterest,
	getOpenOpportunity,
	listNewOpportunitiesFor,
	listOpenOpportunities
} from '$lib/server/opportunities';
import {
	copyOpportunity,
	createOpportunity,
	setOpportunityStatus
} from '$lib/server/opportunity-editing';
import { importOpportunities } from '$lib/server/opportunity-import';
import { listOfflinePackPages } from '$lib/offline-pack-pages';
import { offlineBoard, offlinePackBundleTag } from '$lib/server/offline-pack';
import { pageCacheKey } from '$lib/server/page-cache';
import { formatDayIn } from '$lib/server/opportunity-views';
import { exportPersonalData } from '$lib/server/personal-data';
import { recordEvents, validateEventBatch } from '$lib/server/analytics/ingest';
import { getOpportunityUptake } from '$lib/server/analytics/opportunity-uptake';
import { rollUpEvents } from '$lib/server/analytics/rollup';
import { FEWER_THAN_5 } from '$lib/suppression';
import { changeRequestStatus, submitSupportRequest } from '$lib/server/requests';
import { createTestDatabase } from './helpers';

type Db = ReturnType<typeof createTestDatabase>;

/** Noon on 1 December 2026, London (GMT): "today" is 2026-12-01. */
const NOW = Date.UTC(2026, 11, 1, 12);

function people(db: Db) {
	const lead = db.insert(user).values({ role: 'lead', name: 'Lee Lead' }).returning().get();
	const pa = db.insert(user).values({ role: 'adviser', name: 'Pat PA' }).returning().get();
	const leaver = db
		.insert(user)
		.values({
			role: 'leaver',
			name: 'Jordan',
			adviserId: pa.id,
			dateOfBirth: '2007-06-01',
			livesInArea: true,
			inEducation: false
		})
		.returning()
		.get();
	return { lead, pa, leaver };
}

function input(overrides: Partial<Record<string, unknown>> = {}): OpportunityInput {
	return opportunityFormSchema.parse({
		kind: 'apprenticeship',
		title: 'Business administration apprenticeship',
		organisation: 'The council',
		summary: 'Learn office skills and get paid while you study.',
		body: 'A friendly team, and a qualification at the end of it.',
		closesOn: '2026-12-10',
		minAge: '16',
		maxAge: '25',
		statuses: ['relevant', 'former-relevant'],
		steps: 'Tell your PA\nFill in the form',
		contactName: 'Leaving care team',
		contactPhone: '01642 527764',
		...overrides
	});
}

function published(db: Db, lead: ReturnType<typeof people>['lead'], overrides = {}) {
	const made = createOpportunity(db, lead, input(overrides), NOW - 1000);
	return setOpportunityStatus(db, lead, made.id, 'published', NOW - 1000)!;
}

describe('the opportunities board', () => {
	it('shows published opportunities until their closing day, then drops them by itself', () => {
		const db = createTestDatabase();
		const { lead } = people(db);
		const today = published(db, lead, { title: 'Closes today', closesOn: '2026-12-01' });
		const yesterday = published(db, lead, { title: 'Closed yesterday', closesOn: '2026-11-30' });
		createOpportunity(db, lead, input({ title: 'A draft' }), NOW);
		const closed = published(db, lead, { title: 'Closed early' });
		setOpportunityStatus(db, lead, closed.id, 'closed', NOW);

		expect(listOpenOpportunities(db, {}, NOW).map((item) => item.title)).toEqual(['Closes today']);
		expect(getOpenOpportunity(db, yesterday.id, NOW)).toBeUndefined();
		expect(getOpenOpportunity(db, today.id, NOW)?.title).toBe('Closes today');
		// Just after midnight in London it is gone, with nothing written.
		const nextDay = Date.UTC(2026, 11, 2, 0, 1);
		expect(listOpenOpportunities(db, {}, nextDay)).toEqual([]);
		// Staff still see it, as past its date.
		expect(boardState(today, nextDay)).toBe('past-closing-date');
	});

	it('crosses midnight in London time, not UTC (summer time)', () => {
		const db = createTestDatabase();
		const { lead } = people(db);
		published(db, lead, { closesOn: '2026-07-14' });
		// 23:30 UTC on the 14th is 00:30 on the 15th in London: closed.
		expect(listOpenOpportunities(db, {}, Date.UTC(2026, 6, 14, 23, 30))).toEqual([]);
		expect(listOpenOpportunities(db, {}, Date.UTC(2026, 6, 14, 22, 30))).toHaveLength(1);
	});

	it('filters by kind and by what a young person can apply for, closing soonest first', () => {
		const db = createTestDatabase();
		const { lead } = people(db);
		published(db, lead, { title: 'Later', closesOn: '2026-12-20' });
		published(db, lead, { title: 'Sooner', closesOn: '2026-12-05' });
		published(db, lead, { title: 'A job', kind: 'job', closesOn: '2026-12-07' });
		published(db, lead, { title: 'Under 21', maxAge: '21', closesOn: '2026-12-08' });
		published(db, lead, { title: 'In the area', livesInArea: 'yes', closesOn: '2026-12-09' });
		published(db, lead, { title: 'Students', inEducation: 'on', closesOn: '2026-12-11' });
		published(db, lead, { title: 'In care only', statuses: 'eligible', closesOn: '2026-12-12' });

		const titles = (filters: Parameters<typeof listOpenOpportunities>[1]) =>
			listOpenOpportunities(db, filters, NOW).map((item) => item.title);
		expect(titles({ kind: 'job' })).toEqual(['A job']);
		expect(titles({})[0]).toBe('Sooner');
		expect(
			titles({
				applicant: { age: 23, status: 'former-relevant', livesInArea: false, inEducation: true }
			})
		).toEqual(['Sooner', 'A job', 'Students', 'Later']);
		expect(
			titles({
				applicant: { age: 17, status: 'relevant', livesInArea: true, inEducation: false }
			})
		).toEqual(['Sooner', 'A job', 'Under 21', 'In the area', 'Later']);
		expect(
			titles({
				applicant: { age: 17, status: 'eligible', livesInArea: true, inEducation: false }
			})
		).toEqual(['In care only']);
	});

	it('"new for you": what this young person can apply for, newest first', () => {
		const db = createTestDatabase();
		const { lead, leaver } = people(db);
		const older = published(db, lead, { title: 'Older' });
		db.update(opportunity)
			.set({ publishedAt: new Date(NOW - 5 * 86_400_000) })
			.where(eq(opportunity.id, older.id))
			.run();
		published(db, lead, { title: 'Newer' });
		published(db, lead, { title: 'Students only', inEducation: 'yes' });
		const applicant = applicantFromAccount(leaver, NOW)!;
		expect(applicant).toEqual({
			age: 19,
			status: 'former-relevant',
			livesInArea: true,
			inEducation: false
		});
		expect(listNewOpportunitiesFor(db, applicant, 5, NOW).map((item) => item.title)).toEqual([
			'Newer',
			'Older'
		]);
		expect(listNewOpportunitiesFor(db, applicant, 1, NOW)).toHaveLength(1);
	});

	it('keeps the first publishing date when one is closed and opened again, and copies as a draft', () => {
		const db = createTestDatabase();
		const { lead } = people(db);
		const first = published(db, lead);
		setOpportunityStatus(db, lead, first.id, 'closed', NOW);
		const reopened = setOpportunityStatus(db, lead, first.id, 'published', NOW + 5000)!;
		expect(reopened.publishedAt).toEqual(first.publishedAt);
		const copy = copyOpportunity(db, lead, first.id, NOW)!;
		expect(copy).toMatchObject({ status: 'draft', publishedAt: null, title: first.title });
		const actions = db
			.select()
			.from(auditEvent)
			.all()
			.map((event) => event.action);
		expect(actions).toEqual(
			expect.arrayContaining(['opportunity-created', 'opportunity-published', 'opportunity-closed'])
		);
	});
});

describe('the editor’s rules (the CSV import uses the same)', () => {
	it('asks how to apply, and refuses ages the wrong way round and scripts', () => {
		const refused = opportunityFormSchema.safeParse({
			...input(),
			contactName: '',
			contactPhone: '',
			minAge: '21',
			maxAge: '18',
			title: '<script>alert(1)</script>'
		});
		expect(refused.success).toBe(false);
		const paths = refused.error!.issues.map((issue) => issue.path[0]);
		expect(paths).toEqual(expect.arrayContaining(['applyUrl', 'maxAge', 'title']));
	});

	it('reads ticks, yes/no, lists and lines the same from a form or a spreadsheet', () => {
		const parsed = input({
			ringFenced: 'Yes',
			livesInArea: 'no',
			statuses: 'relevant; former-relevant',
			steps: 'One | Two | Three',
			place: '  ',
			applyUrl: ''
		});
		expect(parsed).toMatchObject({
			ringFenced: true,
			livesInArea: false,
			statuses: ['relevant', 'former-relevant'],
			steps: ['One', 'Two', 'Three'],
			place: undefined,
			applyUrl: undefined
		});
	});
});

describe('importing a partner’s CSV', () => {
	const HEADER =
		'Kind,Title,Organisation,Summary,Body,Closes on,min_age,maxAge,statuses,steps,contactName,contactPhone';
	const row = (title: string, closes = '2027-01-31') =>
		`apprenticeship,${title},A partner,Learn a trade and get paid while you do it.,"A good first job.\nWith training.",${closes},16,25,relevant;former-relevant,Tell your PA|Apply,Team,01642 527764`;

	it('adds every row as a draft when all are right (headers in any spelling)', () => {
		const db = createTestDatabase();
		const { lead } = people(db);
		const result = importOpportunities(
			db,
			lead,
			`\uFEFF${HEADER}\r\n${row('First')}\r\n${row('Second')}\r\n`,
			NOW
		);
		expect(result).toEqual({ ok: true, created: 2 });
		const rows = db.select().from(opportunity).all();
		expect(rows.map((item) => [item.title, item.status])).toEqual([
			['First', 'draft'],
			['Second', 'draft']
		]);
		expect(rows[0].body).toBe('A good first job.\nWith training.');
		expect(listOpenOpportunities(db, {}, NOW)).toEqual([]);
	});

	it('imports nothing when any row is wrong, and names the row and column', () => {
		const db = createTestDatabase();
		const { lead } = people(db);
		const result = importOpportunities(
			db,
			lead,
			`${HEADER}\n${row('Fine')}\n${row('Bad date', '31/01/2027')}\n${row('Also fine')}\n`,
			NOW
		);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.problems).toEqual([
			{ row: 3, column: 'closesOn', message: 'Enter the closing date like 2027-01-31' }
		]);
		expect(db.select().from(opportunity).all()).toEqual([]);
	});

	it('says which columns are missing, and refuses what is not CSV', () => {
		const db = createTestDatabase();
		const { lead } = people(db);
		const missing = importOpportunities(db, lead, 'title,summary\nA,B\n', NOW);
		expect(!missing.ok && missing.problems[0].message).toMatch(/kind, organisation, body/);
		const broken = importOpportunities(db, lead, `${HEADER}\n"unclosed quote,\n`, NOW);
		expect(!broken.ok && broken.problems[0].message).toMatch(/could not be read/);
		const empty = importOpportunities(db, lead, `${HEADER}\n`, NOW);
		expect(empty.ok).toBe(false);
		expect(db.select().from(opportunity).all()).toEqual([]);
	});
});

describe('"I\'m interested"', () => {
	it('is a request to the young person’s PA, linked to the opportunity, found until resolved', () => {
		const db = createTestDatabase();
		const { lead, pa, leaver } = people(db);
		const item = published(db, lead);
		expect(findInterest(db, leaver, item.id)).toBeUndefined();
		const sent = submitSupportRequest(db, leaver, {
			topic: 'employment',
			opportunityId: item.id,
			message: 'I am interested',
			urgent: false,
			contactBy: 'app',
			idempotencyKey: 'interest-key-0000001'
		});
		expect(sent.ok).toBe(true);
		const request = db.select().from(supportRequest).get()!;
		expect(request).toMatchObject({ opportunityId: item.id, adviserId: pa.id });
		expect(findInterest(db, leaver, item.id)?.id).toBe(request.id);
		// "Download my data" says what they were interested in.
		const exported = exportPersonalData(db, leaver);
		expect(JSON.stringify(exported)).toContain(`"interestedIn":"${item.title}"`);
		changeRequestStatus(db, pa, request, 'resolved');
		expect(findInterest(db, leaver, item.id)).toBeUndefined();
	});
});

describe('the demo board', () => {
	it('has eight opportunities: two ring-fenced apprenticeships, two closing this week, one closed', () => {
		const db = createTestDatabase();
		expect(seedDemoOpportunities(db, NOW)).toBe(8);
		expect(seedDemoOpportunities(db, NOW)).toBe(0);
		const all = db.select().from(opportunity).all();
		expect(all).toHaveLength(8);
		expect(all.filter((item) => item.kind === 'apprenticeship' && item.ringFenced)).toHaveLength(2);
		const open = listOpenOpportunities(db, {}, NOW);
		expect(open).toHaveLength(7);
		expect(open.filter((item) => item.closesOn <= '2026-12-07')).toHaveLength(2);
	});
});

describe('the dashboard’s opportunities panel', () => {
	it('counts page views in any language, people and interest, suppressed below 5', () => {
		const db = createTestDatabase();
		const { lead, leaver } = people(db);
		const apprenticeship = published(db, lead);
		const job = published(db, lead, { kind: 'job', title: 'Kitchen assistant' });
		const pageView = (path: string) => ({
			type: 'page_view',
			path,
			at: new Date(NOW - 3_600_000).toISOString()
		});
		const store = (visitor: string, events: Record<string, unknown>[]) => {
			const result = validateEventBatch(db, { visitor, events }, NOW);
			if (!result.ok) {
				throw new Error(result.reasons.join('; '));
			}
			recordEvents(db, result.batch, result.offerIds);
		};
		for (let n = 0; n < 6; n += 1) {
			store(`visitor-number-${n}-abcdefgh`, [
				pageView(`/opportunities/${apprenticeship.id}`),
				pageView(n % 2 ? `/ar/opportunities/${apprenticeship.id}` : '/opportunities')
			]);
		}
		store('visitor-number-9-abcdefgh', [pageView(`/opportunities/${job.id}`)]);
		submitSupportRequest(db, leaver, {
			topic: 'employment',
			opportunityId: job.id,
			message: 'Interested',
			urgent: false,
			contactBy: 'app',
			idempotencyKey: 'interest-key-0000002'
		});
		rollUpEvents(db);
		// The request is made at the real time: the period runs to the end of next year.
		const uptake = getOpportunityUptake(db, { from: '2026-11-01', to: '2027-12-31' }, NOW);
		expect(uptake.rows).toEqual([
			{
				id: apprenticeship.id,
				title: apprenticeship.title,
				kind: 'apprenticeship',
				views: 9,
				uniqueViewers: 6,
				interested: 0
			},
			{
				id: job.id,
				title: 'Kitchen assistant',
				kind: 'job',
				views: 1,
				uniqueViewers: FEWER_THAN_5,
				interested: FEWER_THAN_5
			}
		]);
		expect(uptake.kinds.find((row) => row.kind === 'apprenticeship')).toEqual({
			kind: 'apprenticeship',
			open: 1,
			views: 9,
			uniqueViewers: 6,
			interested: 0
		});
		// A period before any of it: nothing.
		expect(getOpportunityUptake(db, { from: '2026-10-01', to: '2026-10-31' }, NOW).rows).toEqual(
			[]
		);
	});
});

describe('the offline pack', () => {
	it('holds the board and every open opportunity, and its tag moves when one closes or changes', () => {
		const db = createTestDatabase();
		const { lead } = people(db);
		const open = published(db, lead, { closesOn: '2026-12-05' });
		published(db, lead, { closesOn: '2026-11-30' });
		const board = offlineBoard(db, NOW);
		expect(board.opportunities).toEqual([open.id]);
		const pages = listOfflinePackPages([], board);
		expect(pages).toContain('/opportunities');
		expect(pages.filter((page) => page.startsWith('/opportunities/'))).toEqual([
			`/opportunities/${open.id}`
		]);
		const offersJson = '[]';
		const tag = offlinePackBundleTag(db, 'en', offersJson, board);
		// After its closing date it leaves the pack, and the tag tells phones.
		const later = offlineBoard(db, Date.UTC(2026, 11, 6, 12));
		expect(later.opportunities).toEqual([]);
		expect(offlinePackBundleTag(db, 'en', offersJson, later)).not.toBe(tag);
		// An edit reaches phones too.
		db.update(opportunity)
			.set({ updatedAt: new Date(NOW + 1000) })
			.where(eq(opportunity.id, open.id))
			.run();
		expect(offlinePackBundleTag(db, 'en', offersJson, offlineBoard(db, NOW))).not.toBe(tag);
	});

	it('holds the events to come, each leaving it when it ends', () => {
		const db = createTestDatabase();
		const { lead } = people(db);
		const event = (title: string, startsAt: number) =>
			db
				.insert(calendarEvent)
				.values({
					kind: 'drop-in',
					title,
					summary: 'A drop-in at the hub.',
					body: 'Come along.',
					startsAt: new Date(startsAt),
					endsAt: new Date(startsAt + 2 * 3_600_000),
					minAge: 16,
					maxAge: 25,
					statuses: ['relevant', 'former-relevant'],
					status: 'published',
					publishedAt: new Date(NOW - 1000),
					createdById: lead.id
				})
				.returning()
				.get();
		const soon = event('Soon', NOW + 86_400_000);
		const over = event('Over', NOW - 5 * 3_600_000);
		const board = offlineBoard(db, NOW);
		expect(board.events).toEqual([soon.id]);
		const pages = listOfflinePackPages([], board);
		expect(pages).toContain('/events');
		expect(pages).toContain(`/events/${soon.id}`);
		expect(pages).not.toContain(`/events/${over.id}`);
		// Once it has ended it leaves the pack, and the tag tells phones.
		const after = offlineBoard(db, NOW + 3 * 86_400_000);
		expect(after.events).toEqual([]);
		expect(offlinePackBundleTag(db, 'en', '[]', after)).not.toBe(
			offlinePackBundleTag(db, 'en', '[]', board)
		);
	});

	it('writes closing dates in the Gregorian calendar in every language', () => {
		expect(formatDayIn('fa', '2026-12-21')).toContain('۲۰۲۶');
		expect(formatDayIn('ar', '2026-12-21')).toContain('2026');
		expect(formatDayIn('en', '2026-12-21')).toBe('21 December 2026');
	});
});

describe('the board’s pages in the page cache', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('are kept for the day they were made on, and never with a personal filter', () => {
		const key = (address: string) => pageCacheKey(new URL(address, 'http://localhost'));
		vi.useFakeTimers({ now: NOW });
		expect(key('/opportunities')).toBe('/opportunities?day=2026-12-01');
		expect(key('/ar/opportunities/3?x=1')).toBe('/ar/opportunities/3?day=2026-12-01');
		expect(key('/opportunities?kind=job&utm=x')).toBe('/opportunities?kind=job&day=2026-12-01');
		expect(key('/opportunities?age=19')).toBeNull();
		expect(key('/opportunities?kind=nonsense')).toBeNull();
		vi.setSystemTime(Date.UTC(2026, 11, 2, 0, 1));
		expect(key('/opportunities')).toBe('/opportunities?day=2026-12-02');
	});
});
