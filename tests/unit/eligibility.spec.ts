import { describe, expect, it } from 'vitest';
import { ageOn, offerApplies, placeLegalStatus, type CareHistory } from '$lib/eligibility';

describe('placeLegalStatus', () => {
	it.each<[number, CareHistory, string]>([
		[15, 'in-care', 'too-young'],
		[15, 'left-care', 'too-young'],
		[16, 'in-care', 'eligible'],
		[16, 'left-care', 'relevant'],
		[16, 'short', 'qualifying'],
		[17, 'in-care', 'eligible'],
		[17, 'left-care', 'relevant'],
		[17, 'not-sure', 'relevant'],
		[18, 'in-care', 'former-relevant'],
		[18, 'left-care', 'former-relevant'],
		[18, 'short', 'qualifying'],
		[21, 'left-care', 'former-relevant'],
		[21, 'short', 'qualifying'],
		[24, 'left-care', 'former-relevant'],
		[24, 'not-sure', 'former-relevant'],
		[25, 'left-care', 'former-relevant'],
		[25, 'short', 'qualifying'],
		[26, 'left-care', 'too-old'],
		[26, 'short', 'too-old']
	])('places a %i-year-old who says %s as %s', (age, history, expected) => {
		const placement = placeLegalStatus(age, history);
		expect(placement.kind === 'status' ? placement.status : placement.kind).toBe(expected);
	});

	it('says when the status is a guess', () => {
		expect(placeLegalStatus(19, 'not-sure')).toEqual({
			kind: 'status',
			status: 'former-relevant',
			assumed: true
		});
	});
});

describe('offerApplies', () => {
	const councilTax = {
		minAge: 18,
		maxAge: 25,
		statuses: ['former-relevant', 'qualifying'] as const,
		livesInArea: true,
		inEducation: false,
		isParent: false
	};
	const person = {
		age: 19,
		status: 'former-relevant' as const,
		livesInArea: true,
		inEducation: false,
		isParent: false
	};

	it.each([
		['applies to a 19-year-old former relevant care leaver in the area', person, true],
		['not to someone outside the area', { ...person, livesInArea: false }, false],
		['not to a 17-year-old', { ...person, age: 17 }, false],
		['to a 25-year-old', { ...person, age: 25 }, true],
		['not to a 26-year-old', { ...person, age: 26 }, false],
		['not to an eligible young person', { ...person, status: 'eligible' as const }, false],
		['and ignores conditions the offer does not set', { ...person, inEducation: true }, true]
	])('%s', (_name, who, expected) => {
		expect(offerApplies(councilTax, who)).toBe(expected);
	});

	it('requires education and parenthood only when the offer does', () => {
		const bursary = { ...councilTax, livesInArea: false, inEducation: true };
		expect(offerApplies(bursary, { ...person, inEducation: false })).toBe(false);
		expect(offerApplies(bursary, { ...person, inEducation: true })).toBe(true);
		const parents = { ...councilTax, livesInArea: false, isParent: true };
		expect(offerApplies(parents, person)).toBe(false);
		expect(offerApplies(parents, { ...person, isParent: true })).toBe(true);
	});
});

describe('ageOn', () => {
	const today = new Date('2026-11-23T12:00:00Z');

	it.each([
		['2007-11-23', 19],
		['2007-11-24', 18],
		['2010-11-23', 16],
		['2010-11-24', 15],
		['2000-11-23', 26],
		['2000-11-24', 25]
	])('makes someone born on %s aged %i', (dob, age) => {
		expect(ageOn(dob, today)).toBe(age);
	});

	it.each(['', 'yesterday', '2007-02-30', '2007-13-01', '3000-01-01', '19-11-2007'])(
		'refuses %j',
		(dob) => {
			expect(ageOn(dob, today)).toBeNull();
		}
	);
});
