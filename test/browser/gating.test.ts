import { expect, fixtureCleanup, nextFrame, oneEvent } from '@open-wc/testing';
import { clearCookies, mount, part, until } from './helpers.js';

declare global {
  interface Window {
    ran: string[];
    gateLooked?: boolean;
    dataLayer?: unknown[];
  }
}

const added: Element[] = [];
function add(markup: string): Element[] {
  const template = document.createElement('template');
  template.innerHTML = markup;
  const nodes = [...template.content.children];
  // Scripts made by innerHTML never run: rebuild them so the gate sees real placeholders.
  for (const node of nodes) {
    const copy = node instanceof HTMLScriptElement ? document.createElement('script') : node;
    if (copy !== node) {
      for (const { name, value } of [...node.attributes]) copy.setAttribute(name, value);
      copy.textContent = node.textContent;
    }
    document.body.append(copy);
    added.push(copy);
  }
  return added.slice(-nodes.length);
}

/**
 * The gate starts in a task of its own after the banner: a "nothing ran" check before then
 * proves nothing. A script every choice allows says when the gate has looked at the page.
 */
async function gateLooked(): Promise<void> {
  add(`<script type="text/plain" data-consent="necessary">window.gateLooked = true</script>`);
  await until(() => window.gateLooked === true, 'the gate to look at the page');
}

beforeEach(() => {
  window.ran = [];
  window.gateLooked = false;
  delete window.dataLayer;
});
afterEach(() => {
  fixtureCleanup();
  clearCookies();
  for (const node of added.splice(0)) node.remove();
  for (const node of document.querySelectorAll('script[data-consent-activated], piekritu-placeholder')) node.remove();
});

describe('gated scripts', () => {
  it('run only once their category is granted, exactly once, in document order', async () => {
    add(`
      <script type="text/plain" data-consent="analytics">window.ran.push('inline-1')</script>
      <script type="text/plain" data-consent="analytics" data-src="/test/browser/fixtures/ran.js" data-name="a"></script>
      <script type="text/plain" data-consent="analytics">window.ran.push('inline-2')</script>
      <script type="text/plain" data-consent="marketing">window.ran.push('marketing')</script>`);
    const element = await mount();
    await gateLooked();
    expect(window.ran).to.deep.equal([]);
    element.save(['analytics']);
    await until(() => window.ran.length === 3, 'the analytics scripts');
    expect(window.ran).to.deep.equal(['inline-1', 'external:a', 'inline-2']);
    element.save(['analytics', 'preferences']);
    await nextFrame();
    expect(window.ran).to.deep.equal(['inline-1', 'external:a', 'inline-2']);
  });

  it('runs scripts added later (single-page apps) when their category is already granted', async () => {
    const element = await mount();
    element.acceptAll();
    add(`<script type="text/plain" data-consent="marketing">window.ran.push('late')</script>`);
    await until(() => window.ran.includes('late'), 'the late script');
    expect(window.ran).to.deep.equal(['late']);
  });

  it('needs every category listed in data-consent', async () => {
    add(`<script type="text/plain" data-consent="analytics marketing">window.ran.push('both')</script>`);
    const element = await mount();
    await gateLooked();
    element.save(['analytics']);
    await nextFrame();
    expect(window.ran).to.deep.equal([]);
    element.save(['analytics', 'marketing']);
    await until(() => window.ran.length === 1, 'the script');
  });

  it('runs a script taken out while it waited behind an external one, once it is put back', async () => {
    const [, inline] = add(`
      <script type="text/plain" data-consent="analytics" data-src="/test/browser/fixtures/ran.js" data-name="slow"></script>
      <script type="text/plain" data-consent="analytics">window.ran.push('came-back')</script>`);
    const element = await mount();
    await gateLooked();
    element.save(['analytics']);
    // Out before its turn: the external script is still loading (a network load takes a task at least).
    inline.remove();
    await until(() => window.ran.includes('external:slow'), 'the external script');
    await nextFrame();
    expect(window.ran).to.deep.equal(['external:slow']);
    document.body.append(inline);
    await until(() => window.ran.includes('came-back'), 'the script put back');
    await nextFrame();
    expect(window.ran).to.deep.equal(['external:slow', 'came-back']);
  });

  it('at scale: 600 scripts and 60 embeds, and bursts added while they activate, each run or load exactly once, in order', async () => {
    const markup = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => `<script type="text/plain" data-consent="analytics">window.ran.push('s${from + i}')</script>`).join('');
    add(markup(0, 300));
    const frames = add(Array.from({ length: 60 }, (_, i) => `<img data-consent="marketing" data-src="/test/browser/fixtures/pixel.svg?${i}" alt="">`).join(''));
    add(markup(300, 300));
    const element = await mount();
    await gateLooked();
    await until(() => document.querySelectorAll('piekritu-placeholder').length === 60, 'the placeholders');
    element.acceptAll();
    // A single-page app adds more while the first ones run: two bursts, in two tasks.
    add(markup(600, 100));
    await new Promise((resolve) => setTimeout(resolve));
    add(markup(700, 100));
    await until(() => window.ran.length >= 800, 'every script');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(window.ran).to.deep.equal(Array.from({ length: 800 }, (_, i) => `s${i}`));
    expect(frames.every((frame) => frame.getAttribute('src') === frame.getAttribute('data-src'))).to.equal(true);
    expect(document.querySelectorAll('piekritu-placeholder').length).to.equal(0);
  });

  it('carries a CSP nonce and data-type over to the real script', async () => {
    const [placeholder] = add(`<script type="text/plain" data-consent="analytics" data-type="module">window.ran.push('module')</script>`);
    (placeholder as HTMLScriptElement).nonce = 'abc123';
    const element = await mount();
    element.acceptAll();
    await until(() => window.ran.includes('module'), 'the module script');
    const real = document.querySelector<HTMLScriptElement>('script[data-consent-activated="analytics"]')!;
    expect(real.type).to.equal('module');
    expect(real.nonce).to.equal('abc123');
  });
});

