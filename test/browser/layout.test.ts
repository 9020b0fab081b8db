/**
 * What a visitor sees at the sizes that matter: the first layer on a phone, a switch in
 * the settings in landscape, no sideways scrolling in any dialog at 320 px, the policy's
 * contents at 1280 px. Also what a screen reader reads in the settings.
 */
import { expect, fixtureCleanup } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { PiekrituConsent } from '../../src/index.js';
import { LANGS, type Lang } from '../../src/core/locale.js';
import lvTexts from '../../locales/lv.json';
import enTexts from '../../locales/en.json';
import ruTexts from '../../locales/ru.json';
import { clearCookies, mount, mustPart, part, until, warnings } from './helpers.js';

const TEXT: Record<Lang, Record<string, string>> = {
  lv: { ...lvTexts.banner, ...lvTexts.dialogs },
  en: { ...enTexts.banner, ...enTexts.dialogs },
  ru: { ...ruTexts.banner, ...ruTexts.dialogs },
};

/** Cookies as a site declares them, with names as long as real ones. */
const DECLARED = {
  analytics: [
    { name: 'demo_analytics_session', purpose: { lv: 'Atšķir apmeklējuma sesijas', en: 'Tells visit sessions apart', ru: 'Различает сеансы' }, duration: '1 gads', thirdParty: false },
    { name: '_ga_XXXXXXXXXX_identification', purpose: 'Identificē', duration: '2 gadi', thirdParty: 'Google Ireland Limited' },
  ],
};

const extras: Element[] = [];
afterEach(async () => {
  fixtureCleanup();
  for (const node of extras.splice(0)) node.remove();
  clearCookies();
  document.documentElement.removeAttribute('style');
  document.body.removeAttribute('style');
  await setViewport({ width: 800, height: 600 });
});

async function mountIn(lang: Lang): Promise<PiekrituConsent> {
  // A wide sans-serif, as most sites set (the browser's default serif is narrower).
  document.body.style.fontFamily = "system-ui, 'DejaVu Sans', sans-serif";
  const element = await mount({ lang });
  await until(() => part(element, 'accept-button')?.textContent === TEXT[lang]['action.accept'], `the ${lang} banner`);
  return element;
}

async function openDialog(element: PiekrituConsent, view: 'preferences' | 'policy', lang: Lang): Promise<HTMLDialogElement> {
  await element.show(view);
  const dialog = mustPart<HTMLDialogElement>(element, view);
  if (view === 'preferences') await until(() => mustPart(element, 'save-button').textContent!.trim() === TEXT[lang]['action.save'], 'the settings texts');
  else await until(() => dialog.querySelector('nav') !== null, 'the policy');
  await element.updateComplete;
  return dialog;
}

function declare(): void {
  const script = document.createElement('script');
  script.type = 'application/json';
  script.setAttribute('data-piekritu-cookies', '');
  script.textContent = JSON.stringify(DECLARED);
  document.head.append(script);
  extras.push(script);
}

/** Boxes inside `root` that reach past `width`, or that scroll sideways. */
function sideways(root: Element, width: number): string[] {
  const found: string[] = [];
  for (const box of [root, ...root.querySelectorAll('*')]) {
    const rect = box.getBoundingClientRect();
    if (rect.width === 0 || (rect.width <= 1 && getComputedStyle(box).clipPath !== 'none')) continue;
    if (box.closest('thead')) continue;
    const name = `${box.localName}${box.getAttribute('part') ? `[${box.getAttribute('part')}]` : ''} "${(box.textContent ?? '').trim().slice(0, 30)}"`;
    if (rect.right > width + 1 || rect.left < -1) found.push(`${name} spans ${rect.left.toFixed(0)}…${rect.right.toFixed(0)}`);
    if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== 'visible') found.push(`${name} scrolls sideways`);
  }
  return found;
}

describe('phones', () => {
  for (const lang of LANGS) {
    it(`the first layer covers at most 45 % of a 320 × 640 screen: ${lang}`, async () => {
      await setViewport({ width: 320, height: 640 });
      const element = await mountIn(lang);
      const box = mustPart(element, 'banner').getBoundingClientRect();
      const share = (box.width * box.height) / (320 * 640);
      expect(share, `${Math.round(share * 100)} %`).to.be.at.most(0.45);
    });
  }

  for (const lang of LANGS) {
    it(`in landscape (640 × 360) a switch one can turn shows in the settings without scrolling: ${lang}`, async () => {
      await setViewport({ width: 640, height: 360 });
      const element = await mountIn(lang);
      const dialog = await openDialog(element, 'preferences', lang);
      const frame = dialog.getBoundingClientRect();
      const shown = [...dialog.querySelectorAll<HTMLInputElement>('input[role="switch"]:not(:disabled)')].filter((input) => {
        const box = input.getBoundingClientRect();
        // In the dialog's visible box, and not under another part of it (the row of buttons).
        const top = input.getRootNode() as ShadowRoot;
        const hit = top.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return box.top >= frame.top && box.bottom <= Math.min(frame.bottom, innerHeight) && hit === input;
      });
      expect(shown.length, 'switches in view').to.be.greaterThan(0);
    });
  }

  for (const lang of LANGS) {
    it(`no dialog scrolls sideways at 320 px, cookie lists open: ${lang}`, async () => {
      await setViewport({ width: 320, height: 640 });
      declare();
      const element = await mountIn(lang);
      const settings = await openDialog(element, 'preferences', lang);
      for (const details of settings.querySelectorAll('details')) details.open = true;
      await element.updateComplete;
      expect(sideways(settings, 320), 'settings').to.deep.equal([]);
      element.hide();
      await element.updateComplete;
      const policy = await openDialog(element, 'policy', lang);
      expect(sideways(policy, 320), 'policy').to.deep.equal([]);
    });
  }
});

