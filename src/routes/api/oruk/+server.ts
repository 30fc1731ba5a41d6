import { ORUK_OPENAPI_URL, ORUK_PROFILE, orukResponse } from '$lib/server/oruk';
import type { RequestHandler } from './$types';

/** Open Referral UK: what this API is (HSDS 3.0, UK profile). */
export const GET: RequestHandler = () =>
	orukResponse({ version: '3.0', profile: ORUK_PROFILE, openapi_url: ORUK_OPENAPI_URL });

// Clients are told the feed lives at /api/oruk/: answer there as well as at /api/oruk.
export const trailingSlash = 'ignore';
