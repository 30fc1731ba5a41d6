import { json } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => {
	try {
		db.get(sql`SELECT 1`);
		return json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		console.error('Health check failed', error);
		return json({ ok: false }, { status: 503, headers: { 'cache-control': 'no-store' } });
	}
};
