import {
	expect,
	request as playwrightRequest,
	test,
	type APIRequestContext
} from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEMO_DB, DEMO_PASSWORD, queryDatabase, uniqueAddress, userId } from './helpers';

/**
 * The authorisation matrix: every page, action and endpoint under /requests, /saved,
 * /account, /staff, /lead, /supporter and /api, as each kind of visitor, with the answer each must get.
 * A new route there must be added below: the last test fails until it is.
 */

const ROLES = [
	'anon',
	'demo-leaver',
	'demo-leaver-2',
	'demo-adviser',
	'demo-adviser-2',
	'demo-lead',
	'demo-supporter'
] as const;
type Role = (typeof ROLES)[number];
type Expected = Record<Role, number>;

const ANY_USER: Expected = {
	anon: 303,
	'demo-leaver': 200,
	'demo-leaver-2': 200,
	'demo-adviser': 200,
	'demo-adviser-2': 200,
	'demo-lead': 200,
	'demo-supporter': 200
};
const LEAVERS: Expected = {
	...ANY_USER,
	'demo-adviser': 403,
	'demo-adviser-2': 403,
	'demo-lead': 403,
	'demo-supporter': 403
};
const STAFF: Expected = {
	...ANY_USER,
	'demo-leaver': 403,
	'demo-leaver-2': 403,
	'demo-supporter': 403
};
/** Supporters' own pages (Helping Hands pledges): nobody else's. */
const SUPPORTER: Expected = {
	...LEAVERS,
	'demo-leaver': 403,
	'demo-leaver-2': 403,
	'demo-supporter': 200
};
const SUPPORTER_BAD_INPUT: Expected = { ...SUPPORTER, 'demo-supporter': 400 };
const SUPPORTER_UNKNOWN_ID: Expected = { ...SUPPORTER, 'demo-supporter': 404 };
const LEAD: Expected = { ...STAFF, 'demo-adviser': 403, 'demo-adviser-2': 403 };
const ADVISER: Expected = { ...STAFF, 'demo-lead': 403 };
const ADVISER_BAD_INPUT: Expected = { ...ADVISER, 'demo-adviser': 400, 'demo-adviser-2': 400 };
const EVERYONE: Expected = { ...ANY_USER, anon: 200 };
const EVERYONE_BAD_INPUT: Expected = {
	anon: 400,
	'demo-leaver': 400,
	'demo-leaver-2': 400,
	'demo-adviser': 400,
	'demo-adviser-2': 400,
	'demo-lead': 400,
	'demo-supporter': 400
};
/** A page of demo-leaver's record: their PA and leads; another PA gets 404 (not yours). */
const LEAVER_1_RECORD: Expected = { ...STAFF, 'demo-adviser-2': 404 };
const LEAVER_2_RECORD: Expected = { ...STAFF, 'demo-adviser': 404 };
/** Staff actions sent invalid input: the role check passes, then the input is refused. */
const STAFF_BAD_INPUT: Expected = {
	...STAFF,
	'demo-adviser': 400,
	'demo-adviser-2': 400,
	'demo-lead': 400
};
const LEAD_BAD_INPUT: Expected = { ...LEAD, 'demo-lead': 400 };
const LEAD_UNKNOWN_ID: Expected = { ...LEAD, 'demo-lead': 404 };
const STAFF_UNKNOWN_ID: Expected = {
	...STAFF,
	'demo-adviser': 404,
	'demo-adviser-2': 404,
	'demo-lead': 404
};
const ANY_USER_BAD_INPUT: Expected = {
	anon: 303,
	'demo-leaver': 400,
	'demo-leaver-2': 400,
	'demo-adviser': 400,
	'demo-adviser-2': 400,
	'demo-lead': 400,
	'demo-supporter': 400
};

type Check = {
	/** The SvelteKit route id (folder path without groups), and the action name if any. */
	route: string;
	action?: string;
	method: 'GET' | 'POST' | 'DELETE';
	path: (ids: Ids) => string;
	form?: (ids: Ids) => Record<string, string>;
	json?: unknown;
	expected: Expected;
};
type Ids = {
	leaver1: number;
	leaver2: number;
	adviser1: number;
	request1: number;
	offer1: number;
	opportunity1: number;
	/** A demo event to come (the celebration), published. */
	event1: number;
	/** demo-supporter's approved interview practice. */
	pledge1: number;
};

