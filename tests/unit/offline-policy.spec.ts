import { describe, expect, it } from 'vitest';
import { listPublicOfferSummaries } from '$lib/server/offers';
import {
	dataUrlFor,
	ignoresQuery,
	isCacheableResponse,
	isPersonalPath,
	isRouteRequest,
	listOfflinePackPages,
	listPageStylesheets,
	pageForDataUrl,
	shouldCheckForChanges,
	UNRESOLVED_ROUTE_MODULE
} from '../../src/service-worker/policy';
import { createTestDatabase } from './helpers';

describe('the offline pack', () => {
	const offers = listPublicOfferSummaries(createTestDatabase());
	const pages = listOfflinePackPages(offers);

	it('holds every published offer, each topic, the list, the checker, urgent help and /offline', () => {
		for (const offer of offers) {
			expect(pages).toContain(`/offers/${offer.slug}`);
		}
		for (const slug of [
			'money',
			'accommodation',
			'education',
			'employment',
			'health',
			'relationships',
			'having-your-say'
		]) {
			expect(pages).toContain(`/offers?category=${slug}`);
		}
		for (const page of [
			'/',
			'/offers',
			'/check',
			'/help',
			'/privacy',
			'/whats-new',
			'/you-said-we-did',
			'/offline'
		]) {
			expect(pages).toContain(page);
		}
		expect(new Set(pages).size).toBe(pages.length);
	});

	it('never holds a personal page', () => {
		expect(pages.filter((page) => isPersonalPath(new URL(page, 'http://x').pathname))).toEqual([]);
	});
});

describe('personal paths', () => {
	it.each([
		['/requests', true],
		['/requests/new', true],
		['/saved', true],
		['/account/mfa', true],
		['/staff/leavers/3', true],
		['/lead', true],
		['/login', true],
		['/join', true],
		['/logout', true],
		['/', false],
		['/offers', false],
		['/offers/leaders-of-tomorrow', false],
		['/help', false],
		['/leadership', false]
	])('%s is personal: %s', (path, personal) => {
		expect(isPersonalPath(path)).toBe(personal);
	});
});

describe('what may be saved on the phone', () => {
	it.each([
		[200, {}, true],
		[200, { 'cache-control': 'public, max-age=300' }, true],
		[200, { 'cache-control': 'no-store' }, false],
		[200, { 'cache-control': 'private, no-store' }, false],
		[200, { 'cache-control': 'max-age=0,no-store' }, false],
		[404, {}, false],
		[500, {}, false]
	])('a %i with %o: %s', (status, headers, expected) => {
		expect(isCacheableResponse(new Response('x', { status, headers }))).toBe(expected);
	});
});

describe('SvelteKit data URLs', () => {
	it.each([
		['/', '/__data.json'],
		['/offers', '/offers/__data.json'],
		['/offers?category=money', '/offers/__data.json?category=money']
	])('%s loads its data from %s', (page, data) => {
		expect(dataUrlFor(page)).toBe(data);
	});

	it('maps a router request back to its page without the router parameters', () => {
		const url = new URL(
			'http://x/offers/__data.json?category=money&x-sveltekit-invalidated=01&x-sveltekit-trailing-slash=1'
		);
		expect(pageForDataUrl(url).href).toBe('http://x/offers?category=money');
		expect(pageForDataUrl(new URL('http://x/__data.json')).pathname).toBe('/');
	});

	it('treats a page as query-free only when no server load read the URL or its query', () => {
		const node = (uses: object) => ({ type: 'data', data: [], uses });
		expect(ignoresQuery({ type: 'data', nodes: [node({}), null] })).toBe(true);
		expect(ignoresQuery({ type: 'data', nodes: [node({}), { type: 'skip' }] })).toBe(true);
		expect(ignoresQuery({ type: 'data', nodes: [node({}), node({ search_params: ['q'] })] })).toBe(
			false
		);
		expect(ignoresQuery({ type: 'data', nodes: [node({ url: 1 })] })).toBe(false);
		expect(ignoresQuery({ type: 'redirect', location: '/' })).toBe(false);
		expect(ignoresQuery(null)).toBe(false);
	});
});

describe("SvelteKit's route questions (router.resolution = 'server')", () => {
	it('recognises the URL the router asks, and nothing else', () => {
		expect(isRouteRequest(new URL('http://x/offers/rent/__route.js'))).toBe(true);
		expect(isRouteRequest(new URL('http://x/__route.js'))).toBe(true);
		expect(isRouteRequest(new URL('http://x/offers/__data.json'))).toBe(false);
		expect(isRouteRequest(new URL('http://x/_app/immutable/entry/app.js'))).toBe(false);
	});

	it('answers offline with "no route", so SvelteKit loads the saved page in full', async () => {
		const url = `data:text/javascript,${encodeURIComponent(UNRESOLVED_ROUTE_MODULE)}`;
		const module = await import(/* @vite-ignore */ url);
		expect(module.route).toBeNull();
		expect(module.params).toEqual({});
	});
});

describe('how often to ask whether the offer changed', () => {
	const now = new Date('2026-11-23T12:00:00Z');
	it.each([
		[null, false, true],
		[null, true, true],
		['2026-11-23T11:59:00Z', false, true],
		['2026-11-23T11:59:00Z', true, false],
		['2026-11-22T12:30:00Z', true, false],
		['2026-11-22T12:00:00Z', true, true]
	])('last asked %s, metered %s: ask %s', (checkedAt, metered, expected) => {
		expect(shouldCheckForChanges(checkedAt, now, metered)).toBe(expected);
	});
});

describe('stylesheets a saved page needs', () => {
	it('finds the council theme but not the build’s own files', () => {
		const html = `<link rel="stylesheet" href="/theme.css?v=abc&amp;x=1" />
			<link href="/_app/immutable/assets/0.css" rel="stylesheet">
			<link rel="modulepreload" href="/_app/immutable/entry/start.js">
			<link rel="icon" href="/favicon.svg">`;
		expect(listPageStylesheets(html)).toEqual(['/theme.css?v=abc&x=1']);
	});
});
