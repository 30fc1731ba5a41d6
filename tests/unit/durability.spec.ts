import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordEvents, validateEventBatch } from '$lib/server/analytics/ingest';
import { openDatabase } from '$lib/server/db/connection';
import { loadSeedFile, seedContent } from '$lib/server/seed';

const FULL = 2;

describe('durability of writes', () => {
	it('syncs every commit to disk, and relaxes it only for usage events', () => {
		const dir = mkdtempSync(join(tmpdir(), 'local-offer-durability-'));
		try {
			const db = openDatabase(join(dir, 'local-offer.db'));
			expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
			expect(db.$client.pragma('synchronous', { simple: true })).toBe(FULL);
			seedContent(db, loadSeedFile());
			const now = Date.now();
			const batch = validateEventBatch(
				db,
				{
					visitor: 'durability-visitor-1',
					events: [{ type: 'page_view', path: '/offers', at: new Date(now).toISOString() }]
				},
				now
			);
			expect(batch.ok).toBe(true);
			if (batch.ok) {
				recordEvents(db, batch.batch, batch.offerIds);
			}
			// Back to FULL for the next write, whoever makes it.
			expect(db.$client.pragma('synchronous', { simple: true })).toBe(FULL);
			db.$client.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
