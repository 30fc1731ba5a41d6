import { describe, expect, it } from 'vitest';
import { parseCheckAnswers } from '$lib/schemas/check';

describe("the checker's answers", () => {
	it('reads an age and ticked boxes from the query string', () => {
		expect(parseCheckAnswers({ age: ' 19 ', history: 'left-care', livesInArea: 'yes' })).toEqual({
			success: true,
			data: {
				age: 19,
				dob: undefined,
				history: 'left-care',
				livesInArea: true,
				inEducation: false,
				isParent: false
			}
		});
	});

	it('takes a date of birth instead of an age', () => {
		const result = parseCheckAnswers({ age: '', dob: '2006-03-27', history: 'in-care' });
		expect(result.success && result.data).toMatchObject({ age: undefined, dob: '2006-03-27' });
	});

	it.each([
		[{ age: 'abc', history: 'left-care' }, { age: ['Enter your age as a whole number, like 19'] }],
		[{ age: '1234', history: 'left-care' }, { age: ['Enter your age as a whole number, like 19'] }],
		[{ age: '', dob: '', history: 'left-care' }, { age: ['Enter your age or your date of birth'] }],
		[{ age: '19' }, { history: ['Choose the answer that sounds most like you'] }],
		[
			{ age: 'x', history: 'sometime' },
			{
				age: ['Enter your age as a whole number, like 19'],
				history: ['Choose the answer that sounds most like you']
			}
		],
		[
			{ dob: '2006-03-27T00:00:00.000Z+01', history: 'left-care' },
			{ dob: ['Enter your date of birth as a real date, like 2006-03-27'] }
		]
	])('explains what is wrong with %o', (answers, errors) => {
		expect(parseCheckAnswers(answers)).toEqual({ success: false, errors });
	});
});
