import Sqlite from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cachedUntilWrite } from '$lib/server/db/cache';
import { openDatabase } from '$lib/server/db/connection';
import { offer } from '$lib/server/db/schema';
import { listPublishedOffers } from '$lib/server/offers';
import { createTestDatabase } from './helpers';

const titles = (db: ReturnType<typeof createTestDatabase>) =>
	cachedUntilWrite(db, 'titles', () => listPublishedOffers(db).map((item) => item.title));

describe('content cached until the database changes', () => {
	it('computes once while nothing is written', () => {
		const db = createTestDatabase();
		const compute = vi.fn(() => 42);
		expect(cachedUntilWrite(db, 'answer', compute)).toBe(42);
		expect(cachedUntilWrite(db, 'answer', compute)).toBe(42);
		expect(compute).toHaveBeenCalledTimes(1);
	});

	it('shows an edited offer on the very next read', () => {
		const db = createTestDatabase();
		const before = titles(db);
		const [first] = listPublishedOffers(db);
		db.update(offer).set({ title: 'A new title' }).where(eq(offer.id, first.id)).run();
		expect(titles(db)).toContain('A new title');
		expect(titles(db)).not.toEqual(before);
		db.update(offer).set({ published: false }).where(eq(offer.id, first.id)).run();
		expect(titles(db)).not.toContain('A new title');
	});

	it('is not emptied by usage events, sign-ins or messages, only by content', () => {
		const db = createTestDatabase();
		const compute = vi.fn(() => 'page');
		cachedUntilWrite(db, 'page', compute);
		db.$client
			.prepare(
				"INSERT INTO analytics_event (at, visitor_hash, type, path) VALUES (0, 1, 'page_view', '/')"
			)
			.run();
		db.$client.prepare('DELETE FROM session').run();
		cachedUntilWrite(db, 'page', compute);
		expect(compute).toHaveBeenCalledTimes(1);

		db.$client.prepare("UPDATE category SET name = name || '!' WHERE slug = 'money'").run();
		cachedUntilWrite(db, 'page', compute);
		expect(compute).toHaveBeenCalledTimes(2);
	});

	it('sees a change committed by another process', () => {
		const dir = mkdtempSync(join(tmpdir(), 'local-offer-cache-'));
		try {
			const path = join(dir, 'local-offer.db');
			const db = openDatabase(path);
			const compute = vi.fn(() => db.$client.prepare('SELECT count(*) FROM setting').pluck().get());
			expect(cachedUntilWrite(db, 'settings', compute)).toBe(0);
			const other = new Sqlite(path);
			other.prepare("INSERT INTO setting (key, value, updated_at) VALUES ('other', '{}', 0)").run();
			other.close();
			expect(cachedUntilWrite(db, 'settings', compute)).toBe(1);
			expect(compute).toHaveBeenCalledTimes(2);
			db.$client.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('never keeps "not found", nor anything read inside a transaction', () => {
		const db = createTestDatabase();
		const missing = vi.fn(() => undefined);
		cachedUntilWrite(db, 'offer:no-such-offer', missing);
		cachedUntilWrite(db, 'offer:no-such-offer', missing);
		expect(missing).toHaveBeenCalledTimes(2);

		const inside = vi.fn(() => 'draft');
		db.transaction(() => {
			cachedUntilWrite(db, 'draft', inside);
		});
		expect(cachedUntilWrite(db, 'draft', () => 'committed')).toBe('committed');
	});
});
