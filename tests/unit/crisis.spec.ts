import { describe, expect, it } from 'vitest';
import { containsCrisisWords, findCrisisWords } from '$lib/crisis';

describe('crisis words', () => {
	it.each([
		'I want to kill myself',
		'i want to KILL MYSELF!!!',
		'thinking about   suicide',
		'Suicidal again.',
		'I took an overdose',
		"I'm not safe at home",
		'im not   safe',
		"I'm homeless tonight",
		'homeless... tonight',
		'I keep wanting to self-harm',
		'self harm',
		'I just want to end it all',
		'I have nowhere to sleep'
	])('finds them in %j', (text) => {
		expect(containsCrisisWords(text)).toBe(true);
	});

	it.each([
		'I need to kill time before my appointment',
		'Can I get help with my gas bill?',
		'Is the safety deposit covered?',
		'My house is unsafe-ish? no it is fine'.replace('unsafe-ish', 'messy'),
		'I killed it at my interview',
		'homeless people in town need help',
		''
	])('raises no false alarm for %j', (text) => {
		expect(containsCrisisWords(text)).toBe(false);
	});

	it('lists what it found', () => {
		expect(findCrisisWords('Not safe. Thinking of suicide.')).toEqual(['suicide', 'not safe']);
	});
});
