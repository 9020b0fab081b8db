/**
 * The consent rules of docs/compliance (EDPB Guidelines 05/2020, the Cookie Banner
 * Taskforce report, Planet49, GDPR Art 7), checked against the built classic script on a
 * served page: what happens before a choice, how prominent refusing is, defaults, cookie
 * walls, the cost of withdrawing, when the banner asks again, what closing means, and the
 * wording in every language.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { banner, button, consent, cookiesOf, ready, startHarness } from './support.mjs';

const ROOT = new URL('../../', import.meta.url);
const json = (path) => JSON.parse(readFileSync(new URL(path, ROOT), 'utf8'));

/** Every `key: text` pair of a locale file, whatever its grouping. */
function strings(data, into = {}) {
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string') into[key] = value;
    else if (value && typeof value === 'object') strings(value, into);
  }
  return into;
}

const LANGS = ['lv', 'en', 'ru'];
const TEXT = Object.fromEntries(LANGS.map((lang) => [lang, strings(json(`locales/${lang}.json`))]));
const POLICY = Object.fromEntries(LANGS.map((lang) => [lang, json(`locales/policy/${lang}.json`)]));
/** The policy version the build bundles (the stored choice must carry it). */
const POLICY_VERSION = POLICY.lv.version;
const OPTIONAL = ['preferences', 'analytics', 'marketing'];
const PAGE = '/test/e2e/pages/compliance.html';

let harness;
before(async () => (harness = await startHarness()));
after(() => harness.close());

async function visit(query = '', page = undefined) {
  page ??= await harness.page();
  await page.goto(harness.url(`${PAGE}${query}`));
  await ready(page);
  return page;
}

const byPart = (page, name) => consent(page).locator(`[part~="${name}"]`);
const dialog = (page, view) => consent(page).locator(`dialog[part~="${view}"]`);

/**
 * The gate has looked at the page: the blocked marketing frame has its placeholder. From
 * here on a gated script or embed that was going to run would have.
 */
const gateRan = (page) => page.locator('piekritu-placeholder').first().waitFor({ state: 'attached' });

/** What the page could have stored or run. */
const traces = (page) =>
  page.evaluate(() => ({
    decided: window.Piekritu.consent.decided,
    ran: window.ran,
    localStorage: Object.keys(localStorage),
    sessionStorage: Object.keys(sessionStorage),
  }));

/** A stored choice in the README's documented format, made `ageDays` ago. */
function storedChoice({ ageDays = 1, revision = '1', policy = POLICY_VERSION, granted = ['analytics'] } = {}) {
  const t = Math.floor(Date.now() / 1000) - Math.round(ageDays * 24 * 3600);
  const denied = OPTIONAL.filter((name) => !granted.includes(name));
  return `v=1&id=2f6b0c1e-7a3d-4c55-9a0e-5d1c2b3a4f60&t=${t}&r=${revision}&p=${policy}&g=${granted.join('.')}&d=${denied.join('.')}&s=u`;
}

async function returning(value, query = '') {
  const page = await harness.page();
  await page.context().addCookies([{ name: 'piekritu', value, url: harness.url('/') }]);
  return visit(query, page);
}

// ---- colour arithmetic for "equally prominent" --------------------------------------------

