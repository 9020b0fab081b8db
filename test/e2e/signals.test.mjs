/**
 * Consent signals for Microsoft Clarity, Microsoft UET, Meta Pixel and Matomo, on the demo's
 * page with the built classic script. Each vendor's script is a local stand-in
 * (demo/vendors/) that, like the real one, replays what was queued before it loaded and
 * notes every call, so the order of default, tag and update is visible. The page's own
 * `consent-signal` listener notes each event as vendor "consent-signal".
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { button, ready, startHarness, until } from './support.mjs';

const PAGE = '/demo/signals.html';
const VENDORS = ['clarity', 'uet', 'meta', 'matomo'];

const clarity = (ad, analytics) => ['consentv2', { ad_Storage: ad, analytics_Storage: analytics }];
const DEFAULTS = {
  clarity: clarity('denied', 'denied'),
  uet: ['consent', 'default', { ad_storage: 'denied' }],
  meta: ['consent', 'revoke'],
  matomo: ['requireConsent'],
};
const GRANTED = {
  clarity: clarity('granted', 'granted'),
  uet: ['consent', 'update', { ad_storage: 'granted' }],
  meta: ['consent', 'grant'],
  matomo: ['setConsentGiven'],
};

let harness;
before(async () => {
  harness = await startHarness();
});
after(() => harness.close());

/** A fresh visitor on the page, every vendor's script loaded. */
async function visit(setup) {
  const p = await harness.page();
  if (setup) await setup(p);
  await p.goto(harness.url(PAGE));
  await ready(p);
  await loaded(p);
  return p;
}

async function loaded(p) {
  await until(
    () => p.evaluate((vendors) => vendors.every((v) => (window.vendorLog ?? []).some((e) => e.vendor === v && e.call[0] === '(loaded)')), VENDORS),
    'every vendor script',
  );
}

/** What one vendor saw: `queued` were waiting when its script loaded; `live` came after. */
async function seen(p, vendor, from = 0) {
  const entries = (await p.evaluate(() => window.vendorLog)).slice(from).filter((e) => e.vendor === vendor);
  return { queued: entries.filter((e) => e.queued).map((e) => e.call), all: entries.map((e) => e.call) };
}

const logLength = (p) => p.evaluate(() => window.vendorLog.length);

/** The calls a vendor saw since `from`, without its own notes ("(sent)", "(held)"). */
async function calls(p, vendor, from) {
  return (await seen(p, vendor, from)).all.filter((call) => !String(call[0]).startsWith('('));
}

const has = (list, call) => list.some((item) => JSON.stringify(item) === JSON.stringify(call));

describe('first visit: each default is queued before its tag', () => {
  let p;
  before(async () => {
    p = await visit();
  });
  after(() => p.context().close());

  for (const vendor of VENDORS) {
    it(`${vendor}: the default waited in the queue its tag found, ahead of the site's own commands`, async () => {
      const { queued } = await seen(p, vendor);
      assert.deepEqual(queued[0], DEFAULTS[vendor]);
    });
  }

  it('so the tags hold or strip what they send', async () => {
    const { all: matomo, queued } = await seen(p, 'matomo');
    assert.deepEqual(queued, [['requireConsent'], ['trackPageView']]);
    assert.ok(has(matomo, ['(held)', 'trackPageView']), 'Matomo holds the page view');
    assert.ok(!matomo.some((call) => call[0] === '(sent)'), 'Matomo sends nothing');
    const { all: meta } = await seen(p, 'meta');
    assert.ok(has(meta, ['(held)', 'track', 'PageView']), 'Meta holds the page view');
    assert.ok(!meta.some((call) => call[0] === '(sent)'));
    assert.ok(has((await seen(p, 'uet')).all, ['(sent)', 'pageLoad', { asc: 'D' }]), 'UET sends the page load with ad storage denied');
    assert.ok(has((await seen(p, 'clarity')).all, ['(recording without cookies)']));
  });

  it('the generic hook hears the default once, and nothing warns', async () => {
    assert.deepEqual((await seen(p, 'consent-signal')).all, [['default', { analytics: 'denied', marketing: 'denied' }]]);
    assert.deepEqual(p.warnings.filter((w) => w.includes('piekritu')), []);
  });
});

