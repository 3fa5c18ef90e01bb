// Renders images/icon.png (128x128, the Marketplace size) from the SVG below in headless Chromium, so the icon
// is reproducible from source. Needs Debian's chromium (scripts/ensure-test-tools.sh). Run: node scripts/make-icon.mjs
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// A shield (authorization) holding a list of grants, one struck out by a lint mark.
const svg = `
<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#3b2f8f"/>
      <stop offset="1" stop-color="#1d1647"/>
    </linearGradient>
  </defs>
  <rect x="4" y="4" width="120" height="120" rx="26" fill="url(#bg)"/>
  <path d="M64 16 L102 30 V60 C102 84 86 102 64 112 C42 102 26 84 26 60 V30 Z" fill="#ffffff" fill-opacity="0.12"
        stroke="#c9c2ff" stroke-width="4" stroke-linejoin="round"/>
  <g stroke-linecap="round" stroke-width="7">
    <line x1="44" y1="44" x2="50" y2="44" stroke="#7ee2a8"/>
    <line x1="58" y1="44" x2="84" y2="44" stroke="#ffffff"/>
    <line x1="44" y1="62" x2="50" y2="62" stroke="#7ee2a8"/>
    <line x1="58" y1="62" x2="84" y2="62" stroke="#ffffff"/>
    <line x1="44" y1="80" x2="50" y2="80" stroke="#ff6b6b"/>
    <line x1="58" y1="80" x2="84" y2="80" stroke="#ffffff" stroke-opacity="0.55"/>
  </g>
  <path d="M56 90 q4 -5 8 0 t8 0 t8 0 t8 0" fill="none" stroke="#ff6b6b" stroke-width="3.5" stroke-linecap="round"/>
</svg>`;

const out = join(process.cwd(), 'images', 'icon.png');
mkdirSync(join(process.cwd(), 'images'), { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  timeout: 60_000,
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
  console.log(`wrote ${out}`);
} finally {
  // Playwright gives the browser a fresh temporary profile and removes it on close.
  await browser.close();
}