function rgba(value) {
  const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?\s*\)$/.exec(value);
  if (!match) throw new Error(`cannot read the colour ${value}`);
  return [Number(match[1]), Number(match[2]), Number(match[3]), match[4] === undefined ? 1 : Number(match[4])];
}
const luminance = ([r, g, b]) =>
  [r, g, b]
    .map((v) => v / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
const contrast = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

/** How two of the element's buttons look, side by side. */
function looks(page, names) {
  return page.evaluate((names) => {
    const root = document.querySelector('piekritu-consent').shadowRoot;
    return names.map((name) => {
      const node = root.querySelector(`[part~="${name}"]`);
      const style = getComputedStyle(node);
      const { x, y, width, height } = node.getBoundingClientRect();
      return {
        tag: node.localName,
        parent: node.parentElement === root.querySelector(`[part~="${names[0]}"]`).parentElement,
        text: node.textContent.trim(),
        box: { x, y, width, height, inView: y >= 0 && y + height <= innerHeight && x >= 0 && x + width <= innerWidth },
        style: Object.fromEntries(
          [
            'font-family',
            'font-size',
            'font-weight',
            'font-style',
            'text-decoration-line',
            'text-transform',
            'letter-spacing',
            'color',
            'background-color',
            'background-image',
            'border-top-width',
            'border-top-style',
            'border-top-color',
            'border-radius',
            'padding-top',
            'padding-left',
            'opacity',
            'box-shadow',
          ].map((property) => [property, style.getPropertyValue(property)]),
        ),
      };
    });
  }, names);
}

function assertAlike(a, b, what) {
  assert.equal(a.tag, 'button', `${what}: a real button`);
  assert.equal(b.tag, a.tag, `${what}: the same kind of element`);
  assert.equal(a.parent, true);
  assert.equal(b.parent, true, `${what}: side by side in one group`);
  assert.deepEqual(b.style, a.style, `${what}: the same look`);
  assert.equal(Math.round(b.box.width), Math.round(a.box.width), `${what}: the same width`);
  assert.equal(Math.round(b.box.height), Math.round(a.box.height), `${what}: the same height`);
  assert.equal(a.box.inView && b.box.inView, true, `${what}: both on screen without scrolling`);
  const ratio = (look) => contrast(rgba(look.style.color), rgba(look.style['background-color']));
  assert.equal(ratio(b).toFixed(2), ratio(a).toFixed(2), `${what}: the same contrast`);
  assert.ok(ratio(a) >= 4.5, `${what}: readable (${ratio(a).toFixed(2)}:1)`);
}

/**
 * Which of an element's four corners and centre are covered by something else (the
 * banner) once it is scrolled into view: `block` as `scrollIntoView` takes it, or
 * `'focus'` to let the browser scroll the way it does for keyboard focus.
 */
function coveredPoints(page, selector, block) {
  return page.evaluate(
    ([selector, block]) => {
      const node = document.querySelector(selector);
      if (block === 'focus') node.focus();
      else node.scrollIntoView({ block });
      const { left, right, top, bottom } = node.getBoundingClientRect();
      const points = {
        'top left': [left + 1, top + 1],
        'top right': [right - 1, top + 1],
        'bottom left': [left + 1, bottom - 1],
        'bottom right': [right - 1, bottom - 1],
        centre: [(left + right) / 2, (top + bottom) / 2],
      };
      return Object.keys(points).filter((name) => !node.contains(document.elementFromPoint(...points[name])));
    },
    [selector, block],
  );
}

// ---- the rules ------------------------------------------------------------------------

describe('before a choice (GDPR Recital 32, EDPB 05/2020 §86: browsing is not consent)', () => {
  it('nothing optional is requested or stored while the visitor scrolls, follows page links, presses Escape and waits', async () => {
    const page = await visit();
    await banner(page).waitFor();
    await gateRan(page);

    await page.mouse.move(200, 200);
    await page.mouse.wheel(0, 1200);
    await page.waitForFunction(() => scrollY > 0);
    await page.keyboard.press('End');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Home');
    await page.locator('#to-lower').click();
    await page.waitForFunction(() => location.hash === '#lower');
    await byPart(page, 'accept-button').focus();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await page.locator('#add').click();
    await page.locator('#next-page').click();
    await page.waitForURL(/page=2/);
    await ready(page);
    await gateRan(page);
    await page.mouse.wheel(0, 600);
    await page.keyboard.press('Escape');
    await page.waitForLoadState('networkidle');

    const origin = new URL(harness.url('/')).origin;
    const optional = page.requests.filter((url) => !url.startsWith('data:') && !url.startsWith(`${origin}/dist/`) && !url.startsWith(`${origin}${PAGE}`));
    assert.deepEqual(optional, [], 'only the page and piekritu itself were fetched');
    assert.deepEqual(await cookiesOf(page), {}, 'no cookie at all');
    assert.deepEqual(await traces(page), { decided: false, ran: [], localStorage: [], sessionStorage: [] });
    await banner(page).waitFor();

    // The same observers do see a choice: the checks above could have failed.
    await button(page, 'Piekrītu').click();
    await page.waitForFunction(() => window.ran.length === 4);
    assert.ok(page.requests.some((url) => url.endsWith('/test/e2e/pages/analytics.js')));
    assert.ok(page.requests.some((url) => url.endsWith('/test/e2e/pages/pixel.svg')));
    assert.ok((await cookiesOf(page))._ga);
    assert.deepEqual((await traces(page)).localStorage.includes('theme-choice'), true);
    await page.context().close();
  });
});

describe('refusing is as easy as accepting (Taskforce §7–8, §14–18)', () => {
  for (const lang of LANGS) {
    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 768, height: 1024 },
      { width: 320, height: 640 },
    ]) {
      it(`"${TEXT[lang]['action.reject']}" looks exactly like "${TEXT[lang]['action.accept']}": ${lang}, ${viewport.width} px`, async () => {
        const page = await harness.page({ viewport });
        await visit(`?lang=${lang}`, page);
        await byPart(page, 'accept-button').getByText(TEXT[lang]['action.accept'], { exact: true }).waitFor();
        const [accept, reject] = await looks(page, ['accept-button', 'reject-button']);
        assert.equal(accept.text, TEXT[lang]['action.accept']);
        assert.equal(reject.text, TEXT[lang]['action.reject']);
        assertAlike(accept, reject, 'first layer');

        await byPart(page, 'preferences-button').click();
        await dialog(page, 'preferences').getByRole('button', { name: TEXT[lang]['action.rejectAll'], exact: true }).waitFor();
        const [acceptAll, rejectAll] = await looks(page, ['accept-all-button', 'reject-all-button']);
        assertAlike(acceptAll, rejectAll, 'settings');
        await page.context().close();
      });
    }
  }
});

