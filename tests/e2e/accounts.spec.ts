import { decodeBase32IgnorePadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import { generateHOTP } from '@oslojs/otp';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { expectNoAxeViolations } from './a11y';
import {
	DEMO_DB,
	DEMO_PASSWORD,
	holdScripts,
	NO_DEMO_DB,
	queryDatabase,
	signIn,
	uniqueAddress
} from './helpers';

const NEW_PASSWORD = 'blue kettle sunrise';

// Whole journeys across several people: allow for a slow, busy CI machine.
test.describe.configure({ timeout: 120_000 });

async function newPage(
	browser: Browser,
	options: { javaScriptEnabled?: boolean; baseURL?: string } = {}
) {
	const context = await browser.newContext({
		...options,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress() }
	});
	return context.newPage();
}

function uniqueName(prefix: string) {
	return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

async function join(page: Page, code: string, username: string, password = NEW_PASSWORD) {
	await page.goto('/join');
	await page.getByLabel('Your code').fill(code);
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Make my account' }).click();
}

function totpFor(page: Page, encodedKey: string, stepOffset = 0) {
	const key = decodeBase32IgnorePadding(encodedKey);
	const step = Math.floor(Date.now() / 30_000) + stepOffset;
	return generateHOTP(key, BigInt(step), 6);
}

test('a PA invites a care leaver, who joins, signs out and signs in again', async ({ browser }) => {
	const pa = await newPage(browser);
	await signIn(pa, 'demo-adviser');
	await pa.goto('/staff/leavers/new');
	await expectNoAxeViolations(pa);
	await pa.getByLabel('First name').fill('Casey');
	await pa.getByLabel('Date of birth').fill('2007-04-02');
	await pa.getByRole('button', { name: 'Add and get a code' }).click();
	const code = (await pa.getByTestId('invite-code').textContent())!.trim();
	expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
	await expectNoAxeViolations(pa);

	const young = await newPage(browser);
	await young.goto('/join');
	await expectNoAxeViolations(young);
	const username = uniqueName('casey');
	await join(young, code.toLowerCase(), username);
	await expect(young.getByRole('button', { name: /Sign out/ })).toBeVisible();

	await young.getByRole('button', { name: /Sign out/ }).click();
	await expect(young).toHaveURL(/\/login/);
	await signIn(young, username, NEW_PASSWORD);
	await young.goto('/account');
	await expect(young.getByText(`You are signed in as ${username}`)).toBeVisible();
	await expectNoAxeViolations(young);

	// The code was single use.
	const someoneElse = await newPage(browser);
	await join(someoneElse, code, uniqueName('other'));
	await expect(someoneElse.getByRole('alert')).toContainText('That code has already been used');
	await expect(someoneElse.getByLabel('Username')).not.toHaveValue('');

	// The PA sees that Casey has joined.
	await pa.goto('/staff/leavers');
	await expect(pa.getByRole('row', { name: /Casey/ }).first()).toContainText('Joined');
	await expectNoAxeViolations(pa);
});

test('a young person who has joined is shown as joined in the same words on the list and their record', async ({
	browser
}) => {
	const pa = await newPage(browser);
	await signIn(pa, 'demo-adviser');
	await pa.goto('/staff/leavers/new');
	const name = uniqueName('Robin');
	await pa.getByLabel('First name').fill(name);
	await pa.getByLabel('Date of birth').fill('2006-09-14');
	await pa.getByRole('button', { name: 'Add and get a code' }).click();
	const code = (await pa.getByTestId('invite-code').textContent())!.trim();
	const record = await pa.getByRole('link', { name: `See ${name}'s record` }).getAttribute('href');

	const young = await newPage(browser);
	const username = uniqueName('robin');
	await join(young, code, username);
	await expect(young.getByRole('button', { name: /Sign out/ })).toBeVisible();

	await pa.goto('/staff/leavers');
	await expect(pa.getByRole('row', { name: new RegExp(name) })).toContainText('Joined');
	await pa.goto(record!);
	await expect(pa.getByText(`Joined (username ${username})`, { exact: true })).toBeVisible();
	await expectNoAxeViolations(pa);
});

test('a new member of staff must set up two-step sign-in, then signs in with a code', async ({
	browser
}) => {
	const lead = await newPage(browser);
	await signIn(lead, 'demo-lead');
	await lead.goto('/lead/staff');
	await expectNoAxeViolations(lead);
	await lead.getByLabel('Full name').fill('Morgan New');
	await lead.getByLabel('Work email', { exact: true }).fill(`${uniqueName('morgan')}@example.org`);
	await lead.getByLabel('Personal adviser').check();
	await lead.getByRole('button', { name: 'Invite', exact: true }).click();
	const code = (await lead.getByTestId('invite-code').textContent())!.trim();

	const staff = await newPage(browser);
	const username = uniqueName('morgan');
	await join(staff, code, username);
	await expect(staff).toHaveURL(/\/account\/mfa/);
	await expect(staff.getByRole('heading', { name: 'Set up two-step sign-in' })).toBeVisible();
	await expectNoAxeViolations(staff);

	// Skipping the set-up is not possible: staff pages send them back to it.
	await staff.goto('/staff');
	await expect(staff).toHaveURL(/\/account\/mfa/);

	const key = (await staff.getByTestId('totp-key').textContent())!.trim();
	await staff.getByLabel('6-digit code').fill('000000');
	await staff.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
	await expect(staff.getByRole('alert')).toContainText('That code did not work');
	await staff.getByLabel('6-digit code').fill(totpFor(staff, key));
	await staff.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
	await expect(staff.getByTestId('recovery-code')).toHaveText(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
	await expectNoAxeViolations(staff);
	await staff.getByRole('link', { name: 'Continue' }).click();
	await expect(staff).toHaveURL(/\/staff$/);

	await staff.getByRole('button', { name: /Sign out/ }).click();
	// Signing out first clears the phone's outbox, then posts: wait for it to land.
	await expect(staff).toHaveURL(/\/login/);
	await staff.goto('/login');
	await staff.getByLabel('Username').fill(username);
	await staff.getByLabel('Password').fill(NEW_PASSWORD);
	await staff.getByRole('button', { name: 'Sign in' }).click();
	await expect(staff).toHaveURL(/\/login\/mfa/);
	await expectNoAxeViolations(staff);
	// The set-up code was used; the next time step's code is accepted (clock skew allowance).
	await staff.getByLabel('6-digit code').fill(totpFor(staff, key, 1));
	await staff.getByRole('button', { name: 'Continue' }).click();
	await expect(staff).toHaveURL(/\/staff$/);

	// The lead can reset it (audited), and the lead's audit trail shows these actions.
	await lead.goto('/lead/staff');
	await lead.getByRole('button', { name: /Reset two-step sign-in.*Morgan New/ }).click();
	await expect(lead.getByText('Morgan New will set up two-step sign-in again')).toBeVisible();
	await lead.goto('/lead/audit?what=mfa-reset');
	await expect(lead.getByRole('cell', { name: 'Reset two-step sign-in' }).first()).toBeVisible();
	await expectNoAxeViolations(lead);
});

test('a lead who presses "Turn off" on two open pages leaves the account off', async ({
	browser
}) => {
	const lead = await newPage(browser);
	await signIn(lead, 'demo-lead');
	await lead.goto('/lead/staff');
	const name = `Quinn ${uniqueName('twice')}`;
	await lead.getByLabel('Full name').fill(name);
	await lead.getByLabel('Work email', { exact: true }).fill(`${uniqueName('quinn')}@example.org`);
	await lead.getByLabel('Personal adviser').check();
	await lead.getByRole('button', { name: 'Invite', exact: true }).click();
	await expect(lead.getByTestId('invite-code')).toBeVisible();

	// A second tab drawn while the account is still on: both show "Turn off".
	const otherTab = await lead.context().newPage();
	await otherTab.goto('/lead/staff');
	await lead.goto('/lead/staff');
	await lead.getByRole('button', { name: `Turn off ${name}` }).click();
	await expect(lead.getByRole('status')).toHaveText(
		`${name} is turned off and signed out everywhere.`
	);
	await otherTab.getByRole('button', { name: `Turn off ${name}` }).click();
	await expect(otherTab.getByRole('status')).toHaveText(
		`${name} is turned off and signed out everywhere.`
	);
	await expect(otherTab.getByRole('button', { name: `Turn on ${name}` })).toBeVisible();
	const [row] = queryDatabase<{ disabled: number }>(
		DEMO_DB,
		'SELECT disabled_at IS NOT NULL AS disabled FROM user WHERE name = ?',
		name
	);
	expect(row.disabled).toBe(1);
	await lead.context().close();
});

test('11 wrong passwords give the wait message', async ({ browser }) => {
	const page = await newPage(browser);
	const username = uniqueName('nobody');
	await page.goto('/login');
	for (let attempt = 1; attempt <= 11; attempt++) {
		await page.getByLabel('Username').fill(username);
		await page.getByLabel('Password').fill(`wrong password ${attempt}`);
		await page.getByRole('button', { name: 'Sign in' }).click();
		if (attempt <= 10) {
			await expect(page.getByRole('alert')).toContainText(
				'That username and password do not match'
			);
		}
	}
	await expect(page.getByRole('alert')).toContainText(/Too many tries — wait 5 minutes/);
	await expect(page.getByLabel('Username')).toHaveValue(username);
	await expectNoAxeViolations(page);
});

test('behind a proxy, failures from a shared address never lock out the right password', async ({
	request,
	baseURL
}) => {
	// The test servers read the client address from X-Forwarded-For (ADDRESS_HEADER), as a
	// council's deployment behind a proxy does: here, a college where everyone shares one address.
	const shared = uniqueAddress();
	const headers = { origin: baseURL!, accept: 'text/html', 'x-forwarded-for': shared };
	const wrong = Array.from({ length: 110 }, (_, n) =>
		request.post('/login', {
			form: { username: `guess-${n % 30}-${shared}`, password: 'not the password' },
			headers,
			maxRedirects: 0
		})
	);
	for (const response of await Promise.all(wrong)) {
		expect(response.status()).toBe(400);
	}
	const right = await request.post('/login', {
		form: { username: 'demo-leaver-2', password: DEMO_PASSWORD },
		headers,
		maxRedirects: 0
	});
	expect(right.status()).toBe(303);
});

test('the session cookie is HttpOnly and only its hash is stored', async ({ browser }) => {
	const page = await newPage(browser);
	await signIn(page, 'demo-leaver');
	const cookies = await page.context().cookies();
	const cookie = cookies.find((c) => c.name === 'session');
	expect(cookie).toBeDefined();
	expect(cookie!.httpOnly).toBe(true);
	expect(cookie!.sameSite).toBe('Lax');
	expect(cookie!.path).toBe('/');
	const ids = queryDatabase<{ id: string }>(DEMO_DB, 'SELECT id FROM session').map((r) => r.id);
	expect(ids).not.toContain(cookie!.value);
	expect(ids).toContain(encodeHexLowerCase(sha256(new TextEncoder().encode(cookie!.value))));
	const everything = JSON.stringify(queryDatabase(DEMO_DB, 'SELECT * FROM session'));
	expect(everything).not.toContain(cookie!.value);
});

test('signing in sends you back to where you were going, and never off-site', async ({
	browser
}) => {
	const page = await newPage(browser);
	await page.goto('/account');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/);
	await page.getByLabel('Username').fill('demo-leaver');
	await page.getByLabel('Password').fill('care-leavers-demo-2026');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/account$/);

	const other = await newPage(browser);
	await other.goto('/login?redirectTo=//evil.example/steal');
	await other.getByLabel('Username').fill('demo-leaver-2');
	await other.getByLabel('Password').fill('care-leavers-demo-2026');
	await other.getByRole('button', { name: 'Sign in' }).click();
	await expect(other).toHaveURL(/^http:\/\/localhost:\d+\/$/);
});

