import { json } from '@sveltejs/kit';
import { isDatabaseAnswering } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	isDatabaseAnswering()
		? json({ ok: true }, { headers: { 'cache-control': 'no-store' } })
		: json({ ok: false }, { status: 503, headers: { 'cache-control': 'no-store' } });