describe('no pre-ticked boxes (Planet49; Taskforce §9–10)', () => {
  for (const lang of LANGS) {
    it(`every optional switch is off on first open, necessary is on and locked: ${lang}`, async () => {
      const page = await visit(`?lang=${lang}`);
      await byPart(page, 'preferences-button').click();
      const settings = dialog(page, 'preferences');
      await settings.getByRole('switch', { name: TEXT[lang]['category.analytics.label'], exact: true }).waitFor();
      const switches = await settings.getByRole('switch').evaluateAll((nodes) =>
        nodes.map((node) => ({ name: node.name, checked: node.checked, disabled: node.disabled, aria: node.getAttribute('aria-checked') })),
      );
      assert.deepEqual(
        switches.map(({ name }) => name),
        ['necessary', ...OPTIONAL],
      );
      for (const { name, checked, disabled, aria } of switches) {
        const necessary = name === 'necessary';
        assert.equal(checked, necessary, `${name} checked`);
        assert.equal(disabled, necessary, `${name} locked`);
        assert.notEqual(aria, 'true', `${name} aria-checked`);
      }
      for (const name of OPTIONAL) {
        const label = TEXT[lang][`category.${name}.label`];
        assert.equal(await settings.getByRole('switch', { name: label, exact: true }).isChecked(), false, label);
      }
      await page.context().close();
    });
  }

  it('also when the settings open from the page\'s "Sīkdatņu iestatījumi" link', async () => {
    const page = await visit();
    await page.locator('#settings').click();
    const settings = dialog(page, 'preferences');
    await settings.getByRole('switch', { name: 'Analītikas' }).waitFor();
    for (const name of ['Funkcionālās', 'Analītikas', 'Mārketinga']) {
      assert.equal(await settings.getByRole('switch', { name, exact: true }).isChecked(), false, name);
    }
    await page.context().close();
  });
});

