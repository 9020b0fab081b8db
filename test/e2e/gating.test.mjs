import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { consentHandler } from '../../dist/server.js';
import { banner, button, consent, ready, startHarness, until } from './support.mjs';

/** The consent-record endpoint: real handler, with a switch to make it fail. */
const records = [];
let failing = false;
const log = consentHandler({
  store: (record) => {
    if (failing) throw new Error('down');
    records.push(record);
  },
});

let harness;
before(async () => {
  harness = await startHarness({
    handlers: { '/api/consent': (req, res) => void log(req, res) },
    // Real domain names on this machine, so parent-domain cookies and public suffixes are real.
    args: ['--host-resolver-rules=MAP ankravs.lv 127.0.0.1, MAP *.ankravs.lv 127.0.0.1'],
  });
});
after(() => harness.close());

const page = (path = '/test/e2e/pages/gating.html', host = 'localhost', options) =>
  harness.page(options).then(async (p) => {
    await p.goto(`http://${host}:${harness.port}${path}`);
    await ready(p);
    return p;
  });

describe('gating on real pages', () => {
  it('withdrawal deletes the declared cookies on the host, every parent domain and every path, and nothing else', async () => {
    const p = await page('/test/e2e/pages/gating.html', 'www.shop.ankravs.lv');
    await button(p, 'Piekrītu').click();
    await p.waitForFunction(() => window.ran.includes('analytics'));
    const before = (await p.context().cookies()).map((c) => `${c.name}@${c.domain}${c.path}`);
    // Host-only, shop.ankravs.lv and ankravs.lv, each on three paths; never on "lv".
    assert.equal(before.filter((c) => c.startsWith('_ga_')).length, 9);
    assert.equal(before.some((c) => c.includes('@.lv') || c.includes('@lv')), false);

    await p.evaluate(() => window.Piekritu.rejectAll());
    await p.waitForFunction(() => window.events.some((e) => e.name === 'consent-cleanup'));
    const left = (await p.context().cookies()).map((c) => c.name).sort();
    assert.deepEqual(left, ['piekritu', 'site_session']);
    const cleanup = await p.evaluate(() => window.events.find((e) => e.name === 'consent-cleanup').detail);
    assert.deepEqual(cleanup.categories, ['preferences', 'analytics', 'marketing']);
    assert.equal(cleanup.reloadAdvised, true);
    assert.ok(cleanup.cookies.includes('_ga'));
    await p.context().close();
  });

  it('Global Privacy Control: accepting all leaves marketing off and says so; an explicit switch turns it on', async () => {
    const p = await harness.page();
    await p.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    await p.goto(harness.url('/test/e2e/pages/gating.html'));
    await ready(p);
    await banner(p).getByText('Global Privacy Control').waitFor();
    await button(p, 'Piekrītu').click();
    await p.waitForFunction(() => window.ran.includes('analytics'));
    let state = await p.evaluate(() => window.Piekritu.consent);
    assert.equal(state.categories.marketing, false);
    assert.equal(state.source, 'gpc');
    assert.deepEqual(await p.evaluate(() => window.ran), ['analytics']);

    await p.evaluate(() => window.Piekritu.show('preferences'));
    const dialog = consent(p).locator('dialog[part~="preferences"]');
    await dialog.getByRole('switch', { name: 'Mārketinga' }).check();
    await dialog.getByRole('button', { name: 'Saglabāt izvēli' }).click();
    await p.waitForFunction(() => window.ran.includes('marketing'));
    state = await p.evaluate(() => window.Piekritu.consent);
    assert.equal(state.categories.marketing, true);
    assert.equal(state.source, 'user');
    await p.context().close();
  });

  it('a decision in one tab applies at once in the other open tabs: banner, gating, events', async () => {
    const first = await page();
    const context = first.context();
    const second = await context.newPage();
    await second.goto(harness.url('/test/e2e/pages/gating.html'));
    await ready(second);
    await banner(second).waitFor();
    await button(first, 'Piekrītu').click();
    await second.waitForFunction(() => window.ran.includes('analytics') && window.ran.includes('marketing'));
    await banner(second).waitFor({ state: 'detached' });
    const changes = await second.evaluate(() => window.events.filter((e) => e.name === 'consent-change').length);
    assert.equal(changes, 1);
    await context.close();
  });

  it('proof of consent: a record the server refused is kept and sent again on the next page load', async () => {
    records.length = 0;
    failing = true;
    const p = await page();
    await button(p, 'Noraidīt').click();
    await until(() => p.evaluate(() => (localStorage.getItem('piekritu:records') ?? '').includes('"id"')), 'the queued record');
    assert.equal(records.length, 0);
    failing = false;
    await p.reload();
    await ready(p);
    await until(() => records.length === 1, 'the record to arrive');
    const [record] = records;
    assert.equal(record.source, 'user');
    assert.deepEqual(record.granted, []);
    assert.equal(record.url, harness.url('/test/e2e/pages/gating.html'));
    assert.equal(record.language, 'lv');
    assert.equal(await p.evaluate(() => localStorage.getItem('piekritu:records')), null);
    const cookie = (await p.context().cookies()).find((c) => c.name === 'piekritu');
    assert.match(cookie.value, new RegExp(`id=${record.id}&`));
    await p.context().close();
  });

  it('proof of consent: the tab closed right after the click still delivers the record', async () => {
    records.length = 0;
    const p = await page();
    const context = p.context();
    await button(p, 'Piekrītu').click();
    await p.close({ runBeforeUnload: true });
    const next = await context.newPage();
    await next.goto(harness.url('/test/e2e/pages/gating.html'));
    await ready(next);
    await until(() => records.length >= 1, 'the record');
    assert.equal(new Set(records.map((r) => r.id)).size, 1);
    await context.close();
  });
});
