import { describe, expect, it } from 'vitest';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '$lib/server/bank-holidays';

/** Response times skip bank holidays: a table that has run out counts them as working days. */
describe('England and Wales bank holidays', () => {
	it('reach at least 12 months past today (extend the table from GOV.UK when this fails)', () => {
		// The real clock on purpose: this test is the reminder to add next year's dates.
		const inAYear = new Date();
		inAYear.setUTCFullYear(inAYear.getUTCFullYear() + 1);
		const last = ENGLAND_AND_WALES_BANK_HOLIDAYS.at(-1) ?? '';
		expect(last >= inAYear.toISOString().slice(0, 10), `the table ends on ${last}`).toBe(true);
	});

	it('are real dates on weekdays, each once and in order', () => {
		for (const date of ENGLAND_AND_WALES_BANK_HOLIDAYS) {
			const day = new Date(`${date}T12:00:00Z`);
			expect(day.toISOString().slice(0, 10), date).toBe(date);
			expect([1, 2, 3, 4, 5], `${date} is a weekday`).toContain(day.getUTCDay());
		}
		expect([...ENGLAND_AND_WALES_BANK_HOLIDAYS]).toEqual(
			[...new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS)].sort()
		);
	});
});