describe('no cookie wall (EDPB 05/2020 §39–41)', () => {
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 320, height: 640 },
  ]) {
    it(`with the banner open the page scrolls and its own button and links work: ${viewport.width} px`, async () => {
      const page = await harness.page({ viewport });
      await visit('', page);
      await banner(page).waitFor();
      const walls = await page.evaluate(() => ({
        inert: document.querySelectorAll('[inert]').length,
        hidden: document.querySelectorAll('body > :not(piekritu-consent)[aria-hidden="true"]').length,
        overflow: [getComputedStyle(document.documentElement).overflowY, getComputedStyle(document.body).overflowY],
        modal: [...document.querySelectorAll('dialog')].some((node) => node.matches(':modal')),
      }));
      assert.deepEqual(walls, { inert: 0, hidden: 0, overflow: ['visible', 'visible'], modal: false });

      // The page's content can be brought into view beside the banner: its top and its
      // middle are seen and take the click, not the banner. (That a bottom edge, or the last
      // link on the page, can stay partly under it is the 2.4.11 room check below.)
      for (const selector of ['h1', '#add', '#lower h2']) {
        const covered = await coveredPoints(page, selector, 'center');
        assert.deepEqual(covered.filter((point) => !point.startsWith('bottom')), [], `${selector} beside the banner`);
      }
      await page.evaluate(() => scrollTo(0, 0));

      // Playwright clicks only what is really hit at that point: a covering banner fails it.
      await page.locator('#add').click({ timeout: 5000 });
      await page.locator('#add').click({ timeout: 5000 });
      assert.equal(await page.locator('#count').textContent(), '2');

      await page.mouse.move(viewport.width / 2, 50);
      await page.mouse.wheel(0, 400);
      await page.waitForFunction(() => scrollY > 0);
      await page.locator('#to-lower').click({ timeout: 5000 });
      await page.waitForFunction(() => location.hash === '#lower');
      assert.equal(await page.locator('#lower h2').isVisible(), true);
      await page.evaluate(() => scrollTo(0, 0));
      await page.locator('#next-page').click({ timeout: 5000 });
      await page.waitForURL(/page=2/);
      await ready(page);
      await banner(page).waitFor();
      assert.equal(await page.evaluate(() => window.Piekritu.consent.decided), false);
      await page.context().close();
    });
  }
});

describe('the page keeps room for the banner (WCAG 2.4.11 Focus Not Obscured)', () => {
  const VIEWPORTS = [
    { width: 1280, height: 720 },
    { width: 320, height: 640 },
  ];
  for (const viewport of VIEWPORTS) {
    it(`a focused page link is never entirely hidden (2.4.11, AA): ${viewport.width} px`, async () => {
      const page = await harness.page({ viewport });
      await visit('?lang=ru', page);
      await byPart(page, 'accept-button').getByText(TEXT.ru['action.accept'], { exact: true }).waitFor();
      for (const selector of ['#next-page', '#settings', '#add']) {
        assert.ok((await coveredPoints(page, selector, 'focus')).length < 5, `${selector} is partly visible`);
      }
      await page.context().close();
    });

    it(
      `nothing focused or scrolled to the end is covered at all (the room kept reaches the window's edge): ${viewport.width} px`,
      async () => {
        const page = await harness.page({ viewport });
        await visit('?lang=ru', page);
        await byPart(page, 'accept-button').getByText(TEXT.ru['action.accept'], { exact: true }).waitFor();
        for (const selector of ['#next-page', '#settings', '#add']) {
          assert.deepEqual(await coveredPoints(page, selector, 'focus'), [], `${selector} focused`);
        }
        // The last thing on the page, scrolled as far as the page goes.
        assert.deepEqual(await coveredPoints(page, '#settings', 'end'), [], 'the footer link at the end of the page');
        await page.context().close();
      },
    );
  }
});

describe('withdrawing is as easy as consenting (GDPR Art 7(3); Taskforce §31–34)', () => {
  /** Clicks (trusted, anywhere on the page) from a fresh load until `done` holds. */
  async function clicksTo(page, steps, done) {
    assert.equal(await page.evaluate(() => window.clicks), 0);
    for (const step of steps) await step();
    await page.waitForFunction(done);
    return page.evaluate(() => window.clicks);
  }
  const allGranted = () => ['preferences', 'analytics', 'marketing'].every((name) => window.Piekritu.consent.categories[name]);
  const noneGranted = () =>
    window.Piekritu.consent.decided && ['preferences', 'analytics', 'marketing'].every((name) => !window.Piekritu.consent.categories[name]);

  it('consent is 1 click on the banner; from the footer link withdrawing takes no more clicks than consenting', async () => {
    // Consent on the first layer.
    const page = await visit();
    const consentOnBanner = await clicksTo(page, [() => button(page, 'Piekrītu').click()], allGranted);
    assert.equal(consentOnBanner, 1);
    await page.waitForFunction(() => window.ran.length === 4);

    // Withdraw on a later page view, from the footer link every page has.
    await visit('', page);
    const settings = dialog(page, 'preferences');
    const withdraw = await clicksTo(
      page,
      [() => page.locator('#settings').click(), () => settings.getByRole('button', { name: 'Noraidīt visus', exact: true }).click()],
      noneGranted,
    );
    assert.match((await cookiesOf(page)).piekritu, /&g=&d=preferences\.analytics\.marketing&/);
    await page.waitForFunction(() => !document.cookie.includes('_ga'));

    // Consent from the same place, for comparison.
    await visit('', page);
    const consentInSettings = await clicksTo(
      page,
      [() => page.locator('#settings').click(), () => settings.getByRole('button', { name: 'Apstiprināt visus', exact: true }).click()],
      allGranted,
    );

    assert.equal(withdraw, 2);
    assert.equal(consentInSettings, 2);
    await page.context().close();
  });
});