/** Pages and actions about demo-leaver's own request. */
const REQUEST_1_LEAVER: Expected = {
	anon: 303,
	'demo-leaver': 200,
	'demo-leaver-2': 404,
	'demo-adviser': 403,
	'demo-adviser-2': 403,
	'demo-lead': 403,
	'demo-supporter': 403
};
const REQUEST_1_LEAVER_BAD_INPUT: Expected = { ...REQUEST_1_LEAVER, 'demo-leaver': 400 };
const REQUEST_1_STAFF_BAD_INPUT: Expected = {
	...LEAVER_1_RECORD,
	'demo-adviser': 400,
	'demo-lead': 400
};
/** JSON endpoints answer 401 to the signed-out instead of redirecting. */
const JSON_LEAVERS_BAD_INPUT: Expected = {
	anon: 401,
	'demo-leaver': 400,
	'demo-leaver-2': 400,
	'demo-adviser': 403,
	'demo-adviser-2': 403,
	'demo-lead': 403,
	'demo-supporter': 403
};
const JSON_ANY_USER: Expected = { ...ANY_USER, anon: 401 };
const JSON_LEAD_BAD_INPUT: Expected = {
	anon: 401,
	'demo-leaver': 403,
	'demo-leaver-2': 403,
	'demo-adviser': 403,
	'demo-adviser-2': 403,
	'demo-lead': 400,
	'demo-supporter': 403
};
const EVERYONE_NOT_FOUND: Expected = {
	anon: 404,
	'demo-leaver': 404,
	'demo-leaver-2': 404,
	'demo-adviser': 404,
	'demo-adviser-2': 404,
	'demo-lead': 404,
	'demo-supporter': 404
};
const JSON_ANY_USER_BAD_INPUT: Expected = { ...ANY_USER_BAD_INPUT, anon: 401 };
/** "I'm going" is for care leavers; sent for an event that does not exist, it changes nothing. */
const LEAVERS_UNKNOWN_ID: Expected = { ...LEAVERS, 'demo-leaver': 404, 'demo-leaver-2': 404 };

