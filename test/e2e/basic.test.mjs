import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { banner, button, consent, cookiesOf, gateLooked, keptDrawnBanner, ready, RENDER, startHarness } from './support.mjs';

let harness;
before(async () => (harness = await startHarness()));
after(() => harness.close());

async function open(path = '/test/e2e/pages/basic.html') {
  const page = await harness.page();
  await page.goto(harness.url(path));
  await ready(page);
  return page;
}

const ran = (page) => page.evaluate(() => window.ran);

describe('the built script on a page', () => {
  it('first visit: the banner shows, nothing optional runs, is requested or stored', async () => {
    const page = await open();
    await banner(page).waitFor();
    // Drawn by the page (PIEKRITU_RENDER): the script kept those very nodes; else the script drew it.
    assert.equal(await page.evaluate(keptDrawnBanner), RENDER ? true : null);
    assert.deepEqual(await ran(page), []);
    assert.equal(page.requests.some((url) => url.includes('analytics.js')), false);
    assert.deepEqual(Object.keys(await cookiesOf(page)), []);
    assert.equal(await page.evaluate(() => typeof window.Piekritu?.show), 'function');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  it('accept: gated scripts run once, in document order; a reload runs them again at load, without a banner', async () => {
    const page = await open();
    await button(page, 'Piekrītu').click();
    await page.waitForFunction(() => window.ran.length === 3);
    assert.deepEqual(await ran(page), ['analytics-inline', 'analytics-external', 'marketing']);
    const cookies = await cookiesOf(page);
    assert.match(cookies.piekritu, /^v=1&id=[0-9a-f-]+&t=\d+&r=1&p=[\w.-]+&g=preferences\.analytics\.marketing&d=&s=u$/);
    assert.ok(cookies.piekritu.length < 300);
    await consent(page).getByRole('status').getByText('Jūsu izvēle saglabāta').waitFor();
    // Applying again (e.g. another decision) must not run anything twice.
    await page.evaluate(() => window.Piekritu.acceptAll());
    await page.waitForTimeout(100);
    assert.equal((await ran(page)).length, 3);

    await page.reload();
    await ready(page);
    await page.waitForFunction(() => window.ran.length === 3);
    assert.deepEqual(await ran(page), ['analytics-inline', 'analytics-external', 'marketing']);
    assert.equal(await banner(page).count(), 0);
    await page.context().close();
  });

  it('refuse: nothing optional runs, now or after a reload', async () => {
    const page = await open();
    await button(page, 'Noraidīt').click();
    await gateLooked(page);
    assert.deepEqual(await ran(page), []);
    assert.match((await cookiesOf(page)).piekritu, /&g=&d=preferences\.analytics\.marketing&/);
    await page.reload();
    await ready(page);
    await gateLooked(page);
    assert.equal(await banner(page).count(), 0);
    assert.deepEqual(await ran(page), []);
    assert.equal(page.requests.some((url) => url.includes('analytics.js')), false);
    await page.context().close();
  });

  it('customise: only the switched-on category runs', async () => {
    const page = await open();
    await button(page, 'Personalizēt').click();
    const dialog = consent(page).locator('dialog[part~="preferences"]');
    await dialog.waitFor();
    await dialog.getByRole('switch', { name: 'Analītikas' }).check();
    await dialog.getByRole('button', { name: 'Saglabāt izvēli' }).click();
    await page.waitForFunction(() => window.ran.length === 2);
    assert.deepEqual(await ran(page), ['analytics-inline', 'analytics-external']);
    assert.equal(await dialog.count(), 0);
    await page.context().close();
  });

  it('a revision change asks again', async () => {
    const page = await open();
    await button(page, 'Noraidīt').click();
    await page.goto(harness.url('/test/e2e/pages/basic.html?rev=2'));
    await ready(page);
    await banner(page).waitFor();
    await banner(page).getByText('mainījusies').waitFor();
    await page.context().close();
  });

  it('the settings link reopens the choice, and withdrawing deletes the gated cookies', async () => {
    const page = await open();
    await button(page, 'Piekrītu').click();
    await page.waitForFunction(() => window.ran.length === 3);
    assert.ok((await cookiesOf(page))._ga);
    await page.locator('#settings').click();
    const dialog = consent(page).locator('dialog[part~="preferences"]');
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('switch', { name: 'Analītikas' }).isChecked(), true);
    await dialog.getByRole('button', { name: 'Noraidīt visus' }).click();
    await page.waitForFunction(() => !document.cookie.includes('_ga'));
    const cookies = await cookiesOf(page);
    assert.equal(cookies._ga, undefined);
    assert.equal(cookies._ga_XYZ, undefined);
    assert.match(cookies.piekritu, /&g=&d=/);
    await page.context().close();
  });

  it('"Vairāk info" opens the bundled policy, loaded from beside the script', async () => {
    const page = await open();
    await button(page, 'Vairāk info').click();
    const dialog = consent(page).locator('dialog[part~="policy"]');
    await dialog.locator('table tbody tr').first().waitFor();
    assert.equal(await dialog.locator('table tbody tr').count(), 11);
    assert.ok(page.requests.some((url) => url.endsWith('/dist/locales/policy/lv.json')));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => window.Piekritu.consent.decided), false);
    await page.context().close();
  });
});