describe('asked again at the right time', () => {
  const notice = (page, key) => banner(page).getByText(TEXT.lv[key], { exact: true }).waitFor();
  async function decidedWithoutBanner(page) {
    const state = await page.evaluate(() => window.Piekritu.consent);
    assert.equal(state.decided, true);
    assert.equal(state.categories.analytics, true);
    assert.equal(await banner(page).count(), 0);
    await page.waitForFunction(() => window.ran.includes('analytics-inline'));
  }
  async function askedAgain(page, key) {
    await notice(page, key);
    await gateRan(page);
    assert.equal(await page.evaluate(() => window.Piekritu.consent.decided), false);
    assert.deepEqual(await page.evaluate(() => window.ran), [], 'the old choice no longer runs anything');
  }

  it('a fresh stored choice in the documented format is honoured (the control)', async () => {
    const page = await returning(storedChoice({ ageDays: 1 }));
    await decidedWithoutBanner(page);
    await page.context().close();
  });

  it('after cookie-days (default 180): 179 days old holds, 181 days old asks again', async () => {
    let page = await returning(storedChoice({ ageDays: 179 }));
    await decidedWithoutBanner(page);
    await page.context().close();
    page = await returning(storedChoice({ ageDays: 181 }));
    await askedAgain(page, 'banner.renew.expired');
    await page.context().close();
  });

  it('after a site\'s own cookie-days (30), and never later than 13 months (cookie-days="1000" → 395)', async () => {
    let page = await returning(storedChoice({ ageDays: 29 }), '?days=30');
    await decidedWithoutBanner(page);
    await page.context().close();
    page = await returning(storedChoice({ ageDays: 31 }), '?days=30');
    await askedAgain(page, 'banner.renew.expired');
    await page.context().close();
    page = await returning(storedChoice({ ageDays: 396 }), '?days=1000');
    await askedAgain(page, 'banner.renew.expired');
    await page.context().close();
  });

  it('after a revision change', async () => {
    const page = await returning(storedChoice({ revision: '1' }), '?rev=2');
    await askedAgain(page, 'banner.renew.revision');
    await page.context().close();
  });

  it('after a policy change', async () => {
    const page = await returning(storedChoice({ policy: '2000-01-01' }));
    await askedAgain(page, 'banner.renew.policy');
    await page.context().close();
  });
});

describe('closing is never consent (EDPB 05/2020 §86)', () => {
  it('Escape, the close button and the policy leave everything refused and nothing stored', async () => {
    const page = await visit();
    const settings = dialog(page, 'preferences');
    const policy = dialog(page, 'policy');
    const turnAllOn = async () => {
      for (const name of ['Funkcionālās', 'Analītikas', 'Mārketinga']) await settings.getByRole('switch', { name, exact: true }).check();
    };

    await byPart(page, 'accept-button').focus();
    await page.keyboard.press('Escape');

    await button(page, 'Personalizēt').click();
    await turnAllOn();
    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });

    await button(page, 'Personalizēt').click();
    for (const name of ['Funkcionālās', 'Analītikas', 'Mārketinga']) {
      assert.equal(await settings.getByRole('switch', { name, exact: true }).isChecked(), false, `${name} off again`);
    }
    await turnAllOn();
    await settings.getByRole('button', { name: 'Aizvērt' }).click();
    await settings.waitFor({ state: 'detached' });

    await button(page, 'Vairāk info').click();
    await policy.locator('table').first().waitFor();
    await page.keyboard.press('Escape');
    await policy.waitFor({ state: 'detached' });
    await button(page, 'Vairāk info').click();
    await policy.getByRole('button', { name: 'Aizvērt' }).click();
    await policy.waitFor({ state: 'detached' });

    await page.locator('#settings').click();
    await turnAllOn();
    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });

    await gateRan(page);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await traces(page), { decided: false, ran: [], localStorage: [], sessionStorage: [] });
    assert.deepEqual(await cookiesOf(page), {});
    assert.equal(page.requests.some((url) => url.endsWith('/analytics.js') || url.endsWith('/pixel.svg')), false);
    await banner(page).waitFor();
    await page.context().close();
  });

  it('for a visitor who refused, closing the settings with switches on keeps the refusal', async () => {
    const page = await visit();
    await button(page, 'Noraidīt').click();
    await page.waitForFunction(() => document.cookie.includes('piekritu='));
    const stored = (await cookiesOf(page)).piekritu;
    const settings = dialog(page, 'preferences');
    await page.locator('#settings').click();
    await settings.getByRole('switch', { name: 'Analītikas', exact: true }).check();
    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });
    assert.equal((await cookiesOf(page)).piekritu, stored);
    assert.equal(await page.evaluate(() => window.Piekritu.consent.categories.analytics), false);
    assert.deepEqual(await page.evaluate(() => window.ran), []);
    await page.context().close();
  });
});

