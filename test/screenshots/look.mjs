#!/usr/bin/env node
/**
 * Pictures to look at while working, not for the README: the demo page in each language
 * and colour scheme, at a phone's and a desktop's size, with the banner, the settings and
 * the policy; each picture's name says what it shows, and the banner's share of the
 * screen is printed.
 *
 *   npm run build && node test/screenshots/look.mjs [out-folder]
 */
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve } from '../../demo/serve.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const out = process.argv[2] ?? 'look';
await mkdir(out, { recursive: true });
const server = await serve({ port: 0, handlers: {} });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
const sizes = { phone: { width: 320, height: 640 }, landscape: { width: 640, height: 360 }, desktop: { width: 1280, height: 800 } };
try {
  for (const lang of ['lv', 'en', 'ru']) {
    for (const scheme of ['light', 'dark']) {
      for (const [size, viewport] of Object.entries(sizes)) {
        const context = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme: scheme, reducedMotion: 'reduce' });
        const page = await context.newPage();
        await page.goto(`${server.url}/demo/`);
        await page.evaluate((lang) => document.documentElement.setAttribute('lang', lang), lang);
        const consent = page.locator('piekritu-consent');
        const banner = consent.locator('[part~="banner"]');
        await banner.waitFor();
        await page.waitForFunction((lang) => document.querySelector('piekritu-consent')?.shadowRoot?.querySelector('[part~="banner"]')?.getAttribute('lang') === lang, lang);
        await page.waitForTimeout(200);
        const box = await banner.boundingBox();
        console.log(`${lang} ${scheme} ${size}: banner ${Math.round(box.width)}×${Math.round(box.height)} = ${Math.round((100 * box.width * box.height) / (viewport.width * viewport.height))} % of the screen`);
        await page.screenshot({ path: `${out}/${lang}-${scheme}-${size}-banner.png` });
        for (const view of ['preferences', 'policy']) {
          await page.evaluate((view) => document.querySelector('piekritu-consent').show(view), view);
          await consent.locator(`dialog[part~="${view}"][open]`).waitFor();
          await page.waitForTimeout(400);
          await page.screenshot({ path: `${out}/${lang}-${scheme}-${size}-${view}.png` });
          await page.evaluate(() => document.querySelector('piekritu-consent').hide());
          await page.evaluate(() => document.querySelector('piekritu-consent').show('banner'));
        }
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