const CHECKS: Check[] = [
	{ route: '/account', method: 'GET', path: () => '/account', expected: ANY_USER },
	// Check-ins are a care leaver's own; invalid input stores nothing.
	{ route: '/check-in', method: 'GET', path: () => '/check-in', expected: LEAVERS },
	{
		route: '/check-in',
		action: 'checkIn',
		method: 'POST',
		path: () => '/check-in?/checkIn',
		form: () => ({ mood: '', idempotencyKey: 'matrix-check-in-0000' }),
		expected: { ...LEAVERS, 'demo-leaver': 400, 'demo-leaver-2': 400 }
	},
	{
		route: '/check-in',
		action: 'tellPa',
		method: 'POST',
		path: () => '/check-in?/tellPa',
		form: () => ({ checkIn: '999999' }),
		expected: LEAVERS_UNKNOWN_ID
	},
	{
		route: '/check-in',
		action: 'often',
		method: 'POST',
		path: () => '/check-in?/often',
		form: () => ({ every: 'hourly' }),
		expected: { ...LEAVERS, 'demo-leaver': 400, 'demo-leaver-2': 400 }
	},
	{
		route: '/api/check-ins',
		method: 'POST',
		path: () => '/api/check-ins',
		json: {},
		expected: JSON_LEAVERS_BAD_INPUT
	},
	{
		route: '/account',
		action: 'password',
		method: 'POST',
		path: () => '/account?/password',
		form: () => ({ currentPassword: 'not my password', newPassword: 'another long one' }),
		expected: ANY_USER_BAD_INPUT
	},
	{
		route: '/account',
		action: 'signOutSession',
		method: 'POST',
		path: () => '/account?/signOutSession',
		form: () => ({ session: 'not-a-session' }),
		expected: ANY_USER_BAD_INPUT
	},
	{
		route: '/account',
		action: 'turnOffMfa',
		method: 'POST',
		path: () => '/account?/turnOffMfa',
		form: () => ({}),
		// Supporters may turn theirs off too: two-step sign-in is for staff to keep.
		expected: { ...LEAVERS, 'demo-supporter': 200 }
	},
	{
		// Only signed out here: signing the shared demo accounts out everywhere would end the
		// sessions of other tests running at the same time. accounts.spec.ts covers the rest.
		route: '/account',
		action: 'signOutEverywhere',
		method: 'POST',
		path: () => '/account?/signOutEverywhere',
		form: () => ({}),
		expected: { anon: 303 } as Expected
	},
	{ route: '/account/my-data', method: 'GET', path: () => '/account/my-data', expected: LEAVERS },
	{ route: '/account/mfa', method: 'GET', path: () => '/account/mfa', expected: ANY_USER },
	{
		route: '/account/mfa',
		action: 'default',
		method: 'POST',
		path: () => '/account/mfa',
		form: () => ({ key: 'AAAA', code: '123456' }),
		expected: ANY_USER_BAD_INPUT
	},
	{ route: '/account/away', method: 'GET', path: () => '/account/away', expected: ADVISER },
	{
		route: '/account/away',
		action: 'save',
		method: 'POST',
		path: () => '/account/away?/save',
		form: () => ({ until: '', cover: 'team' }),
		expected: ADVISER_BAD_INPUT
	},
	{
		route: '/account/away',
		action: 'end',
		method: 'POST',
		path: () => '/account/away?/end',
		expected: ADVISER
	},
	{ route: '/account/notices', method: 'GET', path: () => '/account/notices', expected: STAFF },
	{
		route: '/account/notices',
		action: 'default',
		method: 'POST',
		path: () => '/account/notices',
		// Every box ticked: the defaults, so other tests' notices are unchanged.
		form: () =>
			Object.fromEntries(
				['new-request', 'urgent-request', 'reply', 'overdue-soon', 'weekly-overdue'].flatMap(
					(kind) => [`email-${kind}`, `push-${kind}`].map((name) => [name, 'on'])
				)
			),
		expected: STAFF
	},
	{ route: '/staff', method: 'GET', path: () => '/staff', expected: STAFF },
	{ route: '/staff/leavers', method: 'GET', path: () => '/staff/leavers', expected: STAFF },
	{
		route: '/staff/leavers',
		action: 'transfer',
		method: 'POST',
		path: () => '/staff/leavers?/transfer',
		// To the PA they already have: allowed for their PA and leads, changes nothing.
		form: (ids) => ({ leaverId: String(ids.leaver1), adviserId: String(ids.adviser1) }),
		expected: LEAVER_1_RECORD
	},
	{ route: '/staff/leavers/new', method: 'GET', path: () => '/staff/leavers/new', expected: STAFF },
	{
		route: '/staff/leavers/new',
		action: 'default',
		method: 'POST',
		path: () => '/staff/leavers/new',
		form: () => ({ name: '', dateOfBirth: 'soon' }),
		expected: STAFF_BAD_INPUT
	},
	{
		route: '/staff/leavers/[id]',
		method: 'GET',
		path: (ids) => `/staff/leavers/${ids.leaver1}`,
		expected: LEAVER_1_RECORD
	},
	{
		route: '/staff/leavers/[id]',
		method: 'GET',
		path: (ids) => `/staff/leavers/${ids.leaver2}`,
		expected: LEAVER_2_RECORD
	},
	{
		route: '/staff/leavers/[id]',
		method: 'GET',
		path: () => '/staff/leavers/999999',
		expected: STAFF_UNKNOWN_ID
	},
	{ route: '/staff/broadcast', method: 'GET', path: () => '/staff/broadcast', expected: STAFF },
	// News from the team: invalid input sends nothing.
	...['preview', 'post'].map((action): Check => ({
		route: '/staff/broadcast',
		action,
		method: 'POST',
		path: () => `/staff/broadcast?/${action}`,
		form: () => ({ body: '', audience: '' }),
		expected: STAFF_BAD_INPUT
	})),
	// A PA writes only to their own young people: another audience is refused before the input is read.
	{
		route: '/staff/broadcast',
		action: 'post',
		method: 'POST',
		path: () => '/staff/broadcast?/post',
		form: () => ({ body: '', audience: 'everyone' }),
		expected: { ...STAFF_BAD_INPUT, 'demo-adviser': 403, 'demo-adviser-2': 403 }
	},
	...['edit', 'withdraw'].map((action): Check => ({
		route: '/staff/broadcast',
		action,
		method: 'POST',
		path: () => `/staff/broadcast?/${action}`,
		form: () => ({ id: '999999', body: 'A changed message' }),
		expected: STAFF_UNKNOWN_ID
	})),
	// Keeping in touch: the young person's own PA and leads; another PA gets 404. Invalid input
	// changes nothing.
	...['contact', 'checkInEvery', 'pathwayReview'].map((action): Check => ({
		route: '/staff/leavers/[id]',
		action,
		method: 'POST',
		path: (ids) => `/staff/leavers/${ids.leaver1}?/${action}`,
		form: () => ({ kind: 'waved', on: 'soon', every: 'hourly' }),
		expected: { ...LEAVER_1_RECORD, 'demo-adviser': 400, 'demo-lead': 400 }
	})),
	{
		route: '/staff/leavers/[id]',
		action: 'seen',
		method: 'POST',
		path: (ids) => `/staff/leavers/${ids.leaver2}?/seen`,
		form: () => ({}),
		expected: LEAVER_2_RECORD
	},
	{
		route: '/staff/leavers/[id]',
		action: 'reissue',
		method: 'POST',
		path: (ids) => `/staff/leavers/${ids.leaver2}?/reissue`,
		form: () => ({}),
		expected: LEAVER_2_RECORD
	},
	{ route: '/lead', method: 'GET', path: () => '/lead', expected: LEAD },
	{ route: '/lead/staff', method: 'GET', path: () => '/lead/staff', expected: LEAD },
	{
		route: '/lead/staff',
		action: 'invite',
		method: 'POST',
		path: () => '/lead/staff?/invite',
		form: () => ({ name: '', role: 'boss' }),
		expected: LEAD_BAD_INPUT
	},
	...['role', 'disable', 'resetMfa', 'reissue', 'email'].map((action): Check => ({
		route: '/lead/staff',
		action,
		method: 'POST',
		path: () => `/lead/staff?/${action}`,
		form: () => ({ id: '999999', role: 'lead' }),
		expected: LEAD_UNKNOWN_ID
	})),
	{ route: '/lead/audit', method: 'GET', path: () => '/lead/audit', expected: LEAD },
	{ route: '/lead/email', method: 'GET', path: () => '/lead/email', expected: LEAD },
	{
		route: '/lead/email',
		action: 'inbox',
		method: 'POST',
		path: () => '/lead/email?/inbox',
		form: () => ({ teamInbox: 'not an email address' }),
		expected: LEAD_BAD_INPUT
	},
	{
		route: '/lead/email',
		action: 'retry',
		method: 'POST',
		path: () => '/lead/email?/retry',
		form: () => ({}),
		expected: LEAD
	},
	{ route: '/api/offers', method: 'GET', path: () => '/api/offers', expected: EVERYONE },
	{
		route: '/api/offline-pack',
		method: 'GET',
		path: () => '/api/offline-pack?language=ar',
		expected: EVERYONE
	},
	{ route: '/requests', method: 'GET', path: () => '/requests', expected: LEAVERS },
	{ route: '/requests/new', method: 'GET', path: () => '/requests/new', expected: LEAVERS },
	{
		route: '/requests/new',
		action: 'default',
		method: 'POST',
		path: () => '/requests/new',
		form: () => ({ topic: 'money', message: '', contactBy: 'app' }),
		expected: { ...LEAVERS, 'demo-leaver': 400, 'demo-leaver-2': 400 }
	},
	{
		route: '/requests/[id]',
		method: 'GET',
		path: (ids) => `/requests/${ids.request1}`,
		expected: REQUEST_1_LEAVER
	},
	{
		route: '/requests/[id]',
		action: 'seen',
		method: 'POST',
		path: (ids) => `/requests/${ids.request1}?/seen`,
		form: () => ({ seenUpTo: 'soon' }),
		expected: REQUEST_1_LEAVER_BAD_INPUT
	},
	{
		route: '/requests/[id]',
		action: 'reply',
		method: 'POST',
		path: (ids) => `/requests/${ids.request1}?/reply`,
		form: () => ({ message: '' }),
		expected: REQUEST_1_LEAVER_BAD_INPUT
	},
	{
		route: '/requests/[id]',
		action: 'sorted',
		method: 'POST',
		path: (ids) => `/requests/${ids.request1}?/sorted`,
		form: () => ({}),
		expected: { ...REQUEST_1_LEAVER, 'demo-leaver': 303 }
	},
	{
		route: '/requests/[id]',
		action: 'helpful',
		method: 'POST',
		path: (ids) => `/requests/${ids.request1}?/helpful`,
		form: () => ({ helpful: 'maybe' }),
		expected: REQUEST_1_LEAVER_BAD_INPUT
	},
	{
		route: '/api/requests',
		method: 'POST',
		path: () => '/api/requests',
		json: {},
		expected: JSON_LEAVERS_BAD_INPUT
	},
	{
		route: '/api/requests/[id]/messages',
		method: 'POST',
		path: (ids) => `/api/requests/${ids.request1}/messages`,
		json: {},
		expected: { ...JSON_LEAVERS_BAD_INPUT, 'demo-leaver-2': 404 }
	},
	{ route: '/api/push', method: 'GET', path: () => '/api/push', expected: JSON_ANY_USER },
	{
		route: '/api/push',
		method: 'POST',
		path: () => '/api/push',
		json: { endpoint: 'not a url' },
		expected: JSON_ANY_USER_BAD_INPUT
	},
	{
		route: '/api/push',
		method: 'DELETE',
		path: () => '/api/push',
		json: {},
		expected: JSON_ANY_USER_BAD_INPUT
	},
	{
		route: '/staff/requests/[id]',
		method: 'GET',
		path: (ids) => `/staff/requests/${ids.request1}`,
		expected: LEAVER_1_RECORD
	},
	...['seen', 'reply', 'note', 'status', 'handOver', 'match', 'pledgeOutcome'].map(
		(action): Check => ({
			route: '/staff/requests/[id]',
			action,
			method: 'POST',
			path: (ids) => `/staff/requests/${ids.request1}?/${action}`,
			form: () => ({ message: '', note: '', status: 'gone', adviserId: 'nobody' }),
			expected: REQUEST_1_STAFF_BAD_INPUT
		})
	),
	{
		route: '/lead/saved-replies',
		method: 'GET',
		path: () => '/lead/saved-replies',
		expected: LEAD
	},
	{
		route: '/lead/saved-replies',
		action: 'create',
		method: 'POST',
		path: () => '/lead/saved-replies?/create',
		form: () => ({ title: '', body: '' }),
		expected: LEAD_BAD_INPUT
	},
	...['update', 'delete'].map((action): Check => ({
		route: '/lead/saved-replies',
		action,
		method: 'POST',
		path: () => `/lead/saved-replies?/${action}`,
		form: () => ({ id: '999999', title: 'A title', body: 'A body' }),
		expected: LEAD_UNKNOWN_ID
	})),
	{ route: '/lead/settings', method: 'GET', path: () => '/lead/settings', expected: LEAD },
	{
		route: '/lead/settings',
		action: 'inTouch',
		method: 'POST',
		path: () => '/lead/settings?/inTouch',
		form: () => ({ inTouchWeeks: '0' }),
		expected: LEAD_BAD_INPUT
	},
	{
		route: '/lead/settings',
		action: 'targets',
		method: 'POST',
		path: () => '/lead/settings?/targets',
		form: () => ({ urgentHours: '0', normalWorkingDays: 'x', dayStart: '25:00', dayEnd: '' }),
		expected: LEAD_BAD_INPUT
	},
	{
		route: '/lead/uptake/[slug]',
		method: 'GET',
		path: () => '/lead/uptake/council-tax-exemption',
		expected: LEAD
	},
	...[
		'offers',
		'weekly',
		'categories',
		'searches',
		'comments',
		'pledges',
		'in-touch',
		'in-touch-by-pa',
		'in-touch-weekly',
		'check-ins-weekly',
		'help-now'
	].map((name): Check => ({
		route: '/lead/export/[file]',
		method: 'GET',
		path: () => `/lead/export/${name}.csv`,
		expected: LEAD
	})),
	// The opportunities board: PAs and leads keep it. Actions that change an opportunity's state
	// are sent for one that does not exist, so the matrix never closes the demo board's.
	{
		route: '/lead/opportunities',
		method: 'GET',
		path: () => '/lead/opportunities',
		expected: STAFF
	},
	{
		route: '/lead/opportunities/new',
		method: 'GET',
		path: () => '/lead/opportunities/new',
		expected: STAFF
	},
	{
		route: '/lead/opportunities/new',
		action: 'save',
		method: 'POST',
		path: () => '/lead/opportunities/new?/save',
		form: () => ({ title: '' }),
		expected: STAFF_BAD_INPUT
	},
	{
		route: '/lead/opportunities/[id]',
		method: 'GET',
		path: (ids) => `/lead/opportunities/${ids.opportunity1}`,
		expected: STAFF
	},
	{
		route: '/lead/opportunities/[id]',
		method: 'GET',
		path: () => '/lead/opportunities/999999',
		expected: STAFF_UNKNOWN_ID
	},
	{
		route: '/lead/opportunities/[id]',
		action: 'save',
		method: 'POST',
		path: (ids) => `/lead/opportunities/${ids.opportunity1}?/save`,
		form: () => ({ title: '' }),
		expected: STAFF_BAD_INPUT
	},
	...['publish', 'close', 'draft', 'copy'].map((action): Check => ({
		route: '/lead/opportunities/[id]',
		action,
		method: 'POST',
		path: () => `/lead/opportunities/999999?/${action}`,
		expected: STAFF_UNKNOWN_ID
	})),
	{
		route: '/lead/opportunities/[id]/qr.svg',
		method: 'GET',
		path: (ids) => `/lead/opportunities/${ids.opportunity1}/qr.svg`,
		expected: STAFF
	},
	{
		route: '/lead/opportunities/template.csv',
		method: 'GET',
		path: () => '/lead/opportunities/template.csv',
		expected: STAFF
	},
	{
		route: '/lead/opportunities/import',
		method: 'GET',
		path: () => '/lead/opportunities/import',
		expected: STAFF
	},
	{
		route: '/lead/opportunities/import',
		action: 'default',
		method: 'POST',
		path: () => '/lead/opportunities/import',
		expected: STAFF_BAD_INPUT
	},
	// "I'm interested" is a public page's action, for care leavers only (a damaged form here).
	{
		route: '/opportunities/[id]',
		action: 'interested',
		method: 'POST',
		path: (ids) => `/opportunities/${ids.opportunity1}?/interested`,
		form: () => ({ idempotencyKey: 'x' }),
		expected: { ...LEAVERS, 'demo-leaver': 400, 'demo-leaver-2': 400 }
	},
	{
		route: '/helping-hands/[id]',
		action: 'ask',
		method: 'POST',
		path: (ids) => `/helping-hands/${ids.pledge1}?/ask`,
		form: () => ({ idempotencyKey: 'x' }),
		expected: { ...LEAVERS, 'demo-leaver': 400, 'demo-leaver-2': 400 }
	},
	// Helping Hands: supporters see their own pledges and matches, and nothing else; leads
	// approve. Invalid input or an unknown pledge changes nothing.
	{ route: '/supporter', method: 'GET', path: () => '/supporter', expected: SUPPORTER },
	{
		route: '/supporter',
		action: 'end',
		method: 'POST',
		path: () => '/supporter?/end',
		form: () => ({ pledge: '999999' }),
		expected: SUPPORTER_UNKNOWN_ID
	},
	{
		route: '/supporter',
		action: 'outcome',
		method: 'POST',
		path: () => '/supporter?/outcome',
		form: () => ({ match: '999999', outcome: 'took-place' }),
		expected: SUPPORTER_UNKNOWN_ID
	},
	{
		route: '/supporter/pledges/new',
		method: 'GET',
		path: () => '/supporter/pledges/new',
		expected: SUPPORTER
	},
	{
		route: '/supporter/pledges/new',
		action: 'default',
		method: 'POST',
		path: () => '/supporter/pledges/new',
		form: () => ({ kind: 'time' }),
		expected: SUPPORTER_BAD_INPUT
	},
	{ route: '/lead/pledges', method: 'GET', path: () => '/lead/pledges', expected: LEAD },
	{
		route: '/lead/pledges/[id]',
		method: 'GET',
		path: (ids) => `/lead/pledges/${ids.pledge1}`,
		expected: LEAD
	},
	{
		route: '/lead/pledges/[id]',
		method: 'GET',
		path: () => '/lead/pledges/999999',
		expected: LEAD_UNKNOWN_ID
	},
	...['approve', 'outcome'].map((action): Check => ({
		route: '/lead/pledges/[id]',
		action,
		method: 'POST',
		path: (ids) => `/lead/pledges/${ids.pledge1}?/${action}`,
		form: () => ({ title: '', outcome: 'maybe' }),
		expected: LEAD_BAD_INPUT
	})),
	...['decline', 'end'].map((action): Check => ({
		route: '/lead/pledges/[id]',
		action,
		method: 'POST',
		path: () => `/lead/pledges/999999?/${action}`,
		expected: LEAD_UNKNOWN_ID
	})),
	// Keeping the offer current: leads only. Invalid input is refused before anything is saved,
	// so the checks below change nothing.
	{ route: '/lead/offers', method: 'GET', path: () => '/lead/offers', expected: LEAD },
	{
		route: '/lead/offers',
		action: 'move',
		method: 'POST',
		path: () => '/lead/offers?/move',
		form: () => ({ id: '999999', direction: 'up' }),
		expected: LEAD_UNKNOWN_ID
	},
	{ route: '/lead/offers/new', method: 'GET', path: () => '/lead/offers/new', expected: LEAD },
	...['save', 'publish'].map((action): Check => ({
		route: '/lead/offers/new',
		action,
		method: 'POST',
		path: () => `/lead/offers/new?/${action}`,
		form: () => ({ title: '', slug: 'NOT A SLUG' }),
		expected: LEAD_BAD_INPUT
	})),
	{
		route: '/lead/offers/new',
		action: 'preview',
		method: 'POST',
		path: () => '/lead/offers/new?/preview',
		form: () => ({ body: '**Hello**' }),
		expected: LEAD
	},
	{
		route: '/lead/offers/[id]',
		method: 'GET',
		path: (ids) => `/lead/offers/${ids.offer1}`,
		expected: LEAD
	},
	{
		route: '/lead/offers/[id]',
		method: 'GET',
		path: () => '/lead/offers/999999',
		expected: LEAD_UNKNOWN_ID
	},
	...['save', 'publish', 'unpublish'].map((action): Check => ({
		route: '/lead/offers/[id]',
		action,
		method: 'POST',
		path: (ids) => `/lead/offers/${ids.offer1}?/${action}`,
		form: () => ({ title: '', version: '1' }),
		expected: LEAD_BAD_INPUT
	})),
	{
		route: '/lead/offers/[id]',
		action: 'preview',
		method: 'POST',
		path: (ids) => `/lead/offers/${ids.offer1}?/preview`,
		form: () => ({ body: '**Hello**' }),
		expected: LEAD
	},
	{
		route: '/lead/offers/[id]',
		action: 'review',
		method: 'POST',
		path: (ids) => `/lead/offers/${ids.offer1}?/review`,
		form: () => ({ version: 'old' }),
		expected: LEAD_BAD_INPUT
	},
	{
		route: '/lead/offers/[id]/history',
		method: 'GET',
		path: (ids) => `/lead/offers/${ids.offer1}/history`,
		expected: LEAD
	},
	{
		route: '/lead/offers/[id]/history',
		action: 'restore',
		method: 'POST',
		path: (ids) => `/lead/offers/${ids.offer1}/history?/restore`,
		form: () => ({ from: 'first', version: '1' }),
		expected: LEAD_BAD_INPUT
	},
	{
		route: '/lead/offers/preview',
		method: 'POST',
		path: () => '/lead/offers/preview',
		json: { body: 42 },
		expected: JSON_LEAD_BAD_INPUT
	},
	{
		route: '/lead/settings',
		action: 'council',
		method: 'POST',
		path: () => '/lead/settings?/council',
		form: () => ({ name: '', primary: 'yellow' }),
		expected: LEAD_BAD_INPUT
	},
	{
		route: '/lead/settings',
		action: 'category',
		method: 'POST',
		path: () => '/lead/settings?/category',
		form: () => ({ slug: 'money', name: '', description: '' }),
		expected: LEAD_BAD_INPUT
	},
	{
		route: '/lead/settings',
		action: 'moveCategory',
		method: 'POST',
		path: () => '/lead/settings?/moveCategory',
		form: () => ({ slug: 'no-such-topic', direction: 'up' }),
		expected: LEAD_UNKNOWN_ID
	},
	{
		route: '/lead/settings',
		action: 'languages',
		method: 'POST',
		path: () => '/lead/settings?/languages',
		form: () => ({ languages: 'klingon' }),
		expected: LEAD_BAD_INPUT
	},
	{
		route: '/lead/settings',
		action: 'review',
		method: 'POST',
		path: () => '/lead/settings?/review',
		form: () => ({ reviewMonths: '0' }),
		expected: LEAD_BAD_INPUT
	},
	{
		route: '/lead/you-said-we-did',
		method: 'GET',
		path: () => '/lead/you-said-we-did',
		expected: LEAD
	},
	{
		route: '/lead/you-said-we-did',
		action: 'create',
		method: 'POST',
		path: () => '/lead/you-said-we-did?/create',
		form: () => ({ youSaid: '', weDid: '' }),
		expected: LEAD_BAD_INPUT
	},
	...['update', 'delete'].map((action): Check => ({
		route: '/lead/you-said-we-did',
		action,
		method: 'POST',
		path: () => `/lead/you-said-we-did?/${action}`,
		form: () => ({
			id: '999999',
			youSaid: 'An entry that does not exist',
			weDid: 'Nothing, it does not exist'
		}),
		expected: LEAD_UNKNOWN_ID
	})),
	// Events: leads only. Invalid input is refused before anything is saved; attendance can only be
	// marked once an event has started, so marking it for one still to come changes nothing.
	{ route: '/lead/events', method: 'GET', path: () => '/lead/events', expected: LEAD },
	{ route: '/lead/events/new', method: 'GET', path: () => '/lead/events/new', expected: LEAD },
	...['save', 'publish'].map((action): Check => ({
		route: '/lead/events/new',
		action,
		method: 'POST',
		path: () => `/lead/events/new?/${action}`,
		form: () => ({ title: '', capacity: 'lots' }),
		expected: LEAD_BAD_INPUT
	})),
	{
		route: '/lead/events/[id]',
		method: 'GET',
		path: (ids) => `/lead/events/${ids.event1}`,
		expected: LEAD
	},
	{
		route: '/lead/events/[id]',
		method: 'GET',
		path: () => '/lead/events/999999',
		expected: LEAD_UNKNOWN_ID
	},
	...['save', 'publish', 'close'].map((action): Check => ({
		route: '/lead/events/[id]',
		action,
		method: 'POST',
		path: (ids) => `/lead/events/${ids.event1}?/${action}`,
		form: () => ({ title: '', capacity: 'lots' }),
		expected: LEAD_BAD_INPUT
	})),
	{
		route: '/lead/events/[id]',
		action: 'attendance',
		method: 'POST',
		path: (ids) => `/lead/events/${ids.event1}?/attendance`,
		form: () => ({}),
		expected: LEAD_BAD_INPUT
	},
	...['save', 'publish', 'close', 'attendance'].map((action): Check => ({
		route: '/lead/events/[id]',
		action,
		method: 'POST',
		path: () => `/lead/events/999999?/${action}`,
		form: () => ({}),
		expected: LEAD_UNKNOWN_ID
	})),
	// The events pages are public; only care leavers can say they are going.
	{ route: '/events', method: 'GET', path: () => '/events', expected: EVERYONE },
	{
		route: '/events/[id]',
		method: 'GET',
		path: (ids) => `/events/${ids.event1}`,
		expected: EVERYONE
	},
	{
		route: '/events/[id]',
		method: 'GET',
		path: () => '/events/999999',
		expected: EVERYONE_NOT_FOUND
	},
	{
		route: '/events/[id]/calendar.ics',
		method: 'GET',
		path: (ids) => `/events/${ids.event1}/calendar.ics`,
		expected: EVERYONE
	},
	{
		route: '/events/[id]/calendar.ics',
		method: 'GET',
		path: () => '/events/999999/calendar.ics',
		expected: EVERYONE_NOT_FOUND
	},
	...['going', 'cancel'].map((action): Check => ({
		route: '/events/[id]',
		action,
		method: 'POST',
		path: () => `/events/999999?/${action}`,
		form: () => ({}),
		expected: LEAVERS_UNKNOWN_ID
	})),
	// Translations: leads only. Empty forms are refused before anything is saved.
	{ route: '/lead/translations', method: 'GET', path: () => '/lead/translations', expected: LEAD },
	{
		route: '/lead/translations',
		action: 'import',
		method: 'POST',
		path: () => '/lead/translations?/import',
		form: () => ({}),
		expected: LEAD_BAD_INPUT
	},
	{
		route: '/lead/translations/export',
		method: 'GET',
		path: () => '/lead/translations/export?language=ar',
		expected: LEAD
	},
	{
		route: '/lead/translations/[language]/[kind]/[subject]',
		method: 'GET',
		path: (ids) => `/lead/translations/ar/offer/${ids.offer1}`,
		expected: LEAD
	},
	...['save', 'check'].map((action): Check => ({
		route: '/lead/translations/[language]/[kind]/[subject]',
		action,
		method: 'POST',
		path: (ids) => `/lead/translations/ar/offer/${ids.offer1}?/${action}`,
		form: () => ({ title: '' }),
		expected: LEAD_BAD_INPUT
	})),
	// The Open Referral UK feed is public by design.
	...['/api/oruk', '/api/oruk/services', '/api/oruk/taxonomies', '/api/oruk/taxonomy_terms'].map(
		(route): Check => ({ route, method: 'GET', path: () => route, expected: EVERYONE })
	),
	{
		route: '/api/oruk/services/[id]',
		method: 'GET',
		path: () => '/api/oruk/services/00000000-0000-4000-8000-000000000000',
		expected: EVERYONE_NOT_FOUND
	},
	{ route: '/saved', method: 'GET', path: () => '/saved', expected: LEAVERS },
	// Usage events need no account; a form post is not a JSON batch, so everyone gets 400.
	{
		route: '/api/events',
		method: 'POST',
		path: () => '/api/events',
		form: () => ({ visitor: 'x' }),
		expected: { ...EVERYONE_BAD_INPUT }
	}
];