describe('no wording that treats browsing as consent', () => {
  const BROWSING_IS_CONSENT = [
    /turpinot/i,
    /turpin\S* (lietot|izmantot|pārlūk|apmeklēt)/i,
    /(izmantojot|lietojot|apmeklējot) (šo |mūsu )?vietni,? (jūs )?(piekrītat|apstiprināt|dodat)/i,
    /continu\w* (to )?(brows|us|visit|scroll|navigat)/i,
    /by (continuing|browsing|scrolling|staying|remaining)/i,
    /(using|browsing|visiting) (this|our) (web)?site,? you (agree|consent|accept)/i,
    /продолжая/i,
    /продолж\S* (использ|просмотр|пользова|работ)/i,
    /(используя|просматривая|посещая) (этот |наш |данный )?(веб-)?сайт,? вы (соглаш|даёте|даете|принима)/i,
  ];
  const offending = (text) => BROWSING_IS_CONSENT.filter((pattern) => pattern.test(text)).map(String);

  it('the patterns catch the classic phrasings', () => {
    for (const text of [
      'Turpinot lietot vietni, jūs piekrītat sīkdatnēm.',
      'By continuing to browse this site you agree to our use of cookies.',
      'If you continue using the site we will assume you are happy with it.',
      'Продолжая использовать сайт, вы соглашаетесь с использованием cookie.',
    ]) {
      assert.notDeepEqual(offending(text), [], text);
    }
  });

  for (const lang of LANGS) {
    it(`the banner, the settings and the policy as shown: ${lang}`, async () => {
      const page = await visit(`?lang=${lang}`);
      const shadowText = (selector) => consent(page).locator(selector).evaluate((node) => node.innerText);
      await byPart(page, 'accept-button').getByText(TEXT[lang]['action.accept'], { exact: true }).waitFor();
      const first = await shadowText('[part~="banner"]');
      assert.ok(first.includes(TEXT[lang]['banner.text']), 'the banner text is shown');

      await byPart(page, 'preferences-button').click();
      await dialog(page, 'preferences').getByRole('switch', { name: TEXT[lang]['category.marketing.label'], exact: true }).waitFor();
      const settings = await shadowText('dialog[part~="preferences"]');
      await page.keyboard.press('Escape');
      await dialog(page, 'preferences').waitFor({ state: 'detached' });

      await byPart(page, 'policy-button').click();
      await dialog(page, 'policy').getByRole('heading', { name: POLICY[lang].title, exact: true }).waitFor();
      await dialog(page, 'policy').locator('table').first().waitFor();
      const policy = await shadowText('dialog[part~="policy"]');
      assert.ok(policy.length > 5000, 'the whole policy is shown');

      for (const [view, text] of Object.entries({ banner: first, settings, policy })) {
        assert.deepEqual(offending(text), [], `${lang} ${view}`);
      }
      await page.context().close();
    });
  }

  it('every text the build ships (banner, renewal, dialogs, placeholders, policies)', () => {
    const folder = new URL('dist/locales/', ROOT);
    const files = [
      ...readdirSync(folder).filter((name) => name.endsWith('.json')),
      ...readdirSync(new URL('policy/', folder)).map((name) => `policy/${name}`),
    ];
    assert.ok(files.length >= 6);
    for (const file of files) {
      const all = JSON.stringify(json(`dist/locales/${file}`));
      assert.deepEqual(offending(all), [], file);
    }
  });
});
