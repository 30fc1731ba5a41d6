import { describe, expect, it } from 'vitest';
import { DEFAULT_RESPONSE_TARGETS } from '$lib/schemas/requests';
import { dueAt, isOverdue } from '$lib/server/requests';
import { londonTimeToUtc } from '$lib/london-time';
import { addWorkingTime, workingTimeBetween } from '$lib/server/working-time';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const targets = DEFAULT_RESPONSE_TARGETS;

function request(
	createdAt: string,
	urgent: boolean,
	extra: Partial<{ pausedWorkingMs: number; waitingSince: Date | null }> = {}
) {
	return {
		createdAt: new Date(createdAt),
		urgent,
		pausedWorkingMs: extra.pausedWorkingMs ?? 0,
		waitingSince: extra.waitingSince ?? null,
		firstResponseAt: null,
		status: 'new' as const
	};
}

describe('UK working time', () => {
	it('knows UK wall-clock time in winter and summer', () => {
		expect(iso(londonTimeToUtc({ year: 2026, month: 1, day: 12 }, 9 * 60))).toBe(
			'2026-01-12T09:00:00.000Z'
		);
		expect(iso(londonTimeToUtc({ year: 2026, month: 7, day: 13 }, 9 * 60))).toBe(
			'2026-07-13T08:00:00.000Z'
		);
	});

	it.each([
		// [what, start (UTC), working hours to add, expected end (UTC)]
		['inside one day', '2026-11-23T10:00:00Z', 4, '2026-11-23T14:00:00.000Z'],
		['into the next morning', '2026-11-23T15:00:00Z', 4, '2026-11-24T11:00:00.000Z'],
		['from an evening', '2026-11-23T19:30:00Z', 4, '2026-11-24T13:00:00.000Z'],
		['from early morning', '2026-11-24T06:00:00Z', 1, '2026-11-24T10:00:00.000Z'],
		['over a weekend', '2026-11-27T15:00:00Z', 4, '2026-11-30T11:00:00.000Z'],
		['from a Saturday', '2026-11-28T10:00:00Z', 4, '2026-11-30T13:00:00.000Z'],
		['over Christmas bank holidays', '2026-12-24T15:00:00Z', 4, '2026-12-29T11:00:00.000Z'],
		['over Easter 2027', '2027-03-25T15:00:00Z', 4, '2027-03-30T10:00:00.000Z'],
		// Clocks go forward on 29 March 2026: 09:00 UK is 08:00 UTC from the Monday.
		['across the March clock change', '2026-03-27T15:00:00Z', 4, '2026-03-30T10:00:00.000Z'],
		// Clocks go back on 25 October 2026: 09:00 UK is 09:00 UTC again from the Monday.
		['across the October clock change', '2026-10-23T14:00:00Z', 4, '2026-10-26T11:00:00.000Z']
	])('adds working hours %s', (_what, start, hours, expected) => {
		expect(iso(addWorkingTime(at(start), hours * HOUR))).toBe(expected);
	});

	it('counts working time between two instants, skipping nights, weekends and holidays', () => {
		expect(workingTimeBetween(at('2026-11-27T16:00:00Z'), at('2026-11-30T10:00:00Z'))).toBe(
			2 * HOUR
		);
		expect(workingTimeBetween(at('2026-12-24T16:00:00Z'), at('2026-12-29T10:00:00Z'))).toBe(
			2 * HOUR
		);
		expect(workingTimeBetween(at('2026-11-30T10:00:00Z'), at('2026-11-30T09:00:00Z'))).toBe(0);
	});
});

describe('response targets', () => {
	it('gives urgent requests 4 working hours', () => {
		expect(iso(dueAt(request('2026-11-23T16:00:00Z', true), targets).getTime())).toBe(
			'2026-11-24T12:00:00.000Z'
		);
	});

	it('gives other requests 2 working days', () => {
		expect(iso(dueAt(request('2026-11-27T11:00:00Z', false), targets).getTime())).toBe(
			'2026-12-01T11:00:00.000Z'
		);
	});

	it('pauses the clock while waiting for the young person', () => {
		const waiting = request('2026-11-23T10:00:00Z', true, {
			waitingSince: new Date('2026-11-23T11:00:00Z')
		});
		// Two working hours of waiting have passed by 13:00, so the 14:00 due time moves to 16:00.
		expect(iso(dueAt(waiting, targets, at('2026-11-23T13:00:00Z')).getTime())).toBe(
			'2026-11-23T16:00:00.000Z'
		);
		expect(isOverdue({ ...waiting, status: 'waiting' }, targets, at('2026-11-25T13:00:00Z'))).toBe(
			false
		);
		const resumed = request('2026-11-23T10:00:00Z', true, { pausedWorkingMs: 2 * HOUR });
		expect(iso(dueAt(resumed, targets).getTime())).toBe('2026-11-23T16:00:00.000Z');
	});

	it('is overdue only after the due time, and never once answered', () => {
		const urgent = request('2026-11-23T10:00:00Z', true);
		expect(isOverdue(urgent, targets, at('2026-11-23T13:59:00Z'))).toBe(false);
		expect(isOverdue(urgent, targets, at('2026-11-23T14:01:00Z'))).toBe(true);
		expect(
			isOverdue(
				{ ...urgent, firstResponseAt: new Date('2026-11-23T11:00:00Z') },
				targets,
				at('2026-11-24T10:00:00Z')
			)
		).toBe(false);
	});
});
