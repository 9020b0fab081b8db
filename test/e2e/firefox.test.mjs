/**
 * A second engine: the key flows of basic.test.mjs in Firefox (Debian's firefox-esr),
 * driven by puppeteer-core over WebDriver BiDi, against the built dist/piekritu.min.js.
 *
 * Without Firefox the file fails with what to install, unless the person asked for a run
 * without it (PIEKRITU_SKIP=firefox); `npm test` installs Debian's firefox-esr as root.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { serve } from '../../demo/serve.mjs';
import { program } from '../support/setup.mjs';

const { path: FIREFOX, skip: SKIP } = program('firefox');

const PAGE = '/test/e2e/pages/basic.html';
const inElement = (selector) => `piekritu-consent >>> ${selector}`;
const BANNER = '[part~="banner"]';

/**
 * Wait for a node in the element's shadow root. Polled: puppeteer's default wait watches
 * the document's mutations, which do not include changes inside a shadow root.
 */
const inShadow = (page, selector, state = 'visible') =>
  page.waitForFunction(
    (selector, state) => {
      const node = document.querySelector('piekritu-consent')?.shadowRoot?.querySelector(selector);
      if (state === 'detached') return !node;
      if (state === 'attached') return Boolean(node);
      return Boolean(node && node.getClientRects().length > 0 && getComputedStyle(node).visibility !== 'hidden');
    },
    { polling: 50 },
    selector,
    state,
  );

let server;
let browser;
before(async () => {
  if (SKIP) return;
  server = await serve({ port: 0 });
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, timeout: 30000 });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser context (no cookie or storage carried over) with the page open and the element ready. */
async function open(path = PAGE) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  page.errors = [];
  page.requests = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && page.errors.push(message.text()));
  page.on('request', (request) => page.requests.push(request.url()));
  await page.goto(`${server.url}${path}`);
  await ready(page);
  return { page, context };
}

/** The element has read the stored choice (consent-ready fired). */
const ready = (page) =>
  page.waitForFunction(() => Boolean(document.querySelector('piekritu-consent')?.consent?.policyVersion), { polling: 50 });

const ran = (page) => page.evaluate(() => window.ran);
const consentCookie = (page) =>
  page.evaluate(() => document.cookie.split('; ').find((pair) => pair.startsWith('piekritu='))?.slice('piekritu='.length));

/** A real click (BiDi input actions) on a node in the element's shadow root, once it is visible. */
async function click(page, selector) {
  await inShadow(page, selector);
  const node = await page.$(inElement(selector));
  await node.click();
}

/** A gated script added now runs after any still queued: once it has, nothing else is pending. */
async function settled(page) {
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.type = 'text/plain';
    script.setAttribute('data-consent', 'necessary');
    script.textContent = "window.ran.push('settled')";
    document.body.append(script);
  });
  await page.waitForFunction(() => window.ran.includes('settled'), { polling: 50 });
  return (await ran(page)).filter((name) => name !== 'settled');
}

describe('the built script in Firefox (WebDriver BiDi)', { timeout: 120000 }, () => {
  it('first visit: the banner shows, nothing optional runs, is requested or stored', async (t) => {
    if (SKIP) return t.skip(SKIP);
    const { page, context } = await open();
    await inShadow(page, BANNER);
    const labels = await page.evaluate(() =>
      ['accept', 'reject', 'preferences', 'policy'].map(
        (name) => document.querySelector('piekritu-consent').shadowRoot.querySelector(`[part~="${name}-button"]`)?.textContent.trim(),
      ),
    );
    assert.deepEqual(labels, ['Piekrītu', 'Noraidīt', 'Personalizēt', 'Vairāk info']);
    assert.deepEqual(await ran(page), []);
    assert.equal(page.requests.some((url) => url.includes('analytics.js')), false);
    assert.equal(await page.evaluate(() => document.cookie), '');
    assert.equal(await page.evaluate(() => typeof window.Piekritu?.show), 'function');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('accept: gated scripts run once, in document order; a reload runs them again at load, without a banner', async (t) => {
    if (SKIP) return t.skip(SKIP);
    const { page, context } = await open();
    await click(page, '[part~="accept-button"]');
    await page.waitForFunction(() => window.ran.length === 3, { polling: 50 });
    assert.deepEqual(await ran(page), ['analytics-inline', 'analytics-external', 'marketing']);
    assert.match(await consentCookie(page), /^v=1&id=[0-9a-f-]+&t=\d+&r=1&p=[\w.-]+&g=preferences\.analytics\.marketing&d=&s=u$/);
    await page.waitForFunction(
      () => document.querySelector('piekritu-consent').shadowRoot.querySelector('[part~="status"]')?.textContent === 'Jūsu izvēle saglabāta',
      { polling: 50 },
    );
    await inShadow(page, BANNER, 'detached');
    // Deciding again must not run anything twice.
    await page.evaluate(() => window.Piekritu.acceptAll());
    assert.deepEqual(await settled(page), ['analytics-inline', 'analytics-external', 'marketing']);

    await page.reload();
    await ready(page);
    await page.waitForFunction(() => window.ran.length === 3, { polling: 50 });
    assert.deepEqual(await ran(page), ['analytics-inline', 'analytics-external', 'marketing']);
    assert.equal(await page.$(inElement(BANNER)), null);
    assert.equal(await page.evaluate(() => window.Piekritu.consent.decided), true);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('settings: the dialog opens as a modal, and saves exactly the switches turned on', async (t) => {
    if (SKIP) return t.skip(SKIP);
    const { page, context } = await open();
    await click(page, '[part~="preferences-button"]');
    const dialog = 'dialog[part~="preferences"]';
    await inShadow(page, dialog);
    assert.equal(await page.$eval(inElement(dialog), (node) => node.open && node.matches(':modal')), true);
    const switches = await page.$$eval(inElement('input[role="switch"]'), (inputs) => inputs.map((input) => [input.name, input.checked, input.disabled]));
    assert.deepEqual(switches, [
      ['necessary', true, true],
      ['preferences', false, false],
      ['analytics', false, false],
      ['marketing', false, false],
    ]);
    await click(page, 'input[role="switch"][name="analytics"]');
    await click(page, '[part~="save-button"]');
    await page.waitForFunction(() => window.ran.length === 2, { polling: 50 });
    assert.deepEqual(await settled(page), ['analytics-inline', 'analytics-external']);
    await inShadow(page, dialog, 'detached');
    assert.match(await consentCookie(page), /&g=analytics&d=preferences\.marketing&/);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('"Vairāk info" opens the bundled policy, loaded from beside the script; Escape closes it without a decision', async (t) => {
    if (SKIP) return t.skip(SKIP);
    const { page, context } = await open();
    await click(page, '[part~="policy-button"]');
    const dialog = 'dialog[part~="policy"]';
    await inShadow(page, `${dialog} table tbody tr`, 'attached');
    assert.equal((await page.$$(inElement(`${dialog} table tbody tr`))).length, 11);
    assert.ok(page.requests.some((url) => url.endsWith('/dist/locales/policy/lv.json')));
    await page.keyboard.press('Escape');
    await inShadow(page, dialog, 'detached');
    assert.equal(await page.evaluate(() => window.Piekritu.consent.decided), false);
    await inShadow(page, BANNER);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
