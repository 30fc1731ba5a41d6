import { count } from 'drizzle-orm';
import { addDays, londonToday } from '$lib/london-time';
import type { LegalStatus } from '$lib/schemas/offer';
import type { OpportunityKind } from '$lib/schemas/opportunity';
import type { Database } from './db/connection';
import { opportunity } from './db/schema';
import { getCouncilSettings } from './settings';

const DAY_MS = 24 * 60 * 60 * 1000;
const LEFT_CARE: LegalStatus[] = ['relevant', 'former-relevant', 'qualifying'];
const EVERYONE: LegalStatus[] = ['eligible', 'relevant', 'former-relevant', 'qualifying'];

type DemoOpportunity = {
	kind: OpportunityKind;
	title: string;
	/** Null: the council itself. */
	organisation: string | null;
	summary: string;
	body: string;
	place: string | null;
	pay?: string;
	/** Days from today. */
	closesIn: number;
	startsIn?: number;
	publishedDaysAgo: number;
	ringFenced?: boolean;
	minAge?: number;
	maxAge?: number;
	statuses?: LegalStatus[];
	livesInArea?: boolean;
	steps: string[];
};

/**
 * The board a demo opens with: eight opportunities around today, two ring-fenced council
 * apprenticeships, two closing this week and one past its closing date (which the board no longer
 * shows). Plausible wording for a council's schemes; no figures are made up.
 */
const DEMO_OPPORTUNITIES: DemoOpportunity[] = [
	{
		kind: 'apprenticeship',
		title: 'Business administration apprenticeship',
		organisation: null,
		summary: 'Work in a council office, learn office skills and get paid while you study.',
		body: 'Join a friendly team in the council. You will answer queries, keep records and help run meetings.\n\nYou study for a Level 2 qualification one day a week. Your PA and an Employment Engagement Officer will support you all the way.',
		place: 'Municipal Buildings, Church Road',
		pay: 'Apprentice wage, rising after the first year',
		closesIn: 20,
		startsIn: 60,
		publishedDaysAgo: 2,
		ringFenced: true,
		statuses: LEFT_CARE,
		steps: [
			'Tap “I’m interested” so your PA knows',
			'Your PA helps you fill in the short application',
			'Come to an informal chat with the team'
		]
	},
	{
		kind: 'apprenticeship',
		title: 'Parks and green spaces apprenticeship',
		organisation: null,
		summary: 'Look after parks and open spaces outdoors, and gain a qualification in horticulture.',
		body: 'Spend your days outdoors planting, mowing and caring for the borough’s parks.\n\nYou get work clothes and training, and study for a qualification with a local college.',
		place: 'Council depot, with work across the borough',
		pay: 'Apprentice wage',
		closesIn: 34,
		startsIn: 75,
		publishedDaysAgo: 9,
		ringFenced: true,
		statuses: LEFT_CARE,
		steps: [
			'Tap “I’m interested” so your PA knows',
			'Visit the depot with your PA to see the work',
			'Fill in the application with help from your PA'
		]
	},
	{
		kind: 'work-experience',
		title: 'One week of work experience with the IT team',
		organisation: null,
		summary: 'Spend a week seeing how the council’s IT team fixes computers and builds websites.',
		body: 'A week of work experience, Monday to Friday, 10 am to 3 pm. You shadow the team, help set up laptops and try some simple coding.\n\nLunch and bus fares are paid.',
		place: 'Municipal Buildings, Church Road',
		pay: 'Unpaid. Lunch and bus fares paid',
		closesIn: 3,
		startsIn: 14,
		publishedDaysAgo: 12,
		ringFenced: true,
		statuses: EVERYONE,
		steps: ['Tap “I’m interested” so your PA knows', 'Your PA books your week with the team'],
		minAge: 16,
		maxAge: 21
	},
	{
		kind: 'job',
		title: 'Kitchen assistant, part time',
		organisation: 'A community café in the town centre',
		summary: 'Help prepare food and keep the kitchen clean, about 16 hours a week.',
		body: 'Friendly community café looking for a kitchen assistant. No experience needed: full training and a food hygiene certificate are given.',
		place: 'Town centre',
		pay: 'At least the National Minimum Wage for your age',
		closesIn: 5,
		publishedDaysAgo: 4,
		statuses: EVERYONE,
		steps: [
			'Ask your PA to help you write a short CV',
			'Send your CV to the café, or drop it in',
			'Go to a short interview'
		]
	},
	{
		kind: 'training',
		title: 'Introduction to construction skills',
		organisation: 'A local training provider',
		summary: 'A free five-week course to try bricklaying, joinery and painting.',
		body: 'Try different building trades in a real workshop. You get a Construction Skills Certification Scheme (CSCS) card test at the end.\n\nTravel costs can be paid.',
		place: 'A training centre in the town',
		pay: 'Free',
		closesIn: 14,
		startsIn: 28,
		publishedDaysAgo: 6,
		statuses: EVERYONE,
		steps: ['Tap “I’m interested” so your PA knows', 'Your PA books you onto the course'],
		minAge: 16,
		maxAge: 24
	},
	{
		kind: 'volunteering',
		title: 'Volunteer at the community food bank',
		organisation: 'The community food bank',
		summary: 'Help sort food and welcome visitors for a few hours a week. Good for your CV.',
		body: 'Choose the hours that suit you. You will sort donations, pack food parcels and welcome people.\n\nYou get a reference after three months.',
		place: 'Community hall',
		closesIn: 60,
		publishedDaysAgo: 20,
		statuses: EVERYONE,
		steps: ['Tap “I’m interested” so your PA knows', 'Meet the volunteer organiser'],
		minAge: 16,
		maxAge: 25
	},
	{
		kind: 'training',
		title: 'English and maths, Level 2, for adults',
		organisation: 'The council’s adult learning service',
		summary: 'Free evening classes to get your English and maths qualifications.',
		body: 'Small friendly classes, two evenings a week. Free for people living in the borough.',
		place: null,
		closesIn: 40,
		startsIn: 45,
		publishedDaysAgo: 15,
		statuses: ['former-relevant', 'qualifying'],
		livesInArea: true,
		steps: ['Tap “I’m interested” so your PA knows', 'Take a short, friendly skills check'],
		minAge: 19,
		maxAge: 25
	},
	{
		kind: 'job',
		title: 'Summer activity leader',
		organisation: null,
		summary: 'Lead games and activities for children at the council’s summer play schemes.',
		body: 'Help run fun summer activities for children. Training is given.',
		place: 'Play schemes across the borough',
		pay: 'Paid hourly',
		closesIn: -3,
		publishedDaysAgo: 40,
		statuses: LEFT_CARE,
		steps: ['Ask your PA to help you apply'],
		minAge: 18,
		maxAge: 25
	}
];

