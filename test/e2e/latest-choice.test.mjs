/**
 * Only the visitor's latest choice counts, in Chromium with real host names: a page on
 * another site cannot forge consent, a late or replayed answer cannot undo a withdrawal, two
 * consent cookies (after a change of cookie-domain) resolve to the newest and leave none on
 * reset, and refused categories' cookies do not come back on later page loads.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { consentHandler } from '../../dist/server.js';
import { button, consent, ready, startHarness, until } from './support.mjs';

const SITE = 'www.example.test';
const EVIL = 'evil.test';

/** What the real handler stored, and how its answers are bent: delayed, or failing for refusals. */
const records = [];
const bend = { delayFirstMs: 0, failRefusals: false };
const log = consentHandler({
  store: (record) => {
    if (bend.failRefusals && record.granted.length === 0) throw new Error('database down');
    records.push(record);
  },
});
/** Requests that reached the endpoint, and those it has answered. */
let answered = 0;
let finished = 0;

/** Pages made from a few attributes and some body markup, by name. */
const PAGES = {
  plain: { attributes: 'log-endpoint="/api/consent"', body: '' },
  domain: { attributes: 'cookie-domain="example.test"', body: '' },
  ga: {
    attributes: 'lang="en"',
    // A tag that keeps writing its cookie, as GA4 rewrites _ga every few hundred milliseconds.
    body: `<script type="text/plain" data-consent="analytics" data-cookies="_ga">
      window.ran = (window.ran || 0) + 1;
      setInterval(() => { document.cookie = '_ga=GA1.1.' + Date.now() + '; path=/'; }, 100);
    </script>`,
  },
};
const html = ({ attributes, body }) =>
  `<!doctype html><html lang="lv"><head><meta charset="utf-8"><title>latest choice</title>
<script src="/dist/piekritu.min.js" defer></script></head>
<body><piekritu-consent ${attributes}></piekritu-consent>${body}</body></html>`;

