import { describe, expect, it } from 'vitest';
import { listPublishedOffers } from '$lib/server/offers';
import { buildSearchQuery, searchTerms } from '$lib/server/search';
import { createTestDatabase } from './helpers';

const db = createTestDatabase();
const search = (q: string) => listPublishedOffers(db, { q });

describe('buildSearchQuery', () => {
	it('makes every word a quoted prefix match, joined with AND', () => {
		expect(buildSearchQuery('Council Tax')).toBe('"council"* AND "tax"*');
	});

	it('adds the words the offer uses for words young people use', () => {
		expect(buildSearchQuery('flat')).toBe(
			'("flat"* OR "accommodation"* OR "housing"* OR "home"* OR "tenancy"*)'
		);
	});

	it('has nothing to search for in punctuation alone', () => {
		expect(buildSearchQuery('"*()-^:')).toBeNull();
		expect(buildSearchQuery('')).toBeNull();
	});

	it('keeps FTS5 operators typed by people as plain words', () => {
		expect(buildSearchQuery('NEAR(money tax')).toBe('"near"* AND "money"* AND "tax"*');
		expect(searchTerms('a OR b')).toEqual(['a', 'or', 'b']);
	});

	it('bounds the number and length of words', () => {
		expect(searchTerms('one two three four five six seven eight nine ten')).toHaveLength(8);
		expect(searchTerms('x'.repeat(41))).toEqual([]);
	});
});

describe('searching the offer', () => {
	it('finds council tax', () => {
		expect(search('council tax').map((o) => o.slug)).toContain('council-tax-exemption');
	});

	it('ranks a title match first', () => {
		expect(search('council tax')[0].slug).toBe('council-tax-exemption');
	});

	it('matches the start of a word', () => {
		expect(search('coun').map((o) => o.slug)).toContain('council-tax-exemption');
		expect(search('bursar').map((o) => o.slug)).toContain('higher-education-bursary');
	});

	it.each([
		['flat', 'accommodation'],
		['house', 'accommodation'],
		['job', 'employment'],
		['cash', 'money']
	])('finds %s in the %s part of the offer', (word, category) => {
		const found = search(word);
		expect(found.length).toBeGreaterThan(0);
		expect(found.some((o) => o.category === category)).toBe(true);
	});

	it('finds nothing for a word that is nowhere', () => {
		expect(search('xylophonequartz')).toEqual([]);
	});

	it.each([
		['a lone quote', '"'],
		['a star', '*'],
		['an unclosed NEAR', 'NEAR('],
		['column filters', 'title:money body:tax'],
		['10,000 characters', 'money '.repeat(1667)],
		['SQL', "'; DROP TABLE offer; --"],
		['control characters', '\u0000\u0007money\u001b'],
		['emoji', '💸🏠']
	])('copes with %s', (_name, q) => {
		expect(() => search(q)).not.toThrow();
	});

	it('never returns drafts', () => {
		const everything = listPublishedOffers(db);
		expect(everything.every((o) => o.published)).toBe(true);
	});

	it('narrows by category and age', () => {
		const money = listPublishedOffers(db, { category: 'money' });
		expect(money.length).toBeGreaterThan(0);
		expect(money.every((o) => o.category === 'money')).toBe(true);
		const at16 = listPublishedOffers(db, { age: 16 });
		expect(at16.every((o) => o.minAge <= 16 && o.maxAge >= 16)).toBe(true);
		expect(at16.map((o) => o.slug)).not.toContain('council-tax-exemption');
	});
});
