#!/usr/bin/env node
/**
 * How much of the instant snippet's distance to the static floor is its script's, on a fast
 * connection. A `defer` script that has already arrived runs when the parser is done, before
 * the page's first frame, although the element registers only after that frame. The
 * snippet's page three ways, beside the static floor, paired per round:
 *
 *   as shipped     the README's install: the stub, the banner, `<script defer>`
 *   no script      the same page without the script: the banner the page brings, never
 *                  hydrated (what the stub and the banner's markup cost alone)
 *   after frame    the script inserted by an inline script after the banner's first frame:
 *                  a reference, not an install piekritu ships (see the README's bench section)
 *
 * Headless Chromium, 4× CPU throttling, localhost, a fresh context per run, a warm-up round,
 * then the pages in turn, the first page rotating round by round as in bench.mjs; "visible"
 * as the bench's probe sees it (probe.mjs), read after the page has settled, not polled.
 *
 *   npm run build && node test/bench/instant-script.mjs [--rounds 30]
 */
import { chromium } from 'playwright-core';
import { serve } from '../../demo/serve.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { ms, ratio, table } from '../size/format.mjs';
import { probe } from './probe.mjs';
import { median, medianInterval } from './stats.mjs';
import { variantHandlers, variantPath } from './variants.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--rounds');
const rounds = at < 0 ? 30 : Number(args[at + 1]);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds needs a whole number of at least 1, got ${args[at + 1] ?? 'nothing'}`);

const BANNER = { host: 'piekritu-consent', selector: '[part~="banner"]' };
const PAGES = [
  { id: 'static', label: 'static floor', path: '/test/bench/pages/static.html', banner: { selector: '.banner' } },
  { id: 'shipped', label: 'instant snippet, as shipped', path: '/test/bench/pages/piekritu.html?render=snippet', banner: BANNER },
  { id: 'no-script', label: 'instant snippet, no script', path: variantPath('snippet-no-script'), banner: BANNER },
  { id: 'after-frame', label: 'instant snippet, script after the frame', path: variantPath('snippet-after-frame'), banner: BANNER },
];

const server = await serve({ port: 0, handlers: variantHandlers() });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
const visible = Object.fromEntries(PAGES.map((page) => [page.id, []]));
const problems = [];
try {
  for (let round = -1; round < rounds; round += 1) {
    process.stderr.write(round < 0 ? 'warm-up\n' : `round ${round + 1}/${rounds}\n`);
    const offset = (round + 1) % PAGES.length;
    for (const spec of [...PAGES.slice(offset), ...PAGES.slice(0, offset)]) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      try {
        const page = await context.newPage();
        page.on('pageerror', (error) => problems.push(`${spec.label}: ${error.message}`));
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await page.addInitScript(probe, { ...spec.banner, poll: true, timeout: 10_000 });
        await page.goto(server.url + spec.path, { waitUntil: 'load' });
        // Settled, then read once: polling would run script in the page while it starts.
        await new Promise((resolve) => setTimeout(resolve, 500));
        const at = await page.evaluate(() => window.__bench.visibleAt);
        if (at == null) problems.push(`${spec.label}: the banner was not visible 500 ms after load`);
        if (round >= 0) visible[spec.id][round] = at;
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close?.();
}
if (problems.length > 0) {
  for (const problem of new Set(problems)) console.error(`instant-script: ${problem}`);
  process.exit(1);
}

const floor = visible.static;
console.log(`The instant snippet's banner and the deferred script: ${rounds} rounds, localhost, 4× CPU throttling; ÷ static floor paired per round\n`);
console.log(
  table(
    ['page', 'banner visible', '÷ static floor', '95 % interval'],
    PAGES.map((spec) => {
      if (spec.id === 'static') return [spec.label, ms(median(visible.static)), '', ''];
      const interval = medianInterval(visible[spec.id].map((value, round) => value / floor[round]));
      return [spec.label, ms(median(visible[spec.id])), ratio(interval.median), interval.low == null ? '–' : `${ratio(interval.low)} to ${ratio(interval.high)}`];
    }),
    { right: [1, 2] },
  ),
);
process.exit(0);
