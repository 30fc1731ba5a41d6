import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations, PHONE_WIDTH, sidewaysScrolling } from './a11y';
import { DEMO_DB, queryDatabase, signIn, uniqueAddress } from './helpers';
import { startFakePushService } from './push-service';

/** A page of its own, with its own client address (the sign-in throttle is per address). */
async function newPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
	const context = await browser.newContext({
		...options,
		extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress() }
	});
	return context.newPage();
}

/**
 * A care leaver of the test's own (invited by demo-adviser, joined with the code), so going to
 * events never changes what the shared demo accounts show other tests running at the same time.
 */
async function newCareLeaver(browser: Browser, name: string) {
	const pa = await newPage(browser);
	await signIn(pa, 'demo-adviser');
	await pa.goto('/staff/leavers/new');
	await pa.getByLabel('First name').fill(name);
	await pa.getByLabel('Date of birth').fill('2006-05-01');
	await pa.getByRole('button', { name: 'Add and get a code' }).click();
	const code = (await pa.getByTestId('invite-code').textContent())!.trim();
	await pa.context().close();
	const username = `${name.toLowerCase()}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
	const password = 'blue kettle sunrise';
	const page = await newPage(browser);
	await page.goto('/join');
	await page.getByLabel('Your code').fill(code);
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Make my account' }).click();
	await expect(page.getByRole('button', { name: /Sign out/ })).toBeVisible();
	return { page, username, password };
}

/** A day next year, so the event is always still to come. */
const nextYear = (monthDay: string) => `${new Date().getUTCFullYear() + 1}-${monthDay}`;

/** A lead adds and publishes an event through the form; returns its id. */
async function publishEvent(
	lead: Page,
	{ title, date, capacity }: { title: string; date: string; capacity: string }
) {
	await lead.goto('/lead/events/new');
	await lead.getByLabel('Title').fill(title);
	await lead.getByRole('radio', { name: 'Activity' }).check();
	await lead.getByLabel('Summary').fill('Cook a meal together and take the recipes home.');
	await lead
		.getByLabel('What happens')
		.fill('We cook a simple meal together, eat it, and you take the recipes home.');
	await lead.getByLabel('Date', { exact: true }).fill(date);
	await lead.getByLabel('Starts at').fill('18:00');
	await lead.getByLabel('Ends at').fill('20:00');
	await lead.getByLabel('Place', { exact: true }).fill('Stockton Central Library, Church Road');
	await lead.getByLabel('Places', { exact: true }).fill(capacity);
	await lead.getByRole('button', { name: 'Publish' }).click();
	await expect(lead.getByText('Published: young people can see it')).toBeVisible();
	return Number(/\/lead\/events\/(\d+)/.exec(lead.url())![1]);
}

test('a lead publishes an event with one place; the second care leaver waits and moves up when the first cancels', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const lead = await newPage(browser);
	await signIn(lead, 'demo-lead');
	const title = `Cook and eat ${Date.now()}`;
	const id = await publishEvent(lead, { title, date: nextYear('03-11'), capacity: '1' });

	const a = await newCareLeaver(browser, 'Ayla');
	const b = await newCareLeaver(browser, 'Bilal');

	await a.page.goto(`/events/${id}`);
	await expect(a.page.getByText('Places left: 1')).toBeVisible();
	await a.page.getByRole('button', { name: "I'm going" }).click();
	await expect(a.page.getByText("You're going. See you there!")).toBeVisible();
	await expect(a.page.getByRole('button', { name: 'Cancel my place' })).toBeVisible();
	await expectNoAxeViolations(a.page);

	// Bilal's phone takes notices: moving up from the waiting list sends one.
	const push = await startFakePushService();
	expect((await b.page.request.post('/api/push', { data: push.subscription })).status()).toBe(201);
	await b.page.goto(`/events/${id}`);
	await expect(b.page.getByText('Full – join the waiting list')).toBeVisible();
	await b.page.getByRole('button', { name: 'Join the waiting list' }).click();
	await expect(b.page.getByText("You're on the waiting list. You are number 1.")).toBeVisible();

	// The lead sees who is going and who is waiting, by first name.
	await lead.goto(`/lead/events/${id}`);
	await expect(lead.getByRole('region', { name: /^Going/ })).toContainText('Ayla');
	await expect(lead.getByRole('region', { name: /^Waiting list/ })).toContainText('Bilal');
	await expectNoAxeViolations(lead);

	await a.page.getByRole('button', { name: 'Cancel my place' }).click();
	await expect(a.page.getByText('Your place is cancelled.')).toBeVisible();
	await expect(a.page.getByRole('button', { name: 'Join the waiting list' })).toBeVisible();

	await b.page.reload();
	await expect(b.page.getByText("You're going. See you there!")).toBeVisible();
	// The notice says a place came up and links the event, but never names it (a lock screen).
	await expect.poll(() => push.received.length, { timeout: 10_000 }).toBe(1);
	push.close();
	const notice = JSON.parse(push.plainText(0));
	expect(notice.body).toBe('You have a place now. Open the app to see which event.');
	expect(notice.url).toBe(`/events/${id}`);
	expect(push.plainText(0)).not.toContain('Cook');
	await b.page.goto('/events');
	await expect(
		b.page.getByRole('listitem').filter({ hasText: title }).getByText("You're going")
	).toBeVisible();

	await lead.reload();
	await expect(lead.getByRole('region', { name: /^Going/ })).toContainText('Bilal');
	await expect(lead.getByRole('region', { name: /^Going/ })).not.toContainText('Ayla');
});

test('"Add to calendar" downloads an .ics file with the times in UTC either side of the clock change', async ({
	browser,
	request
}) => {
	const lead = await newPage(browser);
	await signIn(lead, 'demo-lead');
	// 18:00 in London: 17:00 UTC in summer time (BST), 18:00 UTC in winter (GMT).
	const summer = await publishEvent(lead, {
		title: `Summer barbecue ${Date.now()}`,
		date: nextYear('07-15'),
		capacity: ''
	});
	const winter = await publishEvent(lead, {
		title: `Winter games night ${Date.now()}`,
		date: nextYear('01-14'),
		capacity: ''
	});

	const page = await newPage(browser);
	await page.goto(`/events/${summer}`);
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Add to calendar' }).click();
	expect((await download).suggestedFilename()).toBe(`event-${summer}.ics`);

	const year = new Date().getUTCFullYear() + 1;
	for (const [id, start, end] of [
		[summer, `${year}0715T170000Z`, `${year}0715T190000Z`],
		[winter, `${year}0114T180000Z`, `${year}0114T200000Z`]
	] as const) {
		const response = await request.get(`/events/${id}/calendar.ics`);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
		const text = (await response.text()).replace(/\r\n[ \t]/g, '');
		expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
		expect(text).toContain('BEGIN:VEVENT\r\n');
		expect(text).toContain(`DTSTART:${start}\r\n`);
		expect(text).toContain(`DTEND:${end}\r\n`);
		expect(text).toMatch(new RegExp(`UID:event-${id}@`));
		expect(text).toContain('LOCATION:Stockton Central Library\\, Church Road');
		expect(text).toMatch(new RegExp(`URL:http://localhost:\\d+/events/${id}\r\n`));
	}
});

