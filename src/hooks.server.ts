import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import {
	deleteSessionTokenCookie,
	sessionCookieName,
	setSessionTokenCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { allowProviderSignInForm } from '$lib/server/auth/oidc';
import { seedDemoAnalytics } from '$lib/server/analytics/demo';
import { ANALYTICS_RETENTION_MONTHS, DEMO_MODE, ORIGIN, SECURE_COOKIES } from '$lib/server/config';
import { db } from '$lib/server/db';
import { startHousekeeping } from '$lib/server/housekeeping';
import { startMailWorker } from '$lib/server/mail';
import { getVapidKeys } from '$lib/server/push-subscriptions';
import { disableDemoAccounts, seedDemoAccounts, seedDemoRequests } from '$lib/server/demo';
import { seedDemoOpportunities } from '$lib/server/demo-board';
import { seedDemoEvents } from '$lib/server/demo-events';
import { seedDemoPledges } from '$lib/server/demo-pledges';
import { seedDemoKeepingInTouch } from '$lib/server/demo-keeping-in-touch';
import { seedDemoNews } from '$lib/server/demo-news';
import { seedSavedReplies } from '$lib/server/requests';
import {
	loadSeedFile,
	loadTranslationFiles,
	seedContent,
	seedTranslations
} from '$lib/server/seed';
import { baseSecurityHeaders, NON_PAGE_CSP } from '$lib/server/security-headers.js';
import { mfaRequired } from '$lib/server/users';
import { isPersonalPath } from '$lib/personal-paths';
import {
	handleLanguage,
	LANGUAGE_COOKIE,
	languageFromUrl,
	setOfferedLanguagesSource
} from '$lib/server/i18n';
import { getOfferedLanguages } from '$lib/server/settings';
import { cachedUntilWrite } from '$lib/server/db/cache';
import { m } from '$lib/paraglide/messages';
import { acceptsGzip, compressResponse } from '$lib/server/compress';
import {
	createCachedPageServer,
	createPageCache,
	offerCachedPageServer,
	mayOfferLanguage,
	pageCacheKey
} from '$lib/server/page-cache';

/** Runs once when the server starts: the schema is migrated on connect; now the content. */
export const init: ServerInit = async () => {
	setOfferedLanguagesSource(() =>
		cachedUntilWrite(db, 'offered-languages', () => getOfferedLanguages(db))
	);
	const seed = loadSeedFile();
	const { offersAdded } = seedContent(db, seed);
	seedTranslations(db, seed, loadTranslationFiles());
	// Made now, so GET /api/push only ever reads them.
	getVapidKeys(db);
	if (offersAdded > 0) {
		console.log(`Seeded ${offersAdded} offers from the content file.`);
	}
	if (DEMO_MODE) {
		const created = await seedDemoAccounts(db);
		seedSavedReplies(db);
		if (created > 0) {
			console.log(
				'Demo accounts (password care-leavers-demo-2026): demo-lead, demo-adviser, demo-adviser-2, demo-leaver, demo-leaver-2, demo-supporter'
			);
		}
		// The board first: the demo's usage includes reading it.
		seedDemoOpportunities(db);
		seedDemoAnalytics(db);
		seedDemoRequests(db);
		seedDemoEvents(db);
		seedDemoPledges(db);
		seedDemoKeepingInTouch(db);
		seedDemoNews(db);
	} else {
		const disabled = disableDemoAccounts(db);
		if (disabled > 0) {
			console.log(`Demo mode is off: ${disabled} demo accounts were turned off and signed out.`);
		}
	}
	// Every minute: expired sessions and spent invites go, new usage events are rolled up and
	// raw events past their retention are deleted.
	startHousekeeping(db, { retentionMonths: ANALYTICS_RETENTION_MONTHS });
	// With SMTP_URL set: staff email notices are sent from the queue, and "due soon" and the
	// weekly summary are looked for (src/lib/server/mail). Without it, nothing.
	startMailWorker(db);
};

const COOKIE = sessionCookieName(SECURE_COOKIES);

/** Reads the session cookie (Lucia's pattern) and keeps the sliding expiry in the cookie too. */
const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	event.locals.pendingMfa = null;
	const token = event.cookies.get(COOKIE);
	if (token) {
		const { session, user } = validateSessionToken(db, token);
		if (!session) {
			deleteSessionTokenCookie(event.cookies, SECURE_COOKIES);
		} else {
			setSessionTokenCookie(event.cookies, token, session.expiresAt, SECURE_COOKIES);
			if (!session.mfaVerified && mfaRequired(user, DEMO_MODE)) {
				// Password given, second step still owed: signed in to nothing else yet.
				event.locals.pendingMfa = { session, user };
			} else {
				event.locals.user = user;
				event.locals.session = session;
			}
		}
	}
	return resolve(event);
};