const PROTECTED = /^\/(requests|saved|account|check-in|staff|lead|supporter|api)(\/|$)/;

/** Route ids and action names under the protected prefixes, read from src/routes. */
function discoverRoutes() {
	const found = new Set<string>();
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) {
				walk(path);
				continue;
			}
			const id =
				'/' +
				relative('src/routes', dir)
					.split('/')
					.filter((part) => part && !part.startsWith('('))
					.join('/');
			if (!PROTECTED.test(id)) {
				continue;
			}
			if (name === '+page.svelte' || name === '+server.ts') {
				found.add(id);
			}
			if (name === '+page.server.ts') {
				const source = readFileSync(path, 'utf8');
				const actions = /export const actions = \{([\s\S]*?)\n\} satisfies Actions/.exec(source);
				for (const match of actions?.[1].matchAll(/^\t(\w+): async/gm) ?? []) {
					found.add(`${id}?/${match[1]}`);
				}
			}
		}
	};
	walk('src/routes');
	return found;
}

test('every protected route and action is in the matrix', () => {
	const covered = new Set(CHECKS.map((c) => (c.action ? `${c.route}?/${c.action}` : c.route)));
	const missing = [...discoverRoutes()].filter((route) => !covered.has(route));
	expect(missing).toEqual([]);
});

