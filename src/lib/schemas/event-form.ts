import { z } from 'zod';
import { londonTimeToUtc, londonWallClock, parseDay, toDayString } from '$lib/london-time';
import { markdownShapeProblem } from '$lib/markdown-limits';
import { EVENT_KINDS } from './event';
import { legalStatusSchema } from './offer';

/** Bodies longer than this are refused: an event page is read on a phone on the way there. */
export const EVENT_BODY_MAX = 10_000;
/** More places than any venue the council books; a typo of an extra nought is caught. */
export const EVENT_CAPACITY_MAX = 1000;

/** The lead's form as typed (strings and ticks), so a refused form comes back unchanged. */
export type EventFormValues = {
	title: string;
	kind: string;
	summary: string;
	body: string;
	/** YYYY-MM-DD, a London date. */
	date: string;
	/** HH:MM, London time. */
	startTime: string;
	endTime: string;
	place: string;
	access: string;
	capacity: string;
	minAge: string;
	maxAge: string;
	statuses: string[];
	livesInArea: boolean;
	inEducation: boolean;
};

const ECHO_MAX = 12_000;

function text(form: FormData, name: string, max = ECHO_MAX) {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, max) : '';
}

export function readEventForm(form: FormData): EventFormValues {
	return {
		title: text(form, 'title', 400),
		kind: text(form, 'kind', 20),
		summary: text(form, 'summary', 1000),
		body: text(form, 'body'),
		date: text(form, 'date', 20),
		startTime: text(form, 'startTime', 10),
		endTime: text(form, 'endTime', 10),
		place: text(form, 'place', 1000),
		access: text(form, 'access', 2000),
		capacity: text(form, 'capacity', 10),
		minAge: text(form, 'minAge', 10),
		maxAge: text(form, 'maxAge', 10),
		statuses: form
			.getAll('statuses')
			.filter((value): value is string => typeof value === 'string')
			.slice(0, 4),
		livesInArea: form.get('livesInArea') === 'on',
		inEducation: form.get('inEducation') === 'on'
	};
}

/**
 * Raw HTML shows as text on the page anyway (src/lib/server/markdown.ts); refusing it here tells
 * the lead at once, beside the field, instead of publishing something that looks broken.
 */
const UNSAFE_MARKUP =
	/<\s*\/?\s*(script|iframe|object|embed|style|form)\b|javascript\s*:|vbscript\s*:|data\s*:\s*text\/html/i;

function words(what: string, min: number, max: number) {
	return z
		.string()
		.trim()
		.min(min, min <= 1 ? `Enter ${what}` : `Write at least ${min} characters`)
		.max(max, `Use at most ${max} characters`)
		.refine((value) => !UNSAFE_MARKUP.test(value), {
			message: 'This cannot contain scripts or javascript: links'
		});
}

const ageSchema = z.coerce
	.number({ error: 'Enter an age from 14 to 25, in numbers' })
	.int('Enter a whole number')
	.min(14, 'Enter an age from 14 to 25')
	.max(25, 'Enter an age from 14 to 25');

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const isTime = (value: unknown): value is string => typeof value === 'string' && TIME.test(value);
const timeSchema = z.string().regex(TIME, 'Enter a time like 18:00 (24-hour clock)');

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** An empty box means "no limit" (null); anything else must be a whole number of places. */
const capacitySchema = z
	.string()
	.trim()
	.transform((value) => (value === '' ? null : Number(value)))
	.pipe(
		z
			.number({ error: 'Enter the number of places in numbers, or leave it empty for no limit' })
			.int('Enter a whole number of places')
			.min(1, 'Enter at least 1 place, or leave it empty for no limit')
			.max(EVENT_CAPACITY_MAX, `Enter at most ${EVENT_CAPACITY_MAX} places`)
			.nullable()
	);

const optionalWords = (what: string, max: number) =>
	words(what, 0, max).transform((value) => (value === '' ? null : value));

export const eventFormSchema = z
	.object({
		title: words('a title', 3, 90),
		kind: z.enum(EVENT_KINDS, { error: 'Choose what kind of event it is' }),
		summary: words('a one-sentence summary', 10, 200),
		body: words('what happens there', 20, EVENT_BODY_MAX).superRefine((value, context) => {
			const problem = markdownShapeProblem(value);
			if (problem) {
				context.addIssue({ code: 'custom', message: problem });
			}
		}),
		date: z.iso.date('Enter the date, like 2026-12-19'),
		startTime: timeSchema,
		endTime: timeSchema,
		place: optionalWords('the place', 300),
		access: optionalWords('access information', 1000),
		capacity: capacitySchema,
		minAge: ageSchema,
		maxAge: ageSchema,
		statuses: z
			.array(legalStatusSchema, { error: 'Choose who can come' })
			.min(1, 'Choose at least one group of care leavers')
			.max(4),
		livesInArea: z.boolean(),
		inEducation: z.boolean()
	})
	// These two run even when another field is wrong (`when`), so the lead sees every problem at
	// once; each checks only when both of its own fields are valid.
	.refine(
		(form) =>
			!Number.isInteger(form.minAge) ||
			!Number.isInteger(form.maxAge) ||
			form.minAge <= form.maxAge,
		{
			message: 'The youngest age must not be more than the oldest age',
			path: ['maxAge'],
			when: () => true
		}
	)
	.refine(
		(form) =>
			!isTime(form.startTime) ||
			!isTime(form.endTime) ||
			minutesOf(form.endTime) > minutesOf(form.startTime),
		{
			message: 'The end time must be after the start time',
			path: ['endTime'],
			when: () => true
		}
	)
	.transform(({ date, startTime, endTime, ...rest }) => ({
		...rest,
		// The form's times are London wall-clock times: stored as the instants they are (UTC).
		startsAt: new Date(londonTimeToUtc(parseDay(date), minutesOf(startTime))),
		endsAt: new Date(londonTimeToUtc(parseDay(date), minutesOf(endTime)))
	}));

export type EventContent = z.output<typeof eventFormSchema>;

export function emptyEventForm(): EventFormValues {
	return {
		title: '',
		kind: '',
		summary: '',
		body: '',
		date: '',
		startTime: '',
		endTime: '',
		place: '',
		access: '',
		capacity: '',
		minAge: '16',
		maxAge: '25',
		statuses: ['eligible', 'relevant', 'former-relevant', 'qualifying'],
		livesInArea: false,
		inEducation: false
	};
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The form a lead sees for an event as it is stored (times back in London's wall clock). */
export function toEventFormValues(event: {
	title: string;
	kind: string;
	summary: string;
	body: string;
	startsAt: Date;
	endsAt: Date;
	place: string | null;
	access: string | null;
	capacity: number | null;
	minAge: number;
	maxAge: number;
	statuses: readonly string[];
	livesInArea: boolean;
	inEducation: boolean;
}): EventFormValues {
	const start = londonWallClock(event.startsAt);
	const end = londonWallClock(event.endsAt);
	return {
		title: event.title,
		kind: event.kind,
		summary: event.summary,
		body: event.body,
		date: toDayString(start),
		startTime: `${pad(start.hour)}:${pad(start.minute)}`,
		endTime: `${pad(end.hour)}:${pad(end.minute)}`,
		place: event.place ?? '',
		access: event.access ?? '',
		capacity: event.capacity === null ? '' : String(event.capacity),
		minAge: String(event.minAge),
		maxAge: String(event.maxAge),
		statuses: [...event.statuses],
		livesInArea: event.livesInArea,
		inEducation: event.inEducation
	};
}