/** The attack: a form that posts a JSON-shaped text/plain body granting everything, sent on load. */
function forgery(port) {
  const record = {
    id: '0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9',
    timestamp: new Date().toISOString(),
    revision: '',
    policyVersion: '2026-11-25',
    granted: ['preferences', 'analytics', 'marketing'],
    denied: [],
    source: 'user',
    language: 'lv',
    url: `http://${SITE}/`,
  };
  // The field "name=value" becomes `{…,"pad":"` + `=` + `"}`: valid JSON.
  const name = `${JSON.stringify(record).slice(0, -1)},"pad":"`;
  const attr = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<!doctype html><html><body>
<form method="post" enctype="text/plain" action="http://${SITE}:${port}/api/consent">
  <input type="hidden" name="${attr(name)}" value='"}'>
</form>
<script>document.forms[0].submit()</script></body></html>`;
}

let harness;
before(async () => {
  harness = await startHarness({
    handlers: {
      '/api/consent': async (req, res) => {
        const first = answered === 0;
        answered += 1;
        if (first && bend.delayFirstMs) await new Promise((resolve) => setTimeout(resolve, bend.delayFirstMs));
        await log(req, res);
        finished += 1;
      },
      '/latest.html': (req, res, url) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html(PAGES[url.searchParams.get('page') ?? 'plain'])),
      '/forge.html': (req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(forgery(harness.port)),
    },
    args: [`--host-resolver-rules=MAP ${SITE} 127.0.0.1, MAP *.example.test 127.0.0.1, MAP ${EVIL} 127.0.0.1`],
  });
});
after(() => harness.close());
beforeEach(() => {
  records.length = 0;
  answered = 0;
  finished = 0;
  bend.delayFirstMs = 0;
  bend.failRefusals = false;
});

const at = (host, path) => `http://${host}:${harness.port}${path}`;

async function visit(p, name = 'plain') {
  await p.goto(at(SITE, `/latest.html?page=${name}`));
  await ready(p);
}

/** The consent cookies the browser holds for the site, as `{ domain, granted }`. */
async function consentCookies(context) {
  const cookies = await context.cookies(at(SITE, '/'));
  return cookies
    .filter((cookie) => cookie.name === 'piekritu')
    .map((cookie) => ({ domain: cookie.domain, granted: /(?:^|&)g=([^&]*)/.exec(cookie.value)?.[1] ?? null, value: cookie.value }));
}

const granted = (p) => p.evaluate(() => Object.keys(window.Piekritu.consent.categories).filter((name) => window.Piekritu.consent.categories[name] && name !== 'necessary'));

describe('forged consent (CSRF)', () => {
  it('a page on another site posting a JSON-shaped text/plain form stores nothing and sets no cookie: the banner still asks', async () => {
    const p = await harness.page();
    await p.goto(at(EVIL, '/forge.html'));
    await until(() => answered > 0, 'the forged post to arrive');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(records.length, 0);
    assert.deepEqual(await consentCookies(p.context()), []);
    await visit(p);
    assert.equal(await p.evaluate(() => window.Piekritu.consent.decided), false);
    await consent(p).locator('[part~="banner"]').waitFor();
    await p.context().close();
  });

  it("the site's own banner still gets its record stored and the cookie re-issued", async () => {
    const p = await harness.page();
    await visit(p);
    await button(p, 'Piekrītu').click();
    await until(() => records.length === 1, 'the record');
    assert.deepEqual(records[0].granted, ['preferences', 'analytics', 'marketing']);
    await p.context().close();
  });
});

/** The browser holds one consent cookie, refusing all, and the next page load runs with it. */
async function refusalHolds(p) {
  assert.deepEqual(
    (await consentCookies(p.context())).map((cookie) => cookie.granted),
    [''],
  );
  await visit(p);
  assert.deepEqual(await granted(p), []);
  await p.context().close();
}

describe('replay cannot undo a withdrawal', () => {
  it('a slow answer to "accept" landing after "refuse" does not bring "accept" back', async () => {
    bend.delayFirstMs = 1500;
    const p = await harness.page();
    await visit(p);
    await button(p, 'Piekrītu').click();
    await new Promise((resolve) => setTimeout(resolve, 700));
    await p.evaluate(() => window.Piekritu.rejectAll());
    await until(() => records.length >= 2, 'both records', 10_000);
    // Every answer is in, the slow one too, and the queue is empty.
    await until(async () => finished === answered && (await p.evaluate(() => localStorage.getItem('piekritu:records') === null)), 'every answer', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await refusalHolds(p);
  });

  it('offline: "accept" then "refuse"; back online the old accept is taken and the refusal fails, and the refusal still holds', async () => {
    const p = await harness.page();
    await visit(p);
    // The runtime (which stores and queues) loads when the page is idle: before going offline.
    await p.waitForFunction(() => Boolean(window.__piekritu?.runtime));
    await p.context().setOffline(true);
    await button(p, 'Piekrītu').click();
    await p.evaluate(() => window.Piekritu.rejectAll());
    await until(() => p.evaluate(() => JSON.parse(localStorage.getItem('piekritu:records') ?? '[]').length === 2), 'both records queued');
    // Before the network comes back: a request the browser held while offline may reach the
    // server before this test's next line runs.
    bend.failRefusals = true;
    await p.context().setOffline(false);
    await visit(p);
    await until(() => records.length === 1, 'the old record to be stored');
    await until(() => finished >= 2, 'the refusal to be answered');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(records[0].granted, ['preferences', 'analytics', 'marketing']);
    await refusalHolds(p);
  });
});

describe('two consent cookies after a change of cookie-domain', () => {
  /** A cookie the banner would have written at `secondsAgo`, granting `granted`. */
  const choice = (id, secondsAgo, granted, denied) =>
    `v=1&id=${id}&t=${Math.floor(Date.now() / 1000) - secondsAgo}&r=&p=2026-11-25&g=${granted}&d=${denied}&s=u`;
  const ALL = 'preferences.analytics.marketing';

  it('a refusal made under the new cookie-domain holds after a reload, one cookie is left, and reset() leaves none', async () => {
    const p = await harness.page();
    // The choice made before the site set cookie-domain: a host-only cookie.
    await p.context().addCookies([{ name: 'piekritu', value: choice('aaaaaaaa-1', 60, ALL, ''), domain: SITE, path: '/' }]);
    await visit(p, 'domain');
    assert.deepEqual(await granted(p), ['preferences', 'analytics', 'marketing']);
    await p.evaluate(() => window.Piekritu.rejectAll());
    await until(async () => (await consentCookies(p.context())).every((cookie) => cookie.granted === ''), 'the refusal stored');
    await visit(p, 'domain');
    assert.deepEqual(await granted(p), []);
    assert.deepEqual(
      (await consentCookies(p.context())).map(({ domain, granted: g }) => ({ domain, granted: g })),
      [{ domain: '.example.test', granted: '' }],
    );
    await p.evaluate(() => window.Piekritu.reset());
    await until(async () => (await consentCookies(p.context())).length === 0, 'no consent cookie left');
    await p.context().close();
  });

  it('on load the newest of two wins, and the older one is deleted', async () => {
    const p = await harness.page();
    // The older one (granting all) is created first, so the browser lists it first.
    await p.context().addCookies([{ name: 'piekritu', value: choice('bbbbbbbb-1', 120, ALL, ''), domain: '.example.test', path: '/' }]);
    await p.context().addCookies([{ name: 'piekritu', value: choice('cccccccc-2', 30, '', ALL), domain: SITE, path: '/' }]);
    await visit(p, 'domain');
    await until(async () => (await consentCookies(p.context())).length === 1, 'one consent cookie left');
    assert.deepEqual(await granted(p), []);
    assert.equal((await consentCookies(p.context()))[0].granted, '');
    await p.context().close();
  });
});

describe('clean-up that lasts', () => {
  it('after a withdrawal a running tag can ignore, the status offers a real reload, and the cookie stays gone on later loads', async () => {
    const p = await harness.page();
    await visit(p, 'ga');
    await p.evaluate(() => window.Piekritu.acceptAll());
    const ga = async () => (await p.context().cookies(at(SITE, '/'))).some((cookie) => cookie.name === '_ga');
    await until(ga, 'the tag to write _ga');
    await p.evaluate(() => window.Piekritu.rejectAll());
    const reload = consent(p).getByRole('button', { name: 'Reload page', exact: true });
    await reload.waitFor();
    assert.match(await consent(p).locator('[part~="status"]').innerText(), /reload the page/);
    // The tag is still running and writes its cookie again.
    await until(ga, 'the tag to write _ga again');
    await Promise.all([p.waitForEvent('load'), reload.click()]);
    await ready(p);
    await until(async () => !(await ga()), '_ga to be deleted on the next load');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await ga(), false);
    assert.equal(await p.evaluate(() => window.ran ?? 0), 0);
    await p.context().close();
  });
});
