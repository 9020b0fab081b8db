#!/usr/bin/env node
/**
 * The README's pictures, made from the real build on the demo page:
 *
 *   npm run build && node test/screenshots/shoot.mjs
 *
 * writes demo/screenshots/{banner,settings,policy}-{light,dark}.png (1280×800 viewport,
 * cropped to the banner or the dialog) and banner-320.png (a 320×640 phone, light).
 *
 * Dark is the visitor's dark colour scheme (`colorScheme: 'dark'`) with the element's
 * default `theme="auto"`: the picture shows what a dark-mode visitor gets, page included,
 * without touching the demo's markup. Every picture is taken in a fresh browser context
 * (no stored choice, so the banner shows), at device scale 1, with reduced motion.
 */
import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../demo/serve.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const ROOT = new URL('../../', import.meta.url);
const OUT = new URL('demo/screenshots/', ROOT);
const PAGE = '/demo/';
/** Room around the cropped banner or dialog, so a little of the page shows. */
const MARGIN = 24;

if (!existsSync(new URL('dist/piekritu.min.js', ROOT))) {
  console.error('dist/piekritu.min.js is missing: run `npm run build` first.');
  process.exit(1);
}
const executablePath = chromiumPath();
if (!executablePath) {
  console.error('No Chromium found: apt-get install chromium, or set CHROME_PATH.');
  process.exit(1);
}

/** The demo page logs decisions and reads them back; here nothing needs keeping. */
const handlers = {
  '/api/consent': (req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end('[]');
    } else {
      req.resume();
      res.writeHead(204);
      res.end();
    }
  },
};

const consent = (page) => page.locator('piekritu-consent');
const button = (page, name) => consent(page).getByRole('button', { name, exact: true });

/** The banner, shown and laid out. */
async function banner(page) {
  const node = consent(page).locator('[part~="banner"]');
  await node.waitFor({ state: 'visible' });
  return node;
}

/** The settings dialog, open and with its texts. */
async function settings(page) {
  await button(page, 'Personalizēt').click();
  const dialog = consent(page).locator('dialog[part~="preferences"][open]');
  await dialog.getByRole('switch').first().waitFor();
  return dialog;
}

/** The policy dialog, open and loaded (its table of contents is there). */
async function policy(page) {
  await button(page, 'Vairāk info').click();
  const dialog = consent(page).locator('dialog[part~="policy"][open]');
  await dialog.getByRole('navigation').waitFor();
  return dialog;
}

/** The element's box plus MARGIN, inside the viewport. */
async function around(locator, viewport) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('nothing to crop to: the element is not rendered');
  const x = Math.max(0, Math.floor(box.x - MARGIN));
  const y = Math.max(0, Math.floor(box.y - MARGIN));
  return {
    x,
    y,
    width: Math.min(viewport.width, Math.ceil(box.x + box.width + MARGIN)) - x,
    height: Math.min(viewport.height, Math.ceil(box.y + box.height + MARGIN)) - y,
  };
}

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 320, height: 640 };

const shots = [
  ...['light', 'dark'].flatMap((scheme) => [
    { file: `banner-${scheme}.png`, scheme, viewport: DESKTOP, open: banner },
    { file: `settings-${scheme}.png`, scheme, viewport: DESKTOP, open: settings },
    { file: `policy-${scheme}.png`, scheme, viewport: DESKTOP, open: policy },
  ]),
  // The whole phone screen: how much of it the banner takes is the point.
  { file: 'banner-320.png', scheme: 'light', viewport: PHONE, open: banner, whole: true },
];

await mkdir(OUT, { recursive: true });
const server = await serve({ port: 0, handlers });
const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
const written = [];
try {
  for (const shot of shots) {
    const context = await browser.newContext({
      viewport: shot.viewport,
      deviceScaleFactor: 1,
      colorScheme: shot.scheme,
      reducedMotion: 'reduce',
      locale: 'lv-LV',
    });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('requestfailed', (request) => problems.push(`${request.url()}: ${request.failure()?.errorText}`));
    await page.goto(`${server.url}${PAGE}`);
    await banner(page);
    const target = await shot.open(page);
    // No hover state left on whatever now lies under the pointer, and fonts settled.
    await page.mouse.move(0, 0);
    await page.evaluate(() => document.fonts.ready);
    const path = fileURLToPath(new URL(shot.file, OUT));
    await page.screenshot({
      path,
      animations: 'disabled',
      caret: 'hide',
      ...(shot.whole ? {} : { clip: await around(target, shot.viewport) }),
    });
    if (problems.length > 0) console.warn(`${shot.file}: ${problems.join('; ')}`);
    written.push([shot.file, (await stat(path)).size]);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const width = Math.max(...written.map(([file]) => file.length));
for (const [file, size] of written) console.log(`demo/screenshots/${file.padEnd(width)}  ${String(size).padStart(7)} bytes`);
