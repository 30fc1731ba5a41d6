import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gunzipSync } from 'node:zlib';
import { fillGzipTemplate, gzipTemplate } from '$lib/server/gzip-template';

const joined = (parts: Buffer[], fill: Buffer) =>
	Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [fill, part])));

describe('gzip made once, with holes filled per answer', () => {
	it('unzips to the parts joined around the fill, whatever they hold', () => {
		fc.assert(
			fc.property(
				fc.array(fc.string({ unit: 'binary', maxLength: 3000 }), { minLength: 1, maxLength: 6 }),
				fc.uint8Array({ maxLength: 64 }),
				(texts, fillBytes) => {
					const parts = texts.map((text) => Buffer.from(text));
					const fill = Buffer.from(fillBytes);
					const zipped = fillGzipTemplate(gzipTemplate(parts), fill);
					expect(gunzipSync(zipped).equals(joined(parts, fill))).toBe(true);
				}
			),
			{ numRuns: 100 }
		);
	});

	it('compresses a real page, and each fill changes only its own bytes', () => {
		const page = `<!doctype html><script nonce="HOLE">start()</script>${'<li>An offer for you</li>'.repeat(
			2000
		)}<link nonce="HOLE">`;
		const parts = page.split('HOLE').map((part) => Buffer.from(part));
		const template = gzipTemplate(parts);
		const first = fillGzipTemplate(template, Buffer.from('aaaaaaaaaaaaaaaaaaaaaa=='));
		const second = fillGzipTemplate(template, Buffer.from('bbbbbbbbbbbbbbbbbbbbbb=='));
		expect(first.length).toBeLessThan(page.length / 20);
		expect(gunzipSync(first).toString()).toBe(page.replaceAll('HOLE', 'aaaaaaaaaaaaaaaaaaaaaa=='));
		expect(gunzipSync(second).toString()).toBe(page.replaceAll('HOLE', 'bbbbbbbbbbbbbbbbbbbbbb=='));
	});

	it('refuses a fill too long for one stored block', () => {
		expect(() => fillGzipTemplate(gzipTemplate([Buffer.from('a')]), Buffer.alloc(70_000))).toThrow(
			RangeError
		);
	});
});
