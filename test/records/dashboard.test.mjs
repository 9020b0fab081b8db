/**
 * The records dashboard in Debian's Chromium: behind its token, charts drawn from seeded
 * data, the figures, the lookup, the export, no console errors, and axe finds nothing.
 *
 * PIEKRITU_SCREENSHOT=demo/screenshots/records-dashboard.png also saves the README's picture.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';
import { recordsDashboard } from '../../dist/server.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { idOf, seedFortnight } from './seed.mjs';

const TOKEN = 'correct-horse-battery-staple-42';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let seeded;
let server;
let base;
let browser;

before(async () => {
  seeded = await seedFortnight();
  const dashboard = recordsDashboard({ store: seeded.store, token: TOKEN, path: '/admin/consent' });
  server = createServer((request, response) => {
    if (request.url.startsWith('/admin/consent')) return void dashboard(request, response);
    response.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}/admin/consent`;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => server.close(resolve));
  await seeded.store.close();
  rmSync(dirname(seeded.path), { recursive: true, force: true });
});

/** Pixels of each colour (± a little for anti-aliasing) in a canvas's plot area (below the legend), read back once. */
const pixelsOf = (page, selector, colours) =>
  page.$eval(
    selector,
    (canvas, colours) => {
      const top = Math.round(canvas.height * 0.2);
      const { data } = canvas.getContext('2d').getImageData(0, top, canvas.width, canvas.height - top);
      const counts = colours.map(() => 0);
      for (let i = 0; i < data.length; i += 4) {
        colours.forEach(([r, g, b], k) => {
          if (Math.abs(data[i] - r) < 8 && Math.abs(data[i + 1] - g) < 8 && Math.abs(data[i + 2] - b) < 8 && data[i + 3] > 200) counts[k] += 1;
        });
      }
      return counts;
    },
    colours,
  );
const BLUE = [0x00, 0x72, 0xb2];
const ORANGE = [0xe6, 0x9f, 0x00];
const GREEN = [0x00, 0x9e, 0x73];

