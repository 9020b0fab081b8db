/**
 * A strict Content-Security-Policy with Trusted Types (demo/csp.html, served by
 * demo/csp.mjs with a fresh nonce per response): piekritu must work under it without a
 * single violation, and a gated inline script without the page's nonce must stay blocked.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { consentHandler } from '../../dist/server.js';
import { contentSecurityPolicy, cspPage, TRUSTED_TYPES_POLICIES } from '../../demo/csp.mjs';
import { banner, button, consent, ready, RENDER, startHarness, until } from './support.mjs';

/** Through the instant snippet with `PIEKRITU_CSP=hash`, the policy allows its stub and style by hash (demo/csp.mjs). */
const HASHES = RENDER && process.env.PIEKRITU_CSP === 'hash' ? (await import('../../dist/ssr.js')).CSP_HASHES : undefined;

const records = [];
const log = consentHandler({ store: (record) => void records.push(record) });

/** Test fixtures the page can be asked for, put before `</body>` by the server. */
const FIXTURES = {
  // A gated inline script that forgot the nonce: CSP must refuse it when it is activated.
  'no-nonce': `<script type="text/plain" data-consent="analytics">document.documentElement.dataset.noNonce = 'ran';</script>`,
  // A nonce'd one that reports itself.
  marker: `<script type="text/plain" data-consent="analytics" nonce="{{nonce}}">document.documentElement.dataset.withNonce = 'ran';</script>`,
  // A blocked embed: its placeholder (lit-html, CSSOM sizes) must render under the CSP too.
  embed: `<iframe data-consent="marketing" data-src="/test/browser/fixtures/embed.html" width="320" height="180" title="Video"></iframe>`,
};

let harness;
before(async () => {
  harness = await startHarness({
    handlers: {
      '/demo/csp.html': cspPage({
        extra: (url) => (url.searchParams.get('fixtures') ?? '').split(',').map((name) => FIXTURES[name] ?? '').join('\n'),
      }),
      '/api/consent': (req, res) => {
        if (req.method !== 'GET') return log(req, res);
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(records.slice(-20)));
      },
    },
  });
});
after(() => harness.close());

/** A page that records every CSP violation (from the first byte) and every console error. */
async function cspPageOf(fixtures = []) {
  const page = await harness.page();
  page.consoleErrors = [];
  page.on('console', (message) => message.type() === 'error' && page.consoleErrors.push(message.text()));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: event.sourceFile,
        line: event.lineNumber,
        sample: event.sample,
        disposition: event.disposition,
      });
    });
  });
  const response = await page.goto(harness.url(`/demo/csp.html?fixtures=${fixtures.join(',')}`));
  const header = response.headers()['content-security-policy'];
  const nonce = /'nonce-([^']+)'/.exec(header)?.[1];
  assert.ok(nonce, 'the page is served with a nonce');
  assert.equal(header, contentSecurityPolicy(nonce, { rendered: Boolean(RENDER), hashes: HASHES }));
  await ready(page);
  return page;
}

const violations = (page) => page.evaluate(() => window.__violations);

/** What the browser and the page report; compared whole, so anything unexpected shows. */
async function reports(page) {
  return { violations: await violations(page), consoleErrors: page.consoleErrors, pageErrors: page.errors };
}
const CLEAN = { violations: [], consoleErrors: [], pageErrors: [] };