describe('the policy at 1280 px', () => {
  it('keeps a gutter between the contents columns wider than the numbers', async () => {
    await setViewport({ width: 1280, height: 800 });
    const element = await mountIn('en');
    const policy = await openDialog(element, 'policy', 'en');
    const items = [...policy.querySelectorAll('nav li')];
    const first = items[0].getBoundingClientRect().left;
    const second = items.filter((item) => item.getBoundingClientRect().left > first + 50);
    expect(second.length, 'a second column').to.be.greaterThan(0);
    const textEnd = Math.max(...items.filter((item) => !second.includes(item)).map((item) => item.querySelector('a')!.getBoundingClientRect().right));
    // The second column's numbers sit before its items' boxes, in the gutter.
    const number = parseFloat(getComputedStyle(items[0]).fontSize) * 1.5;
    expect(second[0].getBoundingClientRect().left - textEnd, 'gutter').to.be.at.least(number + 8);
  });
});

describe('what a screen reader meets in the settings', () => {
  it('each cookie list is named after its category, and no dialog has a banner landmark', async () => {
    declare();
    const element = await mountIn('lv');
    const settings = await openDialog(element, 'preferences', 'lv');
    const names = [...settings.querySelectorAll('summary')].map((summary) => summary.getAttribute('aria-label') ?? summary.textContent!.trim());
    expect(new Set(names).size, names.join(' | ')).to.equal(names.length);
    expect(names.some((name) => name.includes(TEXT.lv['category.analytics.label']))).to.equal(true);
    // A <header> not inside <article>, <aside>, <main>, <nav> or <section> is a banner landmark.
    expect(settings.querySelector('header, [role="banner"]'), 'settings').to.equal(null);
    element.hide();
    await element.updateComplete;
    const policy = await openDialog(element, 'policy', 'lv');
    expect(policy.querySelector(':scope > header, [role="banner"]'), 'policy').to.equal(null);
  });
});

describe('the bundled policy on another site', () => {
  it('warns whoever builds the site that the policy shown is not theirs', async () => {
    const element = await mountIn('lv');
    const seen = await warnings(() => openDialog(element, 'policy', 'lv'));
    expect(seen.some((message) => message.includes('policy-src') && message.includes('policy-url'))).to.equal(true);
  });

  it('says nothing when the site brings its own policy', async () => {
    const element = await mount({ lang: 'lv', 'policy-src': '/locales/policy/{lang}.json' });
    const seen = await warnings(() => openDialog(element, 'policy', 'lv'));
    expect(seen.filter((message) => message.includes('policy-src'))).to.deep.equal([]);
  });
});

describe('numbers and dates as each language writes them', () => {
  const DAYS: Record<Lang, Record<number, string>> = {
    lv: { 1: '1 diena', 21: '21 diena', 180: '180 dienu', 2: '2 dienas' },
    en: { 1: '1 day', 21: '21 days', 180: '180 days', 2: '2 days' },
    ru: { 1: '1 день', 21: '21 день', 180: '180 дней', 2: '2 дня' },
  };
  for (const lang of LANGS) {
    it(`the consent cookie's lifetime and the policy's date: ${lang}`, async () => {
      for (const days of [1, 21, 180, 2]) {
        const element = await mount({ lang, 'cookie-days': String(days) });
        await until(() => part(element, 'accept-button')?.textContent === TEXT[lang]['action.accept'], 'the banner');
        const settings = await openDialog(element, 'preferences', lang);
        const row = settings.querySelector('td[data-label] code')!.closest('tr')!;
        expect(row.textContent, `${days} days`).to.contain(DAYS[lang][days]);
        fixtureCleanup();
      }
      const element = await mountIn(lang);
      const policy = await openDialog(element, 'policy', lang);
      const meta = policy.querySelector('.meta')!.textContent!;
      const date = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 25)));
      expect(meta).to.contain(date);
      // The bundled policy's version is its date: said once, not twice as the same ISO value.
      expect(meta).not.to.contain('2026-11-25');
    });
  }
});
