import { and, eq, gt } from 'drizzle-orm';
import { addDays, londonTimeToUtc, londonToday, parseDay } from '$lib/london-time';
import { LEGAL_STATUSES } from '$lib/schemas/offer';
import type { EventKind } from '$lib/schemas/event';
import type { Database } from './db/connection';
import { calendarEvent } from './db/schema';
import { createEvent, goToEvent } from './events';
import { getUserByUsername } from './users';

type DemoEvent = {
	kind: EventKind;
	title: string;
	summary: string;
	body: string;
	place: string | null;
	access: string | null;
	capacity: number | null;
	/** Days from today, and London times in minutes after midnight. */
	inDays: number;
	starts: number;
	ends: number;
	/** Demo care leavers who have a place. */
	going: string[];
};

// Words in the style of Stockton's corporate parenting reports (care leavers' celebration event,
// the Let's Take Action participation group); places and times are examples for the demo.
const DEMO_EVENTS: DemoEvent[] = [
	{
		kind: 'celebration',
		title: 'Care leavers celebration event',
		summary: 'An evening to celebrate what care leavers have achieved this year.',
		body:
			'Our yearly celebration event for care leavers, with food, music and awards.\n\n' +
			'- Come on your own or bring a friend\n' +
			'- Your PA and the leaving care team will be there\n' +
			'- Members of the Corporate Parenting Board are invited to say well done\n\n' +
			'Tell us if you need help to get there. Your PA can help with travel.',
		place: 'Municipal Buildings, Church Road, Stockton-on-Tees',
		access:
			'Step-free entrance and lift. Accessible toilets. A quiet room is there if you need a break.',
		capacity: 40,
		inDays: 21,
		starts: 17 * 60,
		ends: 20 * 60,
		going: []
	},
	{
		kind: 'group',
		title: 'Let’s Take Action group meeting',
		summary: 'Have your say on the services for children in care and care leavers.',
		body:
			'Let’s Take Action is our group of care experienced young people. The group helps decide ' +
			'what the council does: it has helped shape foster carer training and top tips for social ' +
			'workers.\n\n' +
			'At this meeting we talk about the care leavers offer and what should change. Food is ' +
			'provided. New members are always welcome.',
		place: 'Stockton Central Library, Church Road, Stockton-on-Tees',
		access: 'Step-free access and accessible toilets. Close to the High Street bus stops.',
		capacity: null,
		inDays: 10,
		starts: 17 * 60 + 30,
		ends: 19 * 60,
		going: []
	},
	{
		kind: 'drop-in',
		title: 'Leaving care drop-in: help with forms',
		summary: 'Bring a letter or a form you are stuck with, and we will help you with it.',
		body:
			'No appointment needed. A member of the leaving care team sits with you and helps with ' +
			'letters, forms, benefits and bills.\n\n' +
			'Bring the letter or form, and your phone if the form is online.',
		place: 'Stockton Central Library, Church Road, Stockton-on-Tees',
		access: 'Step-free access. A private room is there if you want to talk on your own.',
		capacity: 1,
		inDays: 5,
		starts: 13 * 60,
		ends: 15 * 60,
		going: ['demo-leaver-2']
	}
];

/**
 * Three published events a few days to weeks from today, one of them full (its place held by
 * demo-leaver-2, never by demo-leaver, whose state other tests rely on). Demo mode only;
 * idempotent: an event is made again only when no upcoming one has its title (a demo left
 * running for weeks gets fresh dates on its next start).
 */
export function seedDemoEvents(db: Database, now = new Date()) {
	const lead = getUserByUsername(db, 'demo-lead');
	if (!lead) {
		return 0;
	}
	const today = londonToday(now);
	let created = 0;
	for (const demo of DEMO_EVENTS) {
		const upcoming = db
			.select({ id: calendarEvent.id })
			.from(calendarEvent)
			.where(and(eq(calendarEvent.title, demo.title), gt(calendarEvent.endsAt, now)))
			.get();
		if (upcoming) {
			continue;
		}
		const day = parseDay(addDays(today, demo.inDays));
		const event = createEvent(
			db,
			lead,
			{
				kind: demo.kind,
				title: demo.title,
				summary: demo.summary,
				body: demo.body,
				startsAt: new Date(londonTimeToUtc(day, demo.starts)),
				endsAt: new Date(londonTimeToUtc(day, demo.ends)),
				place: demo.place,
				access: demo.access,
				capacity: demo.capacity,
				minAge: 16,
				maxAge: 25,
				statuses: [...LEGAL_STATUSES],
				livesInArea: false,
				inEducation: false
			},
			'publish',
			now
		);
		for (const username of demo.going) {
			const leaver = getUserByUsername(db, username);
			if (leaver) {
				goToEvent(db, leaver, event.id, now);
			}
		}
		created += 1;
	}
	return created;
}