test('a care leaver can download their data, and only theirs', async ({ browser }) => {
	const page = await newPage(browser);
	await signIn(page, 'demo-leaver');
	const response = await page.request.get('/account/my-data');
	expect(response.status()).toBe(200);
	expect(response.headers()['content-disposition']).toContain('attachment');
	const data = await response.json();
	expect(data.account.username).toBe('demo-leaver');
	expect(data.requests.length).toBeGreaterThan(0);
	expect(data.notIncluded.join(' ')).toMatch(/internal notes/i);
	expect(JSON.stringify(data)).not.toContain('demo-leaver-2');
	expect(JSON.stringify(data)).not.toMatch(/argon2|password_hash/);
});

test.describe('without JavaScript', () => {
	test('sign in and join work', async ({ browser }) => {
		const pa = await newPage(browser);
		await signIn(pa, 'demo-adviser-2');
		await pa.goto('/staff/leavers/new');
		await pa.getByLabel('First name').fill('Robin');
		await pa.getByLabel('Date of birth').fill('2006-01-15');
		await pa.getByRole('button', { name: 'Add and get a code' }).click();
		const code = (await pa.getByTestId('invite-code').textContent())!.trim();

		const page = await newPage(browser, { javaScriptEnabled: false });
		// A mistake keeps what was typed and says what to fix.
		await join(page, 'ZZZZ-ZZZZ', 'robin-nojs');
		await expect(page.getByRole('alert')).toContainText('We do not recognise that code');
		await expect(page.getByLabel('Username')).toHaveValue('robin-nojs');
		const username = uniqueName('robin');
		await join(page, code, username);
		await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
		await page.getByRole('button', { name: /Sign out/ }).click();
		await expect(page).toHaveURL(/\/login/);
		await page.goto('/login');
		await page.getByLabel('Username').fill(username);
		await page.getByLabel('Password').fill(NEW_PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
	});
});

test.describe('with DEMO=0', () => {
	test.use({ baseURL: `http://localhost:${Number(process.env.E2E_PORT ?? 4173) + 1}` });

	test('there are no demo accounts and staff cannot skip two-step sign-in', async ({ browser }) => {
		const accounts = queryDatabase<{ n: number }>(
			NO_DEMO_DB,
			'SELECT count(*) AS n FROM user WHERE username LIKE ?',
			'demo-%'
		);
		expect(accounts[0].n).toBe(0);

		const page = await newPage(browser, {
			baseURL: `http://localhost:${Number(process.env.E2E_PORT ?? 4173) + 1}`
		});
		await page.goto('/login');
		await page.getByLabel('Username').fill('demo-lead');
		await page.getByLabel('Password').fill('care-leavers-demo-2026');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('alert')).toContainText('That username and password do not match');

		// The first lead of a real deployment gets in with the command-line invite.
		const username = uniqueName('first-lead');
		const output = execFileSync(
			process.execPath,
			[
				'node_modules/tsx/dist/cli.mjs',
				'scripts/user-create.ts',
				'--role',
				'lead',
				'--username',
				username
			],
			{ env: { ...process.env, DATABASE_PATH: NO_DEMO_DB }, encoding: 'utf8' }
		);
		const code = /: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(output)![1];
		await page.goto('/join');
		await page.getByLabel('Your code').fill(code);
		await page.getByLabel('Username').fill('ignored-for-a-named-invite');
		await page.getByLabel('Password').fill(NEW_PASSWORD);
		await page.getByRole('button', { name: 'Make my account' }).click();
		await expect(page).toHaveURL(/\/account\/mfa/);
		await page.goto('/lead');
		await expect(page).toHaveURL(/\/account\/mfa/);
		const [row] = queryDatabase<{ username: string }>(
			NO_DEMO_DB,
			'SELECT username FROM user WHERE username = ?',
			username
		);
		expect(row.username).toBe(username);
	});
});

