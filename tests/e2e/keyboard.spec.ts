import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, uniqueAddress } from './helpers';

/**
 * The main journeys with a keyboard only: Tab, Shift+Tab, Enter, Space, arrows and typing, no
 * clicks. Wherever focus lands on the way it must be visible (the app's yellow-and-black focus
 * style, or at least an outline or a ring).
 */

type Focused = {
	tag: string;
	type: string;
	name: string;
	href: string;
	focusVisible: boolean;
	indicator: boolean;
};

async function focused(page: Page): Promise<Focused | null> {
	return page.evaluate(() => {
		const element = document.activeElement as HTMLElement | null;
		if (!element || element === document.body) {
			return null;
		}
		const style = getComputedStyle(element);
		const labels = (element as HTMLInputElement).labels;
		const name =
			element.getAttribute('aria-label') ??
			(labels && labels.length > 0 ? labels[0].textContent : null) ??
			element.textContent ??
			'';
		return {
			tag: element.tagName.toLowerCase(),
			type: element.getAttribute('type') ?? '',
			name: name.replace(/\s+/g, ' ').trim(),
			href: element.getAttribute('href') ?? '',
			// A date field's focus is inside its day/month/year parts.
			focusVisible: element.matches(':focus-visible, input[type="date"]:focus-within'),
			indicator:
				(style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
				style.boxShadow !== 'none'
		};
	});
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, checking on the way that every
 * element focus lands on shows it.
 */
async function tabTo(
	page: Page,
	matches: (element: Focused) => boolean,
	{ backwards = false, max = 120 } = {}
) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
		const element = await focused(page);
		if (!element) {
			continue;
		}
		expect(
			element.focusVisible && element.indicator,
			`focus is visible on ${element.tag} "${element.name.slice(0, 60)}"`
		).toBe(true);
		if (matches(element)) {
			return element;
		}
	}
	throw new Error(`Tab never reached the element on ${page.url()}`);
}

const named = (pattern: RegExp) => (element: Focused) => pattern.test(element.name);

async function signInWithKeyboard(page: Page, username: string) {
	await page.goto('/login');
	await tabTo(page, (e) => e.tag === 'input' && /Username/.test(e.name));
	await page.keyboard.type(username);
	await tabTo(page, (e) => e.tag === 'input' && /Password/.test(e.name));
	await page.keyboard.type(DEMO_PASSWORD);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: /Sign out/ }).first()).toBeVisible();
}

test.beforeEach(async ({ page }) => {
	await page.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueAddress() });
});

test('a care leaver asks their PA for help with the keyboard alone', async ({ page }) => {
	await signInWithKeyboard(page, 'demo-leaver');
	// The skip link comes first, and takes focus past the header.
	await page.goto('/');
	const skip = await tabTo(page, named(/Skip to main content/), { max: 1 });
	expect(skip.href).toBe('#main');

	await tabTo(page, (e) => e.tag === 'a' && e.href === '/requests');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toContainText(/request/i);
	await tabTo(page, (e) => e.tag === 'a' && e.href === '/requests/new');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/requests\/new/);

	await tabTo(page, (e) => e.tag === 'select' && /What is it about/.test(e.name));
	await page.keyboard.press('ArrowDown');
	await expect(page.getByLabel('What is it about?')).not.toHaveValue('');
	const message = `Keyboard only ${Date.now()}: can you help me with my bus fares?`;
	await tabTo(page, (e) => e.tag === 'textarea');
	await page.keyboard.type(message);
	// The way to be contacted: a radio group, chosen with the arrow keys and Space.
	await tabTo(page, (e) => e.type === 'radio');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('Space');
	await expect(page.getByRole('radio', { name: 'A message in this app' })).toBeChecked();
	await tabTo(page, (e) => e.tag === 'button' && /Send to my PA/.test(e.name));
	await page.keyboard.press('Enter');

	await expect(page).toHaveURL(/\/requests\/\d+(\?sent=1)?$/);
	await expect(page.getByText(message)).toBeVisible();
});

test('a PA opens a request and replies with the keyboard alone', async ({ page }) => {
	await signInWithKeyboard(page, 'demo-adviser');
	await page.goto('/staff');
	await tabTo(page, (e) => e.tag === 'a' && /^\/staff\/requests\/\d+$/.test(e.href));
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/staff\/requests\/\d+$/);

	const reply = `Keyboard reply ${Date.now()}: I will call you tomorrow.`;
	await tabTo(page, (e) => e.tag === 'textarea' && /Message/.test(e.name));
	await page.keyboard.type(reply);
	// Shift+Tab goes back the way it came, and Tab forward again reaches the same field.
	await tabTo(page, (e) => e.tag !== 'textarea', { backwards: true, max: 5 });
	await tabTo(page, (e) => e.tag === 'textarea' && /Message/.test(e.name), { max: 5 });
	await tabTo(page, (e) => e.tag === 'button' && /Send reply/.test(e.name));
	await page.keyboard.press('Space');

	await expect(page.getByRole('list', { name: 'Messages and notes' })).toContainText(reply);
});

test('a service lead reads the dashboard with the keyboard alone', async ({ page }) => {
	await signInWithKeyboard(page, 'demo-lead');
	await page.goto('/');
	await tabTo(page, (e) => e.tag === 'a' && e.href === '/lead');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: 'Uptake of the offer' })).toBeVisible();

	// A new period: the date fields take typed dates, Enter on the button shows it.
	await tabTo(page, (e) => e.tag === 'input' && /From/.test(e.name));
	await page.keyboard.type('01012026');
	await tabTo(page, (e) => e.tag === 'button' && /Show this period/.test(e.name));
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/from=2026-01-01/);

	// The wide tables scroll from the keyboard: each is a focusable region.
	const table = await tabTo(page, (e) => e.tag === 'div' && e.name.includes('Offer'));
	expect(table.tag).toBe('div');
	await page.keyboard.press('ArrowRight');
	// And an offer's own trend opens from its link in the table.
	await tabTo(page, (e) => e.tag === 'a' && e.href.startsWith('/lead/uptake/'));
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/lead\/uptake\//);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
