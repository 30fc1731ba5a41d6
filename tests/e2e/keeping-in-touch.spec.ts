import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, PHONE_WIDTH, sidewaysScrolling } from './a11y';
import { DEMO_DB, newPage, queryDatabase, signIn, userId } from './helpers';

test.describe('keeping in touch', () => {
	test('the young person 11 weeks without contact is first on the PA’s list, in red, and counted on the inbox', async ({
		page
	}) => {
		await signIn(page, 'demo-adviser');
		await expect(page.getByText('had no contact for more than 8 weeks')).toBeVisible();
		await page.getByRole('link', { name: 'Get back in touch' }).click();
		await expect(page).toHaveURL(/\/staff\/leavers$/);
		const first = page.getByRole('row').nth(1);
		await expect(first.getByRole('rowheader')).toHaveText('Blake');
		await expect(first.getByText('No contact for 11 weeks.')).toBeVisible();
		await expect(first.getByText(/spoke on the phone/)).toBeVisible();
		// demo-leaver checked in a week ago: in touch, not marked.
		const jordan = page.getByRole('row').filter({ hasText: 'Jordan' });
		await expect(jordan.getByText(/checked in|wrote to their PA|read a reply/)).toBeVisible();
		await expect(jordan.getByText(/No contact for/)).toHaveCount(0);

		await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
		expect(await sidewaysScrolling(page)).toEqual([]);
		await expectNoAxeViolations(page);
	});

	test('a PA sees a young person’s last check-ins and logs a contact; another PA gets 404', async ({
		browser
	}) => {
		const pa = await newPage(browser);
		await signIn(pa, 'demo-adviser');
		await pa.goto(`/staff/leavers/${userId(DEMO_DB, 'demo-leaver')}`);
		const trend = pa.getByRole('list', { name: 'Last check-ins, oldest first' });
		await expect(trend.getByRole('listitem')).toHaveCount(6);
		await pa.setViewportSize({ width: PHONE_WIDTH, height: 740 });
		expect(await sidewaysScrolling(pa)).toEqual([]);
		await expectNoAxeViolations(pa);

		const other = await newPage(browser);
		await signIn(other, 'demo-adviser-2');
		const refused = await other.goto(`/staff/leavers/${userId(DEMO_DB, 'demo-leaver')}`);
		expect(refused?.status()).toBe(404);
		await expect(other.getByRole('list', { name: 'Last check-ins, oldest first' })).toHaveCount(0);

		// A young person of this test's own: a contact logged in one tap is their last contact.
		await pa.goto('/staff/leavers/new');
		const name = `Robin${Date.now().toString(36).slice(-4)}`;
		await pa.getByLabel('First name').fill(name);
		await pa.getByLabel('Date of birth').fill('2005-03-01');
		await pa.getByRole('button', { name: 'Add and get a code' }).click();
		await pa.goto('/staff/leavers');
		await pa.getByRole('link', { name, exact: true }).click();
		await expect(pa.getByText('Last contact: none yet.')).toBeVisible();
		// A date to come is refused beside the field, and the choice is kept.
		await pa.getByLabel('We met').check();
		await pa.getByLabel('When').fill('2099-01-01');
		await pa.getByRole('button', { name: 'Log contact' }).click();
		await expect(pa.getByText('The date cannot be in the future').first()).toBeVisible();
		await expect(pa.getByLabel('We met')).toBeChecked();
		await pa.getByLabel('When').fill('2026-11-30');
		await pa.getByRole('button', { name: 'Log contact' }).click();
		await expect(pa.getByText(/Last contact: .*30 Nov.*2026 \(met\)/)).toBeVisible();
	});

	test('coming up: a young person turning 25 next month sees exactly the offers whose age range ends at 25', async ({
		browser
	}) => {
		// Born 25 years ago less 30 days: their 25th birthday is in 30 days.
		const birth = new Date(Date.now() + 30 * 86_400_000);
		birth.setUTCFullYear(birth.getUTCFullYear() - 25);
		const dateOfBirth = birth.toISOString().slice(0, 10);
		const pa = await newPage(browser);
		await signIn(pa, 'demo-adviser');
		await pa.goto('/staff/leavers/new');
		await pa.getByLabel('First name').fill('Morgan');
		await pa.getByLabel('Date of birth').fill(dateOfBirth);
		await pa.getByRole('button', { name: 'Add and get a code' }).click();
		const code = (await pa.getByTestId('invite-code').textContent())!.trim();
		const young = await newPage(browser);
		await young.goto('/join');
		await young.getByLabel('Your code').fill(code);
		await young.getByLabel('Username').fill(`morgan-${Date.now().toString(36)}`);
		await young.getByLabel('Password').fill('blue kettle sunrise');
		await young.getByRole('button', { name: 'Make my account' }).click();
		await young.goto('/');

		const comingUp = young.getByRole('region', { name: 'Coming up' });
		await expect(comingUp.getByText(/you turn 25\./)).toBeVisible();
		const endingAt25 = queryDatabase<{ slug: string }>(
			DEMO_DB,
			'SELECT slug FROM offer WHERE published = 1 AND max_age = 25 AND min_age < 25'
		).map((row) => `/offers/${row.slug}`);
		expect(endingAt25.length).toBeGreaterThan(0);
		const lastYear = comingUp.locator('details').filter({ hasText: 'one more year' });
		await lastYear.locator('summary').click();
		const links = await lastYear
			.getByRole('link')
			.evaluateAll((anchors) =>
				anchors.map((anchor) => new URL((anchor as HTMLAnchorElement).href).pathname)
			);
		expect(links.sort()).toEqual(endingAt25.sort());
		await young.setViewportSize({ width: PHONE_WIDTH, height: 740 });
		expect(await sidewaysScrolling(young)).toEqual([]);
		await expectNoAxeViolations(young);
	});
});
