import { describe, expect, it } from 'vitest';
import { findVoice } from '$lib/read-aloud';

const voices = [
	{ name: 'Google US English', lang: 'en-US', localService: false },
	{ name: 'Daniel', lang: 'en-GB', localService: true },
	{ name: 'Maged', lang: 'ar-SA', localService: true },
	{ name: 'Linh', lang: 'vi_VN', localService: false }
];

describe('the voice a page is read in', () => {
	it('is the exact variety when the phone has it', () => {
		expect(findVoice(voices, 'en-GB')?.name).toBe('Daniel');
	});

	it('is any voice of the language otherwise, one on the phone first', () => {
		expect(findVoice(voices, 'en')?.name).toBe('Daniel');
		expect(findVoice(voices, 'ar')?.name).toBe('Maged');
		expect(findVoice(voices, 'vi')?.name).toBe('Linh');
	});

	it('is none when the phone cannot speak the language: the Listen button is not shown', () => {
		expect(findVoice(voices, 'ti')).toBeNull();
		expect(findVoice([], 'en-GB')).toBeNull();
	});
});