/** Seeds the demo board when it is empty (demo mode only). Idempotent. */
export function seedDemoOpportunities(db: Database, now = Date.now()) {
	const [{ existing }] = db.select({ existing: count() }).from(opportunity).all();
	if (existing > 0) {
		return 0;
	}
	const today = londonToday(now);
	const council = getCouncilSettings(db);
	db.transaction((tx) => {
		for (const item of DEMO_OPPORTUNITIES) {
			const published = new Date(now - item.publishedDaysAgo * DAY_MS);
			tx.insert(opportunity)
				.values({
					kind: item.kind,
					title: item.title,
					organisation: item.organisation ?? council.name,
					summary: item.summary,
					body: item.body,
					place: item.place,
					pay: item.pay ?? null,
					startsOn: item.startsIn === undefined ? null : addDays(today, item.startsIn),
					closesOn: addDays(today, item.closesIn),
					ringFenced: item.ringFenced ?? false,
					minAge: item.minAge ?? 16,
					maxAge: item.maxAge ?? 25,
					statuses: item.statuses ?? EVERYONE,
					livesInArea: item.livesInArea ?? false,
					inEducation: false,
					steps: item.steps,
					applyUrl: null,
					contacts: [{ name: 'Leaving care team', phone: council.phone }],
					status: 'published',
					publishedAt: published,
					createdAt: published,
					updatedAt: published
				})
				.run();
		}
	});
	return DEMO_OPPORTUNITIES.length;
}
