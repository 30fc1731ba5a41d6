import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './a11y';
import { DEMO_DB, signIn, uniqueAddress, userId } from './helpers';

test.use({ extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress() } });
// Many pages, each checked by axe: allow for a slow, busy machine.
test.describe.configure({ timeout: 180_000 });

test('the pages a PA and a lead use have no axe violations', async ({ page }) => {
	await signIn(page, 'demo-lead');
	for (const path of [
		'/lead',
		'/lead/staff',
		'/lead/saved-replies',
		'/lead/settings',
		'/lead/audit',
		'/staff',
		'/staff/leavers',
		`/staff/leavers/${userId(DEMO_DB, 'demo-leaver')}`,
		'/account'
	]) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoAxeViolations(page);
	}
});

test("a care leaver's own pages have no axe violations", async ({ page }) => {
	await signIn(page, 'demo-leaver-2');
	for (const path of ['/requests', '/requests/new', '/account', '/']) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoAxeViolations(page);
	}
});