describe('under a strict CSP with Trusted Types', () => {
  it('the banner, both dialogs, placeholders, gating, records and withdrawal work without a single violation', async () => {
    records.length = 0;
    const page = await cspPageOf(['marker', 'embed']);
    await banner(page).waitFor();
    // The element adopts constructable stylesheets, which CSP does not govern; a banner the page
    // brought has its styles in its shadow root's `<style>`, allowed by the nonce or the hash
    // (and then none adopted twice). Either way the styles apply.
    assert.equal(await banner(page).evaluate((node) => getComputedStyle(node).position), 'fixed');
    const sheets = await consent(page).evaluate((element) => ({ adopted: element.shadowRoot.adoptedStyleSheets.length, inline: element.shadowRoot.querySelectorAll('style').length }));
    if (RENDER) assert.deepEqual(sheets, { adopted: 0, inline: 1 });
    else assert.ok(sheets.adopted > 0 && sheets.inline === 0, JSON.stringify(sheets));
    // The placeholder of the blocked embed (views chunk, lit-html, CSSOM sizes).
    const placeholder = page.locator('piekritu-placeholder');
    await placeholder.getByRole('button').waitFor();
    assert.equal(await placeholder.evaluate((node) => node.style.width), '320px');

    // Settings: the views chunk loads through the `piekritu` policy and renders through `lit-html`.
    await button(page, 'Personalizēt').click();
    const settings = consent(page).locator('dialog[part~="preferences"]');
    await settings.getByRole('switch', { name: 'Analītikas' }).waitFor();
    assert.equal(await settings.evaluate((dialog) => dialog.open && dialog.matches(':modal')), true);
    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });

    // The policy, fetched from beside the script.
    await button(page, 'Vairāk info').click();
    const policy = consent(page).locator('dialog[part~="policy"]');
    await policy.locator('table tbody tr').first().waitFor();
    assert.equal(await policy.locator('table tbody tr').count(), 11);
    await page.keyboard.press('Escape');
    await policy.waitFor({ state: 'detached' });
    assert.deepEqual(await reports(page), CLEAN);

    // Consent: gated scripts run (inline through `piekritu-gate` with the nonce, external by 'self').
    await button(page, 'Piekrītu').click();
    await page.waitForFunction(() => document.documentElement.dataset.withNonce === 'ran');
    await page.locator('#status-analytics[data-state="running"]').waitFor();
    await page.locator('#status-marketing[data-state="running"]').waitFor();
    await page.locator('#status-preferences[data-state="running"]').waitFor();
    await page.locator('iframe[src="/test/browser/fixtures/embed.html"]').waitFor({ state: 'attached' });
    assert.equal(await placeholder.count(), 0);
    await until(() => records.length === 1, 'the consent record');

    // Withdrawal from the settings link: cookies are cleaned, the embed goes back to sleep.
    await page.locator('a[data-piekritu-open="preferences"]').click();
    await settings.getByRole('button', { name: 'Noraidīt visus' }).click();
    await placeholder.getByRole('button').waitFor();
    await page.waitForFunction(() => !document.cookie.includes('demo_analytics'));

    // A returning visitor: the gated scripts run at load.
    await page.evaluate(() => window.Piekritu.acceptAll());
    await page.reload();
    await ready(page);
    await page.waitForFunction(() => document.documentElement.dataset.withNonce === 'ran');
    await page.locator('#status-marketing[data-state="running"]').waitFor();
    assert.equal(await banner(page).count(), 0);
    assert.deepEqual(await reports(page), CLEAN);
    await page.context().close();
  });

  it('a gated inline script without the nonce stays blocked after consent: exactly that one violation', async () => {
    const page = await cspPageOf(['no-nonce', 'marker']);
    await banner(page).waitFor();
    assert.deepEqual(await reports(page), CLEAN);

    await button(page, 'Piekrītu').click();
    // The nonce'd script after it in document order ran, so the one without had its turn.
    await page.waitForFunction(() => document.documentElement.dataset.withNonce === 'ran');
    await page.waitForFunction(() => window.__violations.length > 0);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.noNonce), undefined);
    const found = await violations(page);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0].directive, 'script-src-elem');
    assert.equal(found[0].blocked, 'inline');
    assert.equal(found[0].disposition, 'enforce');
    assert.equal(page.consoleErrors.length, 1, page.consoleErrors.join('\n'));
    assert.match(page.consoleErrors[0], /inline script .*Content Security Policy directive .script-src/);
    assert.deepEqual(page.errors, []);
    // The activated copies are in the page, marked; only the one whose placeholder had none lacks the nonce.
    const nonces = await page.evaluate(() =>
      [...document.querySelectorAll('script[data-consent-activated="analytics"]')].map((script) => script.nonce !== ''),
    );
    assert.deepEqual(nonces, [true, false, true]);
    await page.context().close();
  });

  it('Trusted Types are enforced, and piekritu created exactly the policies the CSP names', async () => {
    const page = await cspPageOf(['marker']);
    await button(page, 'Piekrītu').click();
    await page.waitForFunction(() => document.documentElement.dataset.withNonce === 'ran');
    // Open a dialog so lit-html has loaded.
    await page.evaluate(() => window.Piekritu.show('preferences'));
    await consent(page).locator('dialog[part~="preferences"]').waitFor();
    assert.deepEqual(await reports(page), CLEAN);

    const probe = await page.evaluate((names) => {
      const outcome = {};
      try {
        document.createElement('script').src = '/nowhere.js';
        outcome.sink = 'allowed';
      } catch (error) {
        outcome.sink = error.name;
      }
      // A policy name can be created once: each of ours is taken, so creating it again fails.
      for (const name of [...names, 'piekritu-unused-name']) {
        try {
          window.trustedTypes.createPolicy(name, {});
          outcome[name] = 'created';
        } catch (error) {
          outcome[name] = error.name;
        }
      }
      return outcome;
    }, TRUSTED_TYPES_POLICIES);
    assert.deepEqual(probe, {
      sink: 'TypeError',
      piekritu: 'TypeError',
      'piekritu-gate': 'TypeError',
      'lit-html': 'TypeError',
      // Not in the CSP's list, so refused too: the list is what limits the names.
      'piekritu-unused-name': 'TypeError',
    });
    const directives = (await violations(page)).map((v) => v.directive).sort();
    assert.deepEqual(directives, ['require-trusted-types-for', 'trusted-types', 'trusted-types', 'trusted-types', 'trusted-types']);
    await page.context().close();
  });
});