/** The demo's full drop-in (one place, held by demo-leaver-2). */
const fullDemoEvent = () =>
	queryDatabase<{ id: number }>(
		DEMO_DB,
		"SELECT id FROM calendar_event WHERE kind = 'drop-in' AND status = 'published' ORDER BY id DESC LIMIT 1"
	)[0].id;

for (const language of ['en', 'ar'] as const) {
	test(`the events pages in ${language} have no axe violations and no sideways scroll at 360 px`, async ({
		page
	}) => {
		await page.setViewportSize({ width: PHONE_WIDTH, height: 800 });
		const prefix = language === 'en' ? '' : `/${language}`;
		await page.goto(`${prefix}/events`);
		await expect(page.locator('html')).toHaveAttribute('lang', new RegExp(`^${language}`));
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByRole('listitem').filter({ hasText: 'drop-in' }).first()).toBeVisible();
		await expectNoAxeViolations(page);
		expect(await sidewaysScrolling(page)).toEqual([]);

		await page.goto(`${prefix}/events/${fullDemoEvent()}`);
		if (language === 'ar') {
			await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		}
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoAxeViolations(page);
		expect(await sidewaysScrolling(page)).toEqual([]);
	});
}

test('a visitor is asked to sign in to say they are going, and comes back to the event after', async ({
	page
}) => {
	const id = fullDemoEvent();
	await page.goto(`/events/${id}`);
	await expect(page.getByText('Full – join the waiting list')).toBeVisible();
	await expect(page.getByRole('button', { name: /I'm going|waiting list/ })).toHaveCount(0);
	const signInLink = page.getByRole('link', { name: "Sign in to say you're going" });
	await expect(signInLink).toHaveAttribute(
		'href',
		`/login?redirectTo=${encodeURIComponent(`/events/${id}`)}`
	);
	await page.goto(`/ar/events/${id}`);
	await expect(page.getByRole('link', { name: 'سجّل الدخول لتقول إنك ستحضر' })).toHaveAttribute(
		'href',
		`/ar/login?redirectTo=${encodeURIComponent(`/ar/events/${id}`)}`
	);
});

test("I'm going and Cancel my place work without JavaScript", async ({ browser }) => {
	const lead = await newPage(browser);
	await signIn(lead, 'demo-lead');
	const id = await publishEvent(lead, {
		title: `Bowling ${Date.now()}`,
		date: nextYear('05-20'),
		capacity: ''
	});
	const { page: withScripts, username, password } = await newCareLeaver(browser, 'Chidi');
	await withScripts.context().close();

	const page = await newPage(browser, { javaScriptEnabled: false });
	await signIn(page, username, password);
	await page.goto(`/events/${id}`);
	await page.getByRole('button', { name: "I'm going" }).click();
	await expect(page.getByText("You're going. See you there!")).toBeVisible();
	await page.getByRole('button', { name: 'Cancel my place' }).click();
	await expect(page.getByText('Your place is cancelled.')).toBeVisible();
	await expect(page.getByRole('button', { name: "I'm going" })).toBeVisible();
});

test("the lead's event form says what is wrong beside each field and keeps what was typed", async ({
	browser
}) => {
	const lead = await newPage(browser);
	await signIn(lead, 'demo-lead');
	await lead.goto('/lead/events/new');
	await lead.getByLabel('Title').fill('Pizza night');
	await lead.getByLabel('Starts at').fill('19:00');
	await lead.getByLabel('Ends at').fill('18:00');
	await lead.getByLabel('Places', { exact: true }).fill('0');
	await lead.getByRole('button', { name: 'Publish' }).click();

	const summary = lead.getByRole('alert');
	await expect(summary).toContainText('Choose what kind of event it is');
	await expect(lead).toHaveTitle(/^Error: /);
	await expect(lead.getByLabel('Ends at')).toHaveAccessibleDescription(
		/The end time must be after the start time/
	);
	await expect(lead.getByLabel('Places', { exact: true })).toHaveAccessibleDescription(
		/Enter at least 1 place/
	);
	await expect(lead.getByLabel('Title')).toHaveValue('Pizza night');
	await expect(lead.getByLabel('Starts at')).toHaveValue('19:00');
	await summary.getByRole('link', { name: 'The end time must be after the start time' }).click();
	await expect(lead.getByLabel('Ends at')).toBeFocused();
	await expectNoAxeViolations(lead);
	expect(
		queryDatabase<{ n: number }>(
			DEMO_DB,
			"SELECT count(*) AS n FROM calendar_event WHERE title = 'Pizza night'"
		)[0].n
	).toBe(0);
});