test.describe('authorisation matrix', () => {
	const contexts = new Map<Role, APIRequestContext>();
	let ids: Ids;

	test.beforeAll(async ({ baseURL }) => {
		const partial = {
			leaver1: userId(DEMO_DB, 'demo-leaver'),
			leaver2: userId(DEMO_DB, 'demo-leaver-2'),
			adviser1: userId(DEMO_DB, 'demo-adviser'),
			offer1: queryDatabase<{ id: number }>(
				DEMO_DB,
				"SELECT id FROM offer WHERE slug = 'council-tax-exemption'"
			)[0].id,
			opportunity1: queryDatabase<{ id: number }>(
				DEMO_DB,
				"SELECT id FROM opportunity WHERE title = 'Business administration apprenticeship'"
			)[0].id,
			pledge1: queryDatabase<{ id: number }>(
				DEMO_DB,
				"SELECT id FROM pledge WHERE time_kind = 'interview-practice' AND status = 'approved' ORDER BY id LIMIT 1"
			)[0].id,
			event1: queryDatabase<{ id: number }>(
				DEMO_DB,
				"SELECT id FROM calendar_event WHERE kind = 'celebration' AND status = 'published' ORDER BY id DESC LIMIT 1"
			)[0].id
		};
		for (const role of ROLES) {
			const context = await playwrightRequest.newContext({
				baseURL,
				// accept: text/html makes actions answer as to a browser form (not SvelteKit's JSON).
				extraHTTPHeaders: {
					'x-forwarded-for': uniqueAddress(),
					origin: baseURL!,
					accept: 'text/html'
				}
			});
			if (role !== 'anon') {
				const response = await context.post('/login', {
					form: { username: role, password: DEMO_PASSWORD },
					maxRedirects: 0
				});
				expect(response.status(), `sign in as ${role}`).toBe(303);
			}
			contexts.set(role, context);
		}
		// A request of demo-leaver's own, made for this matrix.
		const created = await contexts.get('demo-leaver')!.post('/api/requests', {
			data: {
				topic: 'money',
				message: 'A request for the authorisation matrix',
				contactBy: 'app',
				idempotencyKey: `matrix-${Date.now()}-request`
			}
		});
		expect(created.status()).toBe(201);
		ids = { ...partial, request1: (await created.json()).id };
	});

	test.afterAll(async () => {
		await Promise.all([...contexts.values()].map((context) => context.dispose()));
	});

	for (const role of ROLES) {
		test(`as ${role}`, async () => {
			const context = contexts.get(role)!;
			const failures: string[] = [];
			for (const check of CHECKS) {
				const expected = check.expected[role];
				if (expected === undefined) {
					continue;
				}
				const path = check.path(ids);
				const response = await context.fetch(path, {
					method: check.method,
					maxRedirects: 0,
					...(check.json !== undefined
						? { data: check.json }
						: check.method === 'GET'
							? {}
							: { form: check.form?.(ids) ?? {} })
				});
				if (response.status() !== expected) {
					failures.push(`${check.method} ${path}: got ${response.status()}, expected ${expected}`);
				}
				if (expected === 303 && role === 'anon') {
					expect(response.headers()['location'], path).toMatch(/^\/login\?redirectTo=/);
				}
			}
			expect(failures).toEqual([]);
		});
	}
});
