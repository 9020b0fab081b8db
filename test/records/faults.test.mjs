/**
 * The database goes away and comes back: the handler answers 500 while it is down, the
 * banner in Chromium keeps the records and sends them again on a later page load, and the
 * PostgreSQL store ends up with each decision exactly once, its chain whole. Skipped, saying
 * so, with PIEKRITU_SKIP=postgres.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { consentHandler, postgresStore } from '../../dist/server.js';
import { button, ready, startHarness, until } from '../e2e/support.mjs';
import { startPostgres } from '../support/postgres.mjs';
import { skipReason } from '../support/setup.mjs';

const PAGE = '/test/e2e/pages/gating.html';
const QUEUE = 'piekritu:records';

let pg;
let store;
let harness;
const answers = [];
const NO_POSTGRES = skipReason('postgres');

before(async () => {
  if (NO_POSTGRES) return;
  pg = await startPostgres();
  store = postgresStore(pg.url);
  await store.ready();
  const log = consentHandler({ store });
  harness = await startHarness({
    handlers: {
      '/api/consent': (request, response) => {
        response.on('finish', () => answers.push(response.statusCode));
        void log(request, response);
      },
    },
  });
});
after(async () => {
  await harness?.close();
  await store?.close();
  pg?.stop();
});

const queued = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]'), QUEUE);

describe('PostgreSQL down for a while', { skip: NO_POSTGRES }, () => {
  it('answers 500, the banner keeps both decisions, resends them after recovery: each stored once, chain whole', async () => {
    const page = await harness.page();
    await page.goto(harness.url(PAGE));
    await ready(page);

    pg.pause();
    await button(page, 'Piekrītu').click();
    const first = await page.evaluate(() => window.Piekritu.consent);
    await until(() => answers.length === 1, 'the first answer');
    await page.evaluate(() => window.Piekritu.rejectAll());
    const second = await page.evaluate(() => window.Piekritu.consent);
    // The queue is sent whole, oldest first: the first record again, then the second.
    await until(() => answers.length === 3, 'the answers to the second attempt');
    assert.deepEqual(answers, [500, 500, 500]);
    assert.deepEqual((await queued(page)).map((record) => record.id), [first.id, second.id]);
    // Still down on the next page load: asked again, refused again, still kept.
    await page.reload();
    await ready(page);
    await until(() => answers.length >= 5, 'a retry while down');
    assert.ok(answers.every((status) => status === 500));
    assert.equal((await queued(page)).length, 2);

    await pg.resume();
    const before = answers.length;
    await page.reload();
    await ready(page);
    await until(() => answers.length === before + 2, 'both records delivered', 15_000);
    assert.deepEqual(answers.slice(before), [204, 204]);
    await until(async () => (await queued(page)).length === 0, 'the queue to empty');

    // Both decisions kept, once each, in order.
    const rows = (await store.latest(10)).reverse();
    assert.deepEqual(
      rows.map((row) => row.id),
      [first.id, second.id],
    );
    assert.deepEqual(
      rows.map((row) => [row.choice, Date.parse(row.timestamp)]),
      [
        ['all', first.timestamp],
        ['necessary', second.timestamp],
      ],
    );
    // A re-send of one already kept (the answer lost on the way back) adds nothing.
    const again = await fetch(harness.url('/api/consent'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...rows[0], seq: undefined }),
    });
    assert.equal(again.status, 204);
    assert.equal(await store.count(), 2);
    const verdict = await store.verify();
    assert.deepEqual([verdict.ok, verdict.checked, verdict.problems], [true, 2, []]);
    await page.context().close();
  });
});
