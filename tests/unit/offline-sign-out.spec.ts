import { describe, expect, it } from 'vitest';
import {
	answerWhileSignOutOwed,
	isSignOutDone,
	isSignOutForm,
	SIGNED_OUT_PAGE
} from '../../src/service-worker/policy';

const ORIGIN = 'https://offer.example.org';

describe('signing out with no signal (the service worker)', () => {
	const form = (changes: Partial<Pick<Request, 'method' | 'mode' | 'url' | 'referrer'>> = {}) => ({
		method: 'POST',
		mode: 'navigate' as RequestMode,
		url: `${ORIGIN}/logout`,
		referrer: `${ORIGIN}/requests`,
		...changes
	});

	it('answers the Sign out button of the app’s own pages', () => {
		expect(isSignOutForm(form(), ORIGIN)).toBe(true);
	});

	it.each([
		['a form on another site', { referrer: 'https://elsewhere.example/' }],
		['a form with its referrer hidden', { referrer: '' }],
		['a page load of /logout', { method: 'GET' }],
		['a script posting to /logout', { mode: 'cors' as RequestMode }],
		['another form', { url: `${ORIGIN}/login` }]
	])('leaves %s to the server', (_, changes) => {
		expect(isSignOutForm(form(changes), ORIGIN)).toBe(false);
	});

	it('shows a signed-out page that is the saved offline page', () => {
		expect(new URL(SIGNED_OUT_PAGE, ORIGIN).pathname).toBe('/offline');
	});

	it.each([
		[{ type: 'opaqueredirect', status: 0 }, true], // the server's 303 to the sign-in page
		[{ type: 'basic', status: 200 }, true],
		[{ type: 'basic', status: 403 }, false], // refused: the session is still alive
		[{ type: 'basic', status: 500 }, false],
		[{ type: 'basic', status: 503 }, false],
		[{ type: 'basic', status: 429 }, false]
	] as const)('treats the server’s answer %o as done: %s', (response, done) => {
		expect(isSignOutDone(response)).toBe(done);
	});

	const request = (
		path: string,
		method = 'GET',
		mode: RequestMode = 'navigate',
		destination = 'document'
	) => ({
		request: { method, mode, destination: destination as RequestDestination },
		url: new URL(path, ORIGIN)
	});

	it.each([
		['a personal page', request('/requests'), 'signed-out-page'],
		['an account page', request('/account'), 'signed-out-page'],
		['a public page', request('/offers/staying-put'), 'saved-page'],
		['the offline page', request(SIGNED_OUT_PAGE), 'saved-page'],
		['a script of the app', request('/_app/immutable/x.js', 'GET', 'cors', 'script'), 'app-file'],
		['the theme', request('/theme.css?v=3', 'GET', 'no-cors', 'style'), 'app-file'],
		['page data', request('/requests/__data.json', 'GET', 'cors', ''), 'network-error'],
		['a JSON endpoint', request('/api/requests', 'POST', 'cors', ''), 'network-error'],
		['the sign-in form', request('/login', 'POST'), 'network-error']
	])(
		'while a sign-out is owed, never sends the cookie: %s gets %s',
		(_, { request, url }, answer) => {
			expect(answerWhileSignOutOwed(request, url)).toBe(answer);
		}
	);
});
