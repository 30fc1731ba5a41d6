import { error } from '@sveltejs/kit';
import { TRANSLATED_LANGUAGE_CODES, type LanguageCode } from '$lib/languages';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { exportXliff } from '$lib/server/xliff';
import type { RequestHandler } from './$types';

/**
 * /lead/translations/export?language=ar — what needs translating in one language as XLIFF 2.0
 * (`&everything=1` for every text). One language a file: the page links to each. A read only,
 * so nothing is written, not even to the audit trail.
 */
export const GET: RequestHandler = (event) => {
	requireRole(event, 'lead');
	const language = event.url.searchParams.get('language');
	if (!language || !(TRANSLATED_LANGUAGE_CODES as readonly string[]).includes(language)) {
		error(400, `Choose a language to export: ${TRANSLATED_LANGUAGE_CODES.join(', ')}.`);
	}
	const everything = event.url.searchParams.get('everything') === '1';
	const { xml } = exportXliff(db, language as LanguageCode, { everything });
	return new Response(xml, {
		headers: {
			'content-type': 'application/xliff+xml; charset=utf-8',
			'content-disposition': `attachment; filename="local-offer-${language}${everything ? '-all' : ''}.xlf"`,
			'cache-control': 'no-store'
		}
	});
};