describe('gated embeds', () => {
  it('request nothing before consent, show a localized placeholder, and load on its one-click allow', async () => {
    const [frame] = add(`<iframe data-consent="marketing" data-src="/test/browser/fixtures/embed.html" width="320" height="180" title="Video"></iframe>`);
    const element = await mount();
    await until(() => document.querySelector('piekritu-placeholder') !== null, 'the placeholder');
    expect(frame.hasAttribute('src')).to.equal(false);
    const placeholder = document.querySelector('piekritu-placeholder')!;
    expect(placeholder.shadowRoot!.textContent).to.contain('Mārketinga');
    const allow = placeholder.shadowRoot!.querySelector<HTMLButtonElement>('[part="allow-button"]')!;
    expect(allow.textContent).to.equal('Atļaut kategoriju „Mārketinga”');
    await expect(placeholder).to.be.accessible();
    allow.click();
    await until(() => frame.getAttribute('src') === '/test/browser/fixtures/embed.html', 'the embed to load');
    expect(element.consent.categories).to.deep.equal({ necessary: true, preferences: false, analytics: false, marketing: true });
    expect(element.consent.decided).to.equal(true);
    expect(document.querySelector('piekritu-placeholder')).to.equal(null);
    expect((frame as HTMLElement).style.display).to.equal('');
    expect(part(element, 'banner')).to.equal(null);
  });

  it('go back to sleep, with their placeholder, when the category is withdrawn', async () => {
    const [image] = add(`<img data-consent="analytics" data-src="/test/browser/fixtures/pixel.svg" alt="">`);
    const element = await mount();
    element.acceptAll();
    await until(() => image.getAttribute('src') !== null, 'the image');
    element.rejectAll();
    await until(() => document.querySelector('piekritu-placeholder') !== null, 'the placeholder');
    expect(image.hasAttribute('src')).to.equal(false);
  });
});