test('"sign out everywhere" and "sign out this one" end sessions on other devices', async ({
	browser
}) => {
	const pa = await newPage(browser);
	await signIn(pa, 'demo-adviser');
	await pa.goto('/staff/leavers/new');
	await pa.getByLabel('First name').fill('Sky');
	await pa.getByLabel('Date of birth').fill('2005-09-09');
	await pa.getByRole('button', { name: 'Add and get a code' }).click();
	const code = (await pa.getByTestId('invite-code').textContent())!.trim();

	const phone = await newPage(browser);
	const username = uniqueName('sky');
	await join(phone, code, username);
	const laptop = await newPage(browser);
	await signIn(laptop, username, NEW_PASSWORD);
	const tablet = await newPage(browser);
	await signIn(tablet, username, NEW_PASSWORD);

	await phone.goto('/account');
	await expect(phone.getByRole('listitem').filter({ hasText: 'Last used' })).toHaveCount(3);
	await expectNoAxeViolations(phone);
	// Sign out the first other device in the list that is not this one.
	await phone
		.getByRole('listitem')
		.filter({ hasText: 'Last used' })
		.filter({ hasNotText: 'This device' })
		.first()
		.getByRole('button', { name: /Sign out this one/ })
		.click();
	await expect(phone.getByRole('status')).toContainText('Signed out');
	await expect(phone.getByRole('listitem').filter({ hasText: 'Last used' })).toHaveCount(2);

	await phone.getByRole('button', { name: 'Sign out everywhere' }).click();
	await expect(phone).toHaveURL(/\/login/);
	for (const device of [laptop, tablet]) {
		await device.goto('/account');
		await expect(device).toHaveURL(/\/login\?redirectTo=%2Faccount/);
	}
});

