#!/usr/bin/env node
/**
 * What the Consent Mode placement costs: the same page with piekritu as a synchronous
 * script before the tag manager (the only way its default precedes the tags) and as the
 * usual deferred script. Headless Chromium, 4× CPU throttling, a fresh context per run,
 * the two pages in turn; medians of DOMContentLoaded, first contentful paint, and whether
 * an inline "tag manager" right after the element saw the consent default.
 *
 *   node test/bench/placement.mjs [--rounds 15]
 */
import { chromium } from 'playwright-core';
import { serve } from '../../demo/serve.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 15;
const PAGES = { synchronous: '/test/bench/pages/placement-sync.html', deferred: '/test/bench/pages/placement-defer.html' };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const server = await serve({ port: 0 });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
const results = Object.fromEntries(Object.keys(PAGES).map((name) => [name, { dcl: [], fcp: [], sawDefault: 0 }]));
try {
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, path] of Object.entries(PAGES)) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
      const timing = await page.evaluate(() => {
        const [navigation] = performance.getEntriesByType('navigation');
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return { dcl: navigation.domContentLoadedEventEnd, fcp: paint?.startTime ?? NaN, sawDefault: window.__gtmSawDefault };
      });
      results[name].dcl.push(timing.dcl);
      results[name].fcp.push(timing.fcp);
      if (timing.sawDefault) results[name].sawDefault += 1;
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(`Consent Mode placement, ${rounds} rounds, 4× CPU throttling (medians, ms)\n`);
console.log('placement      DOMContentLoaded   first paint   tag manager saw the default');
for (const [name, { dcl, fcp, sawDefault }] of Object.entries(results)) {
  console.log(`${name.padEnd(14)} ${median(dcl).toFixed(1).padStart(16)}   ${median(fcp).toFixed(1).padStart(11)}   ${sawDefault}/${rounds}`);
}
const cost = median(results.synchronous.dcl) - median(results.deferred.dcl);
console.log(`\nThe synchronous placement moves DOMContentLoaded by ${cost.toFixed(1)} ms (median).`);