describe('Google Consent Mode', () => {
  it('pushes the default before anything, then an update on each decision, as gtag arguments', async () => {
    const element = await mount({ 'consent-mode': true });
    const layer = window.dataLayer as IArguments[];
    expect(layer.length).to.equal(1);
    expect(Object.prototype.toString.call(layer[0])).to.equal('[object Arguments]');
    const [command, kind, params] = Array.from(layer[0]) as [string, string, Record<string, unknown>];
    expect([command, kind]).to.deep.equal(['consent', 'default']);
    expect(params).to.deep.equal({
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      analytics_storage: 'denied',
      functionality_storage: 'denied',
      personalization_storage: 'denied',
      security_storage: 'granted',
      wait_for_update: 500,
    });
    element.save(['analytics']);
    // The runtime (it sends updates) may still be waiting for an idle moment: it comes now.
    await until(() => layer.length === 2, 'the update');
    const update = Array.from(layer[1]) as [string, string, Record<string, unknown>];
    expect(update.slice(0, 2)).to.deep.equal(['consent', 'update']);
    expect(update[2].analytics_storage).to.equal('granted');
    expect(update[2].ad_storage).to.equal('denied');
  });

  it('takes wait_for_update and region from consent-mode-wait and consent-mode-region', async () => {
    await mount({ 'consent-mode': true, 'consent-mode-wait': '1200', 'consent-mode-region': 'lv ee' });
    const [, , params] = Array.from((window.dataLayer as unknown as IArguments[])[0]) as [string, string, Record<string, unknown>];
    expect(params.wait_for_update).to.equal(1200);
    expect(params.region).to.deep.equal(['LV', 'EE']);
  });

  it('updates on a returning visitor\'s load', async () => {
    const first = await mount({ 'consent-mode': true });
    first.acceptAll();
    await until(() => document.cookie.includes('piekritu='), 'the stored choice');
    fixtureCleanup();
    delete window.dataLayer;
    await mount({ 'consent-mode': true });
    const layer = window.dataLayer as unknown as IArguments[];
    await until(() => layer.length === 2, 'the update');
    // Wait a little longer: a second update would be a duplicate.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(layer.map((entry) => Array.from(entry).slice(0, 2).join(' '))).to.deep.equal(['consent default', 'consent update']);
  });
});

describe('withdrawal clean-up', () => {
  const has = (name: string) => document.cookie.split('; ').some((pair) => pair.startsWith(`${name}=`));

  it("deletes a withdrawn category's declared cookies, never the consent cookie, and says when only a reload stops a script", async () => {
    add(`
      <iframe data-consent="analytics" data-src="/test/browser/fixtures/embed.html" data-cookies="*"></iframe>
      <script type="text/plain" data-consent="preferences" data-cookies="pref">window.ran.push('pref')</script>`);
    const element = await mount();
    element.acceptAll();
    await until(() => window.ran.includes('pref') && has('piekritu'), 'the script and the stored choice');
    document.cookie = '_ga=1; path=/';
    document.cookie = 'pref=1; path=/';

    // Analytics withdrawn: only an embed declared it (with a careless "*").
    const first = oneEvent(element, 'consent-cleanup');
    element.save(['preferences']);
    const { detail } = await first;
    expect(detail.categories).to.have.members(['analytics', 'marketing']);
    expect(detail.cookies).to.include('_ga');
    expect(detail.cookies).not.to.include('piekritu');
    expect(detail.reloadAdvised).to.equal(false);
    expect(has('_ga')).to.equal(false);
    await until(() => has('piekritu'), 'the new choice stored');
    expect(element.consent.categories.preferences).to.equal(true);

    // Preferences withdrawn: its script already ran, so a reload is advised.
    document.cookie = 'pref=1; path=/';
    const second = oneEvent(element, 'consent-cleanup');
    element.rejectAll();
    const withdrawn = (await second).detail;
    expect(withdrawn.categories).to.deep.equal(['preferences']);
    expect(withdrawn.cookies).to.include('pref');
    expect(withdrawn.reloadAdvised).to.equal(true);
    expect(has('pref')).to.equal(false);
    await until(() => has('piekritu'), 'the refusal stored');
  });
});
