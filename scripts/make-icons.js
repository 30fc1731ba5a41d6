#!/usr/bin/env node
// Makes the home-screen icons in static/icons/ from the council's logo and colours (the content
// file's `council.logo` and `council.colours.primary`), drawn by Chromium so no image library with
// a native binary is needed. Run it again after changing the logo, and commit the PNGs:
//   node scripts/make-icons.js [content-file]
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const contentFile = process.argv[2] ?? process.env.SEED_FILE ?? 'content/stockton-on-tees.json';
const { council } = JSON.parse(readFileSync(join(root, contentFile), 'utf8'));
const logoPath = join(root, 'static', (council.logo ?? '/logo.svg').replace(/^\//, ''));
const logo = readFileSync(logoPath, 'utf8');
const background = council.colours.primary;
const outDir = join(root, 'static', 'icons');

/**
 * `logoShare` is the logo's width as a share of the icon. Maskable icons are cropped to shapes as
 * small as a circle of 80 %, so their logo stays inside that safe zone on a full-bleed background.
 * iOS fills transparent corners with black, so its icon has the background too.
 */
const ICONS = [
	{ file: 'icon-192.png', size: 192, logoShare: 1, fill: null },
	{ file: 'icon-512.png', size: 512, logoShare: 1, fill: null },
	{ file: 'maskable-512.png', size: 512, logoShare: 0.6, fill: background },
	{ file: 'apple-touch-icon.png', size: 180, logoShare: 0.72, fill: background }
];

function pageFor({ size, logoShare, fill }) {
	const logoSize = Math.round(size * logoShare);
	return `<!doctype html><html><head><style>
		html, body { margin: 0; width: ${size}px; height: ${size}px; background: ${fill ?? 'transparent'}; }
		body { display: grid; place-items: center; }
		svg { width: ${logoSize}px; height: ${logoSize}px; display: block; }
	</style></head><body>${logo}</body></html>`;
}

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const browser = await chromium.launch({
	executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
	args: ['--no-sandbox', '--disable-gpu']
});
try {
	mkdirSync(outDir, { recursive: true });
	for (const icon of ICONS) {
		const page = await browser.newPage({
			viewport: { width: icon.size, height: icon.size },
			deviceScaleFactor: 1
		});
		await page.setContent(pageFor(icon));
		await page.screenshot({ path: join(outDir, icon.file), omitBackground: icon.fill === null });
		await page.close();
		console.log(`static/icons/${icon.file} (${icon.size}×${icon.size})`);
	}
} finally {
	await browser.close();
}
