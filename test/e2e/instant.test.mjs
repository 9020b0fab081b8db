/**
 * The banner in the page's first bytes (piekritu/ssr, the instant snippet): it paints
 * before the script arrives, the script takes over those very nodes, a visitor who decided
 * never sees it, and the server's markup is the element's own.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderElement, renderHead } from '../../dist/ssr.js';
import { banner, button, consent, ready, startHarness } from './support.mjs';

const ATTRIBUTES = { revision: '1', 'consent-mode': true };

/** A page drawn by `mode`: `deferred` (the element alone), `ssr` (with the request's cookie) or `snippet` (static). */
function page(req, res, url) {
  const mode = url.searchParams.get('mode');
  const lang = url.searchParams.get('lang') ?? 'lv';
  const element =
    mode === 'deferred'
      ? `<piekritu-consent revision="1" consent-mode lang="${lang}"></piekritu-consent>`
      : renderElement({ lang, attributes: ATTRIBUTES, cookieHeader: mode === 'ssr' ? req.headers.cookie : null });
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8" />
${mode === 'deferred' ? '' : renderHead({ attributes: ATTRIBUTES })}
${url.searchParams.has('late-frame') ? '<script src="/late-frame.js" async blocking="render"></script>' : ''}
${url.searchParams.has('preload') ? `<link rel="preload" href="/dist/locales/${lang}.banner.json" as="fetch" crossorigin>` : ''}
<script src="/dist/piekritu.min.js" defer></script></head>
<body>${element}<main><h1>A page</h1><p>Text.</p></main></body></html>`);
}

let harness;
/** A render-blocking script that comes late: the page's first frame waits for it, its parsing and deferred scripts do not. */
async function lateFrame(req, res) {
  await new Promise((resolve) => setTimeout(resolve, 400));
  res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
  res.end('');
}

before(async () => (harness = await startHarness({ handlers: { '/instant.html': page, '/late-frame.js': lateFrame } })));
after(() => harness.close());

/** Open a page with the script held back until `release()`. */
async function held(query, { cookie } = {}) {
  const tab = await harness.page();
  if (cookie) await tab.context().addCookies([{ name: 'piekritu', value: cookie, url: harness.url('/') }]);
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await tab.route('**/dist/piekritu.min.js', async (route) => {
    await gate;
    await route.continue();
  });
  // A deferred script holds DOMContentLoaded back: wait for the page's body to be parsed instead.
  await tab.goto(harness.url(`/instant.html?${query}`), { waitUntil: 'commit' });
  await tab.waitForFunction(() => document.querySelector('main p'));
  return { tab, release };
}

/** The banner's box before any script of ours ran. */
const box = (tab) =>
  tab.evaluate(() => {
    const node = document.querySelector('piekritu-consent').shadowRoot?.querySelector('[part~="banner"]');
    const rect = node?.getBoundingClientRect();
    return { defined: Boolean(customElements.get('piekritu-consent')), visible: Boolean(rect && rect.height > 0), top: rect?.top };
  });

async function decidedCookie() {
  const { tab, release } = await held('mode=ssr');
  release();
  await ready(tab);
  await button(tab, 'Noraidīt').click();
  await tab.waitForFunction(() => document.cookie.includes('piekritu='));
  const value = (await tab.context().cookies()).find((cookie) => cookie.name === 'piekritu').value;
  await tab.context().close();
  return value;
}

for (const mode of ['ssr', 'snippet']) {
  describe(`${mode}: the banner comes with the page`, () => {
    it('a first visitor sees it before the script runs; the script keeps those nodes and wires them', async () => {
      const { tab, release } = await held(`mode=${mode}`);
      const before = await box(tab);
      assert.deepEqual({ defined: before.defined, visible: before.visible }, { defined: false, visible: true });
      // Consent Mode's default is out before any script of ours.
      assert.equal(await tab.evaluate(() => JSON.stringify([...window.dataLayer[0]].slice(0, 2))), '["consent","default"]');
      await tab.evaluate(() => (document.querySelector('piekritu-consent').shadowRoot.querySelector('[part~="banner"]').mark = 'server'));
      release();
      await ready(tab);
      await tab.waitForFunction(() => !document.querySelector('piekritu-consent').shadowRoot.querySelector('[data-instant]'));
      const after = await tab.evaluate(() => {
        const root = document.querySelector('piekritu-consent').shadowRoot;
        const nodes = root.querySelectorAll('[part~="banner"]');
        const defaults = window.dataLayer.filter((item) => item[0] === 'consent' && item[1] === 'default').length;
        return { banners: nodes.length, mark: nodes[0].mark, top: nodes[0].getBoundingClientRect().top, defaults };
      });
      assert.deepEqual(after, { banners: 1, mark: 'server', top: before.top, defaults: 1 });
      await button(tab, 'Piekrītu').click();
      await banner(tab).waitFor({ state: 'detached' });
      assert.equal(await tab.evaluate(() => document.querySelector('piekritu-consent').consent.categories.analytics), true);
      assert.deepEqual(tab.errors, []);
      await tab.context().close();
    });

    it('with the script arriving at once, the banner is painted before any of its work: the element registers after that frame', async () => {
      const tab = await harness.page();
      // Frames that drew the banner before the element registered: counted in each frame's
      // animation callbacks, which run just before that frame is laid out, painted and
      // handed to the compositor; work in a later task cannot hold that frame back.
      await tab.addInitScript(() => {
        const seen = (window.__seen = { frames: 0, framesBeforeDefine: null });
        const banner = () => document.querySelector('piekritu-consent')?.shadowRoot?.querySelector('[part~="banner"]');
        const frame = () => {
          if (banner()?.checkVisibility()) seen.frames += 1;
          if (seen.framesBeforeDefine === null) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
        const define = customElements.define;
        customElements.define = function (name, ...rest) {
          if (name === 'piekritu-consent') seen.framesBeforeDefine = seen.frames;
          return define.call(this, name, ...rest);
        };
      });
      // The first frame comes late (a render-blocking script elsewhere on the page), after the
      // script of ours has arrived and could have run.
      await tab.goto(harness.url(`/instant.html?mode=${mode}&late-frame`));
      await ready(tab);
      const { framesBeforeDefine } = await tab.evaluate(() => window.__seen);
      assert.ok(framesBeforeDefine >= 1, `the element registered after ${framesBeforeDefine} frames with the banner`);
      assert.equal(await banner(tab).count(), 1);
      assert.deepEqual(tab.errors, []);
      await tab.context().close();
    });

    it('the page may use window.Piekritu as soon as the script ran: a returning visitor\'s choice is read at once, a first visitor\'s settings open', async () => {
      // At DOMContentLoaded (after the deferred script ran, before the frame the banner waits for).
      const atReady = (tab, work) =>
        tab.addInitScript(`document.addEventListener('DOMContentLoaded', () => { window.__atReady = (${work})(); })`);
      const cookie = await decidedCookie();
      const returning = await harness.page();
      await returning.context().addCookies([{ name: 'piekritu', value: cookie, url: harness.url('/') }]);
      await atReady(returning, "() => ({ defined: Boolean(customElements.get('piekritu-consent')), decided: window.Piekritu.consent.decided })");
      await returning.goto(harness.url(`/instant.html?mode=${mode}`));
      await returning.waitForFunction(() => window.__atReady);
      assert.deepEqual(await returning.evaluate(() => window.__atReady), { defined: true, decided: true });
      await returning.context().close();

      const first = await harness.page();
      await atReady(first, "() => (window.Piekritu.show('preferences'), true)");
      await first.goto(harness.url(`/instant.html?mode=${mode}`));
      await consent(first).locator('dialog[part~="preferences"]').waitFor();
      assert.equal(await consent(first).evaluate((element) => element.shadowRoot.querySelector('dialog[part~="preferences"]').open), true);
      assert.deepEqual(first.errors, []);
      await first.context().close();
    });

    it('a visitor who decided never sees it, and the element builds no banner', async () => {
      const cookie = await decidedCookie();
      const { tab, release } = await held(`mode=${mode}`, { cookie });
      assert.equal((await box(tab)).visible, false);
      release();
      await ready(tab);
      const state = await consent(tab).evaluate((element) => ({
        banner: element.shadowRoot.querySelectorAll('[part~="banner"]').length,
        instant: element.shadowRoot.querySelectorAll('[data-instant]').length,
        decided: element.consent.decided,
      }));
      assert.deepEqual(state, { banner: 0, instant: 0, decided: true });
      await tab.context().close();
    });
  });
}

describe('the server draws what the element draws', () => {
  for (const lang of ['lv', 'en', 'ru']) {
    it(`${lang}: the same markup, and no text file fetched for an adopted banner`, async () => {
      const tab = await harness.page();
      await tab.goto(harness.url(`/instant.html?mode=deferred&lang=${lang}`));
      await ready(tab);
      await banner(tab).waitFor();
      const own = await banner(tab).evaluate((node) => node.outerHTML);
      const server = /<section[\s\S]*<\/section>/.exec(renderElement({ lang, attributes: ATTRIBUTES }))[0].replace(/ data-instant="[^"]*"/, '');
      assert.equal(server, own);
      await tab.context().close();

      const { tab: ssr, release } = await held(`mode=ssr&lang=${lang}`);
      release();
      await ready(ssr);
      await ssr.waitForTimeout(300);
      assert.deepEqual(ssr.requests.filter((url) => url.includes('/locales/')), []);
      await ssr.context().close();
    });
  }
});

describe('the script alone, on an English or Russian page', () => {
  for (const lang of ['en', 'ru']) {
    it(`${lang}: the README's preload brings the banner's texts with the page: one request, used by the script`, async () => {
      const tab = await harness.page();
      const texts = [];
      tab.on('request', (request) => request.url().endsWith(`/locales/${lang}.banner.json`) && texts.push(request.url()));
      await tab.goto(harness.url(`/instant.html?mode=deferred&lang=${lang}&preload`));
      await ready(tab);
      await banner(tab).waitFor();
      assert.equal(await banner(tab).getAttribute('lang'), lang);
      // Not matched, the preload would be a second request for the same file (and a console warning).
      await tab.waitForTimeout(300);
      assert.equal(texts.length, 1);
      assert.deepEqual(tab.errors, []);
      await tab.context().close();
    });
  }
});