test('what someone types before the page has finished loading is kept', async ({ browser }) => {
	const pa = await newPage(browser);
	await signIn(pa, 'demo-adviser');
	const startScripts = await holdScripts(pa);
	await pa.goto('/staff/leavers/new', { waitUntil: 'commit' });
	await pa.getByLabel('First name').fill('Rowan');
	await pa.getByLabel('Date of birth').fill('2006-03-04');
	startScripts();
	await pa.waitForLoadState('networkidle');

	await expect(pa.getByLabel('First name')).toHaveValue('Rowan');
	await expect(pa.getByLabel('Date of birth')).toHaveValue('2006-03-04');
	await pa.getByRole('button', { name: 'Add and get a code' }).click();
	await expect(pa.getByRole('heading', { name: 'Rowan is added' })).toBeVisible();
	await pa.context().close();
});

test('the notifications buttons’ words come with the page, whichever shows', async ({ page }) => {
	// Which button shows (on, off, or none) is known only in the browser. The words a page did not
	// use on the server come later with /i18n/LANG.js, and until then a button would be empty,
	// with no name for a screen reader: so the page carries them all.
	await signIn(page, 'demo-adviser');
	const html = await (await page.request.get('/account')).text();
	const words = html.slice(html.indexOf('__paraglide'));
	for (const label of ['Turn on notifications', 'Turn off notifications']) {
		expect(words, label).toContain(label);
	}
});