/** Nothing personal may be kept by the browser's or a proxy's cache. */
const handleCaching: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (event.locals.user || event.locals.pendingMfa || isPersonalPath(event.url.pathname)) {
		response.headers.set('cache-control', 'no-store');
	}
	return response;
};

/** Pages and JSON go gzipped to browsers that ask for it (the built files already are). */
const handleCompression: Handle = async ({ event, resolve }) =>
	compressResponse(event.request, await resolve(event));

const pageCache = createPageCache(db);
// scripts/start.js answers from the same cache before SvelteKit is asked.
offerCachedPageServer(createCachedPageServer(pageCache, COOKIE));

/**
 * Public pages for visitors who are not signed in: rendered once until the content changes
 * (src/lib/server/page-cache.ts), kept by the query parameters each page reads (pageCacheKey).
 * Anyone with a session cookie gets their own render.
 */
const handlePageCache: Handle = async ({ event, resolve }) => {
	if (
		event.request.method !== 'GET' ||
		event.cookies.get(COOKIE) ||
		event.isDataRequest ||
		isPersonalPath(event.url.pathname) ||
		mayOfferLanguage(
			event.url.pathname,
			event.request.headers.get('accept-language'),
			event.cookies.get(LANGUAGE_COOKIE)
		)
	) {
		return resolve(event);
	}
	const key = pageCacheKey(event.url);
	if (key === null) {
		return resolve(event);
	}
	return (
		pageCache.get(key, { gzip: acceptsGzip(event.request.headers.get('accept-encoding')) }) ??
		pageCache.put(key, await resolve(event))
	);
};

const SECURITY_HEADERS = Object.entries(baseSecurityHeaders(ORIGIN));

/**
 * nosniff, Referrer-Policy, Permissions-Policy and (over https) HSTS on every response. Pages get
 * their content security policy from SvelteKit (kit.csp in svelte.config.js); anything else gets
 * one that lets nothing run. Static files get the same from scripts/start.js.
 */
const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of SECURITY_HEADERS) {
		response.headers.set(name, value);
	}
	if (!response.headers.has('content-security-policy')) {
		response.headers.set('content-security-policy', NON_PAGE_CSP);
	}
	if (event.url.pathname === '/login') {
		allowProviderSignInForm(response.headers);
	}
	return response;
};

export const handle = sequence(
	handleCompression,
	handleSecurityHeaders,
	handleLanguage,
	handlePageCache,
	handleSession,
	handleCaching
);

/** Never show a stack trace to anyone: log it here, give people a kind sentence. */
export const handleError: HandleServerError = ({ error, status, event }) => {
	// In the page's language, whether or not the error came while the page was being made.
	const locale = languageFromUrl(event.url);
	if (status === 404) {
		return { message: m.error_not_found({}, { locale }) };
	}
	// The visitor's mistake (a method or content a page does not take, too big a body): nothing
	// broke, so nothing to log, and "on our side" would not be true.
	if (status === 413) {
		return { message: m.error_too_big({}, { locale }) };
	}
	if (status < 500) {
		return { message: m.error_could_not({}, { locale }) };
	}
	console.error(error);
	return { message: m.error_our_side({}, { locale }) };
};