describe('records dashboard', () => {
  it('refuses every part without the token, and a wrong one', async () => {
    for (const path of ['/', '/api/stats', '/api/records?id=' + idOf(1), '/export.csv', '/export.jsonl', '/dashboard.js']) {
      const response = await fetch(base + path);
      assert.equal(response.status, 401, path);
      const text = await response.text();
      assert.doesNotMatch(text, /0b1c2d3e/, path);
    }
    assert.equal((await fetch(`${base}/export.csv`, { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status, 401);
    const login = await fetch(`${base}/login`, { method: 'POST', body: new URLSearchParams({ token: 'nope' }), redirect: 'manual' });
    assert.equal(login.status, 401);
    assert.equal(login.headers.get('set-cookie'), null);
  });

  it('reads its sign-in cookie from the Cookie header by the one rule: exact name, first value, never a 500', async () => {
    const cases = [
      // Percent-encoded (every `-` as %2D): read decoded, as any cookie value.
      { cookie: `other=1;piekritu_dashboard=${TOKEN.replaceAll('-', '%2D')}`, status: 200 },
      { cookie: `other=1; piekritu_dashboard \t=\t${TOKEN} `, status: 200 },
      { cookie: `piekritu_dashboard_x=${TOKEN}; xpiekritu_dashboard=${TOKEN}; __proto__=${TOKEN}; constructor=${TOKEN}`, status: 401 },
      // One guess per request: a second copy of the cookie is not tried.
      { cookie: `piekritu_dashboard=wrong-token-of-some-length; piekritu_dashboard=${TOKEN}`, status: 401 },
      { cookie: 'piekritu_dashboard=%E0%A4%A; a=%', status: 401 },
      { cookie: ';;; =;=x; piekritu_dashboard', status: 401 },
    ];
    for (const { cookie, status } of cases) {
      const response = await fetch(`${base}/api/stats`, { headers: { cookie } });
      assert.equal(response.status, status, cookie);
    }
  });

  it('exports with the token: CSV and JSON Lines of a period', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const csv = await fetch(`${base}/export.csv`, { headers: auth });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-disposition'), /attachment; filename="consent-records\.csv"/);
    assert.equal((await csv.text()).trimEnd().split('\r\n').length, seeded.count + 1);
    const last = seeded.plan.at(-1);
    const jsonl = await fetch(`${base}/export.jsonl?from=${last.day}&to=${last.day}`, { headers: auth });
    const rows = (await jsonl.text()).trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.equal(rows.length, last.all + last.necessary + last.custom);
    assert.ok(rows.every((row) => row.receivedAt.startsWith(last.day)));
    assert.equal((await fetch(`${base}/api/stats?from=yesterday`, { headers: auth })).status, 400);
  });

  it('signs in, draws both charts from the data, lists the latest records, looks an id up; no console error, axe clean', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, reducedMotion: 'reduce' });
    const signIn = await context.newPage();
    const first = await signIn.goto(`${base}/`);
    assert.equal(first.status(), 401);
    await signIn.getByLabel('Access token').fill(TOKEN);
    await signIn.getByRole('button', { name: 'Open' }).click();
    await signIn.waitForSelector('main[data-ready="true"]', { timeout: 20_000 });
    await signIn.close();

    // Signed in (the cookie): a page watched from its first request on.
    const page = await context.newPage();
    const problems = [];
    page.on('console', (message) => ['error', 'warning'].includes(message.type()) && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    assert.equal((await page.goto(`${base}/`)).status(), 200);
    await page.waitForSelector('main[data-ready="true"]', { timeout: 20_000 });

    // The figures behind the charts are the seeded ones, day by day.
    const decisions = await page.$$eval('#decisions-table tbody tr', (rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent)));
    assert.deepEqual(
      decisions,
      seeded.plan.map(({ day, all, necessary, custom }) => [day, String(all + necessary + custom), String(all), String(necessary), String(custom)]),
    );
    const total = seeded.count;
    assert.match(await page.locator('#totals').textContent(), new RegExp(`Records${total}`));
    // Analytics: granted by all and custom, offered to everyone; 13 days ago 2 of 5.
    const analytics = await page.$$eval('#categories-table tbody tr', (rows) => rows.map((row) => row.cells[1].textContent));
    assert.equal(analytics[0], '40 % (2 of 5)');

    // Drawn: each series' colour covers part of its canvas; more accept-all than custom bars.
    const [blue, orange, green] = await pixelsOf(page, '#decisions', [BLUE, ORANGE, GREEN]);
    assert.ok(blue > 2000, `accept-all bars: ${blue} px`);
    assert.ok(green > 100 && green < blue, `custom bars: ${green} px`);
    assert.ok(orange > 1000, `necessary-only bars: ${orange} px`);
    const lines = await pixelsOf(page, '#categories', [BLUE, ORANGE, GREEN]);
    assert.ok(lines.every((n) => n > 200), `one line per category: ${lines} px`);

    const latest = await page.$$eval('#latest tbody tr', (rows) => rows.map((row) => row.cells[1].textContent));
    assert.equal(latest.length, 20);
    assert.equal(latest[0], idOf(total));

    await page.getByRole('textbox', { name: 'Consent id' }).fill(idOf(7));
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.waitForSelector('#lookup-result table');
    assert.deepEqual(
      await page.$$eval('#lookup-result tbody tr', (rows) => rows.map((row) => row.cells[1].textContent)),
      [idOf(7)],
    );

    if (process.env.PIEKRITU_SCREENSHOT) await page.screenshot({ path: process.env.PIEKRITU_SCREENSHOT, clip: { x: 0, y: 0, width: 1280, height: 900 } });

    await page.evaluate(axeSource);
    const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    assert.deepEqual(
      violations.map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`),
      [],
    );
    assert.deepEqual(problems, []);
    await context.close();
  });
});
