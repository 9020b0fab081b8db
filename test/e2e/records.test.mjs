/**
 * Proof of consent is never lost: a record that could not be delivered (offline, a server
 * error) stays queued and arrives on a later page load, exactly once per decision, in
 * order. (A tab closed right after the click: test/e2e/gating.test.mjs.)
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { consentHandler } from '../../dist/server.js';
import { button, cookiesOf, ready, startHarness, until } from './support.mjs';

const PAGE = '/test/e2e/pages/gating.html';
const QUEUE = 'piekritu:records';

/** What the server kept, every POST it saw, and how many of the next ones fail with a 500. */
const records = [];
const posts = [];
let failNext = 0;
const log = consentHandler({ store: (record) => void records.push(record) });

let harness;
before(async () => {
  harness = await startHarness({
    handlers: {
      '/api/consent': (req, res) => {
        posts.push(req.method);
        if (req.method === 'POST' && failNext > 0) {
          failNext -= 1;
          req.resume();
          req.on('end', () => {
            res.writeHead(500, { 'cache-control': 'no-store' });
            res.end();
          });
          return;
        }
        void log(req, res);
      },
    },
  });
});
after(() => harness.close());
beforeEach(() => {
  records.length = 0;
  posts.length = 0;
  failNext = 0;
});

async function open() {
  const page = await harness.page();
  page.failed = [];
  page.on('requestfailed', (request) => {
    if (request.url().endsWith('/api/consent')) page.failed.push(request.postData() ?? '');
  });
  await page.goto(harness.url(PAGE));
  await ready(page);
  return page;
}

const queued = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]'), QUEUE);
const consentNow = (page) => page.evaluate(() => window.Piekritu.consent);

describe('proof of consent', () => {
  it('offline at the click: the choice holds and is stored, every record waits, and all arrive in order once online again', async () => {
    const page = await open();
    const context = page.context();
    await context.setOffline(true);

    const ids = [];
    // Three decisions while offline; each one's own delivery attempt must have failed before the next.
    const decisions = [
      () => button(page, 'Piekrītu').click(),
      () => page.evaluate(() => window.Piekritu.rejectAll()),
      () => page.evaluate(() => window.Piekritu.save(['analytics'])),
    ];
    for (const decide of decisions) {
      await decide();
      const { id } = await consentNow(page);
      ids.push(id);
      await until(() => page.failed.some((body) => body.includes(id)), `the failed delivery of ${id}`);
    }
    assert.equal(new Set(ids).size, 3);
    assert.deepEqual(records, []);
    assert.deepEqual((await queued(page)).map((record) => record.id), ids);
    // The choices applied (the first one ran the gated scripts) and the last is stored, all without the network.
    assert.deepEqual(await page.evaluate(() => window.ran), ['analytics', 'marketing']);
    assert.match((await cookiesOf(page)).piekritu, new RegExp(`^v=1&id=${ids[2]}&.*&g=analytics&`));

    await context.setOffline(false);
    await page.reload();
    await ready(page);
    await until(() => records.length === 3, 'the three queued records');
    assert.deepEqual(records.map((record) => record.id), ids);
    assert.deepEqual(records.map((record) => record.granted), [['preferences', 'analytics', 'marketing'], [], ['analytics']]);
    await until(async () => (await queued(page)).length === 0, 'the queue to empty');
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), QUEUE), null);
    await context.close();
  });

  it('a 500 keeps the record; the next page load delivers it (204), once, and it is not sent again', async () => {
    failNext = 1;
    const page = await open();
    await button(page, 'Noraidīt').click();
    const first = await consentNow(page);
    await until(() => posts.length === 1, 'the refused delivery');
    await until(async () => (await queued(page)).some((record) => record.id === first.id), 'the record to stay queued');
    assert.deepEqual(records, []);

    await page.reload();
    await ready(page);
    await until(() => records.length === 1, 'the delivery on the next load');
    assert.equal(records[0].id, first.id);
    assert.deepEqual(records[0].granted, []);
    await until(async () => (await queued(page)).length === 0, 'the queue to empty');

    // One more load and a new decision: the queue is sent in order, so a record delivered
    // before would show up again ahead of the new one. It does not.
    await page.reload();
    await ready(page);
    await page.evaluate(() => window.Piekritu.acceptAll());
    const second = await consentNow(page);
    await until(() => records.length === 2, 'the second record');
    assert.deepEqual(records.map((record) => record.id), [first.id, second.id]);
    assert.deepEqual(posts, ['POST', 'POST', 'POST']);
    // The server's answer re-issued the consent cookie for the latest decision.
    assert.match((await cookiesOf(page)).piekritu, new RegExp(`^v=1&id=${second.id}&`));
    await page.context().close();
  });
});
