import type { Page } from '@playwright/test';

/**
 * Collects every content-security-policy violation the page reports, from the
 * `securitypolicyviolation` event (added before any of the page's own scripts run; Playwright's
 * init scripts are not themselves subject to the page's policy) and from Chromium's console
 * messages ("Refused to load … because it violates the following Content Security Policy …").
 * Assert the returned list is empty once the page has done its work.
 */
export async function watchCspViolations(page: Page): Promise<string[]> {
	const violations: string[] = [];
	await page.exposeFunction('__reportCspViolation', (text: string) => {
		violations.push(text);
	});
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			const report = (window as unknown as { __reportCspViolation: (text: string) => void })
				.__reportCspViolation;
			void report(
				`${location.pathname}: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`
			);
		});
	});
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) {
			violations.push(`${page.url()}: ${message.text()}`);
		}
	});
	return violations;
}