describe('returning visitor: default, then the stored choice, both queued before each tag', () => {
  let p;
  before(async () => {
    p = await visit();
    await button(p, 'Piekrītu').click();
    await until(async () => (await seen(p, 'consent-signal')).all.length === 2, 'the update');
    await p.reload();
    await ready(p);
    await loaded(p);
  });
  after(() => p.context().close());

  for (const vendor of VENDORS) {
    it(`${vendor}: default and update waited in the queue its tag found`, async () => {
      const { queued } = await seen(p, vendor);
      assert.deepEqual(queued.slice(0, 2), [DEFAULTS[vendor], GRANTED[vendor]]);
    });
  }

  it('so the tags track in full from the start', async () => {
    assert.ok(has((await seen(p, 'matomo')).all, ['(sent)', 'trackPageView']));
    assert.ok(!(await seen(p, 'matomo')).all.some((call) => call[0] === '(held)'));
    assert.ok(has((await seen(p, 'meta')).all, ['(sent)', 'track', 'PageView']));
    assert.ok(has((await seen(p, 'uet')).all, ['(sent)', 'pageLoad', { asc: 'G' }]));
    assert.ok(has((await seen(p, 'clarity')).all, ['(recording with cookies)']));
    assert.deepEqual((await seen(p, 'consent-signal')).all, [
      ['default', { analytics: 'denied', marketing: 'denied' }],
      ['update', { analytics: 'granted', marketing: 'granted' }],
    ]);
  });
});

describe('decisions', () => {
  it('a decision: each vendor hears the update, and what was held goes out', async () => {
    const p = await visit();
    const from = await logLength(p);
    await button(p, 'Piekrītu').click();
    await until(async () => has((await seen(p, 'matomo', from)).all, ['(sent)', 'trackPageView']), 'the page view Matomo held');
    for (const vendor of VENDORS) assert.deepEqual(await calls(p, vendor, from), [GRANTED[vendor]], vendor);
    assert.ok(has((await seen(p, 'meta', from)).all, ['(sent)', 'track', 'PageView']), 'Meta sends the page view it held');
    assert.deepEqual((await seen(p, 'consent-signal', from)).all, [['update', { analytics: 'granted', marketing: 'granted' }]]);
    await p.context().close();
  });

  it('withdrawal on a later page: every vendor is told to stop, Matomo forgets the consent', async () => {
    const p = await visit();
    await button(p, 'Piekrītu').click();
    await until(async () => (await seen(p, 'consent-signal')).all.length === 2, 'the update');
    await p.reload();
    await ready(p);
    await loaded(p);
    const from = await logLength(p);
    await p.evaluate(() => window.Piekritu.rejectAll());
    await until(async () => (await calls(p, 'matomo', from)).length === 1, "Matomo's withdrawal");
    assert.deepEqual(await calls(p, 'clarity', from), [clarity('denied', 'denied')]);
    assert.deepEqual(await calls(p, 'uet', from), [['consent', 'update', { ad_storage: 'denied' }]]);
    assert.deepEqual(await calls(p, 'meta', from), [['consent', 'revoke']]);
    assert.deepEqual(await calls(p, 'matomo', from), [['forgetConsentGiven']]);
    assert.deepEqual((await seen(p, 'consent-signal', from)).all, [['update', { analytics: 'denied', marketing: 'denied' }]]);
    // Later hits are held again.
    await p.evaluate(() => {
      window._paq.push(['trackEvent', 'demo', 'after withdrawal']);
      window.fbq('track', 'Lead');
    });
    assert.ok(has((await seen(p, 'matomo', from)).all, ['(held)', 'trackEvent']));
    assert.ok(has((await seen(p, 'meta', from)).all, ['(held)', 'track', 'Lead']));
    await p.context().close();
  });

  it('Global Privacy Control: "Piekrītu" grants analytics, marketing stays denied for every vendor', async () => {
    const p = await visit((page) =>
      page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })),
    );
    const from = await logLength(p);
    await button(p, 'Piekrītu').click();
    await until(async () => (await seen(p, 'consent-signal', from)).all.length === 1, 'the update');
    await until(async () => (await calls(p, 'matomo', from)).length === 1, "Matomo's update");
    assert.deepEqual(await calls(p, 'clarity', from), [clarity('denied', 'granted')]);
    assert.deepEqual(await calls(p, 'uet', from), [['consent', 'update', { ad_storage: 'denied' }]]);
    assert.deepEqual(await calls(p, 'meta', from), [['consent', 'revoke']]);
    assert.deepEqual(await calls(p, 'matomo', from), [['setConsentGiven']]);
    assert.ok(!(await seen(p, 'meta', from)).all.some((call) => call[0] === '(sent)'), 'Meta sends nothing');
    assert.deepEqual((await seen(p, 'consent-signal', from)).all, [['update', { analytics: 'granted', marketing: 'denied' }]]);
    await p.context().close();
  });
});

describe('the demo page', () => {
  it("shows the vendors' log as it grows, and nothing fails", async () => {
    const p = await visit();
    await button(p, 'Piekrītu').click();
    await until(() => p.evaluate(() => document.querySelectorAll('#vendor-log li').length === window.vendorLog.length), 'the log view');
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.warnings, []);
    await p.context().close();
  });
});
