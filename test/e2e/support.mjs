/** The end-to-end harness: the demo server and Debian's Chromium through playwright-core. */
import { chromium } from 'playwright-core';
import { serve } from '../../demo/serve.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

/**
 * The suites run as they are against pages drawn three ways: by the deferred script alone
 * (default), through piekritu/ssr with the request's cookie (`PIEKRITU_RENDER=ssr`), or
 * with the static instant snippet (`PIEKRITU_RENDER=snippet`); see demo/render.mjs.
 * `PIEKRITU_CSP=hash` allows the snippet under the strict CSP by its hashes, not the nonce.
 */
export const RENDER = process.env.PIEKRITU_RENDER ?? '';

/** A page's URL in this run's rendering. */
export function rendered(href) {
  if (!RENDER) return href;
  const url = new URL(href);
  if (!/(\.html|\/)$/.test(url.pathname)) return href;
  url.searchParams.set('render', RENDER);
  if (process.env.PIEKRITU_CSP) url.searchParams.set('csp', process.env.PIEKRITU_CSP);
  return url.href;
}

/** The banner the page brought (server rendering, the snippet) is the one the script kept: `true`, `false`, or `null` when the page brought none. */
export const keptDrawnBanner = () => {
  const now = document.querySelector('piekritu-consent').shadowRoot.querySelectorAll('[part~="banner"]');
  return window.drawnBeforeScript ? now.length === 1 && now[0] === window.drawnBeforeScript : null;
};

export async function startHarness({ args = [], ...options } = {}) {
  const server = await serve({ port: 0, ...options });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...chromiumArgs, ...args], headless: true });
  return {
    url: (path) => rendered(`${server.url}${path}`),
    port: Number(new URL(server.url).port),
    browser,
    /** A fresh context per test: no cookie, storage or cache carries over. */
    async page(contextOptions = {}) {
      const context = await browser.newContext(contextOptions);
      const page = await context.newPage();
      page.warnings = [];
      page.errors = [];
      page.requests = [];
      page.on('console', (message) => message.type() === 'warning' && page.warnings.push(message.text()));
      page.on('pageerror', (error) => page.errors.push(error.message));
      page.on('request', (request) => page.requests.push(request.url()));
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Locators inside the element's shadow root (playwright pierces open shadow roots). */
export const consent = (page) => page.locator('piekritu-consent');
export const button = (page, name) => consent(page).getByRole('button', { name, exact: true });
export const banner = (page) => consent(page).locator('[part~="banner"]');

export async function cookiesOf(page) {
  return Object.fromEntries((await page.context().cookies()).map(({ name, value }) => [name, value]));
}

/** Wait until the element has read the stored choice (consent-ready fired). */
/** The gate starts in a task of its own: before it has looked, "nothing ran" proves nothing. */
export async function gateLooked(page) {
  await page.waitForFunction(() => window.gateLooked === true, undefined, { timeout: 10000 });
}

export async function ready(page) {
  try {
    await page.waitForFunction(
      () => {
        const element = document.querySelector('piekritu-consent');
        return Boolean(element && element.consent && element.consent.policyVersion);
      },
      undefined,
      { timeout: 10000 },
    );
  } catch (error) {
    const state = await page.evaluate(() => ({
      defined: Boolean(customElements.get('piekritu-consent')),
      api: typeof window.Piekritu,
      scripts: [...document.scripts].map((s) => s.src).filter(Boolean),
    }));
    throw new Error(`${error.message}\n${JSON.stringify({ state, warnings: page.warnings, errors: page.errors, requests: page.requests })}`);
  }
}

/** Poll `check` (sync or async) until it holds; fail naming `what` after `ms`. */
export async function until(check, what, ms = 5000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
