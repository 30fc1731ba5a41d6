import { describe, expect, it } from 'vitest';
import { setting } from '$lib/server/db/schema';
import { getVapidKeys, readVapidPublicKey } from '$lib/server/push-subscriptions';
import { createTestDatabase } from './helpers';

describe('push keys', () => {
	it('are only read for GET /api/push: nothing is stored until the server makes them', () => {
		const db = createTestDatabase({ seed: false });
		expect(readVapidPublicKey(db)).toBeUndefined();
		expect(db.select().from(setting).all()).toEqual([]);
		const keys = getVapidKeys(db);
		expect(readVapidPublicKey(db)).toBe(keys.publicKey);
		expect(getVapidKeys(db)).toEqual(keys);
	});
});
