/**
 * Hostile input and broken environments: blocked cookies and storage, missing browser
 * APIs, a page's odd dataLayer, elements moved or doubled, frantic clicking, and stored
 * values from other formats. Whatever happens, the page goes on working and nothing throws.
 */
import { expect, fixtureCleanup, nextFrame, oneEvent } from '@open-wc/testing';
import { encode } from '../../src/core/codec.js';
import { banner as LV_BANNER } from '../../locales/lv.json';
import { version as POLICY_VERSION } from '../../locales/policy/lv.json';
import type { PiekrituConsent } from '../../src/index.js';
import { clearCookies, click, mount, mustPart, part, until, warnings } from './helpers.js';

declare global {
  interface Window {
    ran: string[];
  }
}

/** The page's dataLayer, whatever a site may have put there. */
const page = window as unknown as { dataLayer?: unknown };

/** Every environment the suite puts the element in, counted once and printed once at the end. */
const environments = new Set<string>();
const tried = (name: string) => environments.add(name);
after(() => console.log(`piekritu: ${environments.size} hostile environments tried`));

/** Uncaught errors and rejections while a test runs: there must be none. */
const uncaught: string[] = [];
const onError = (event: ErrorEvent) => uncaught.push(`error: ${event.message}`);
const onRejection = (event: PromiseRejectionEvent) => uncaught.push(`unhandled rejection: ${String(event.reason)}`);

const added: Element[] = [];
/** A gated inline script, as the parser would leave it. */
function gated(category: string, code: string): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'text/plain';
  script.setAttribute('data-consent', category);
  script.textContent = code;
  document.body.append(script);
  added.push(script);
  return script;
}

const cookie = (name = 'piekritu') =>
  document.cookie
    .split('; ')
    .find((pair) => pair.startsWith(`${name}=`))
    ?.slice(name.length + 1);

const statusText = (element: PiekrituConsent) => mustPart(element, 'status').textContent ?? '';

/** Count an element's events of one type from now on. */
function count(target: EventTarget, type: string): CustomEvent[] {
  const seen: CustomEvent[] = [];
  target.addEventListener(type, (event) => seen.push(event as CustomEvent));
  return seen;
}

/** Replace a property on an object for one test; returns the restore function. */
function override<T extends object>(target: T, key: string, descriptor: PropertyDescriptor): () => void {
  const own = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { configurable: true, ...descriptor });
  return () => {
    if (own) Object.defineProperty(target, key, own);
    else delete (target as Record<string, unknown>)[key];
  };
}

const blocked = () => {
  throw new DOMException('The operation is insecure.', 'SecurityError');
};

beforeEach(() => {
  window.ran = [];
  delete page.dataLayer;
  uncaught.length = 0;
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
});

afterEach(() => {
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
  fixtureCleanup();
  clearCookies();
  localStorage.removeItem('piekritu:records');
  for (const node of added.splice(0)) node.remove();
  for (const node of document.querySelectorAll('piekritu-consent')) node.remove();
  for (const node of document.querySelectorAll('script[data-consent-activated], piekritu-placeholder')) node.remove();
  document.documentElement.style.removeProperty('padding-bottom');
  document.documentElement.style.removeProperty('scroll-padding-bottom');
});

describe('cookies unavailable', () => {
  it('document.cookie throws: the banner shows, a decision holds for the page view, and the status says it was not saved', async () => {
    tried('document.cookie throws');
    gated('analytics', "window.ran.push('a')");
    const restore = override(document, 'cookie', { get: blocked, set: blocked });
    try {
      const ready = oneEvent(document, 'consent-ready');
      let element!: PiekrituConsent;
      const seen = await warnings(async () => {
        element = await mount();
        expect((await ready).detail.decided).to.equal(false);
        expect(part(element, 'banner')).to.not.equal(null);
        await click(element, 'accept-button');
        await until(() => statusText(element) !== '', 'the status message');
      });
      expect(statusText(element)).to.equal(LV_BANNER['status.unsaved']);
      expect(element.consent.decided).to.equal(true);
      expect(element.consent.categories.analytics).to.equal(true);
      expect(part(element, 'banner')).to.equal(null);
      // The decision applies to this page view: gated scripts run.
      await until(() => window.ran.includes('a'), 'the gated script');
      expect(seen).to.deep.equal([]);
    } finally {
      restore();
    }
    expect(cookie()).to.equal(undefined);
    expect(uncaught).to.deep.equal([]);
  });

  it('cookies silently refused (reads empty, writes ignored): same outcome, no exception', async () => {
    tried('cookies silently refused');
    const restore = override(document, 'cookie', { get: () => '', set: () => undefined });
    try {
      const element = await mount();
      expect(part(element, 'banner')).to.not.equal(null);
      await click(element, 'reject-button');
      await until(() => statusText(element) !== '', 'the status message');
      expect(statusText(element)).to.equal(LV_BANNER['status.unsaved']);
      expect(element.consent.decided).to.equal(true);
      expect(element.consent.categories.marketing).to.equal(false);
    } finally {
      restore();
    }
    expect(uncaught).to.deep.equal([]);
  });
});

describe('storage unavailable', () => {
  /** The log endpoint, answered in the page: every POST is a delivered record. */
  function fakeEndpoint(path: string): { bodies: unknown[]; restore: () => void } {
    const bodies: unknown[] = [];
    const original = window.fetch;
    window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input instanceof Request ? input.url : input), location.href);
      if (url.pathname !== path) return original(input, init);
      bodies.push(JSON.parse(String(init?.body)));
      return new Response(null, { status: 204 });
    }) as typeof fetch;
    return { bodies, restore: () => (window.fetch = original) };
  }

  it('localStorage throws, with log-endpoint: no exception, the choice is stored, and the record is still sent', async () => {
    tried('localStorage throws');
    const endpoint = fakeEndpoint('/piekritu-test-log');
    const restore = override(window, 'localStorage', { get: blocked });
    try {
      const element = await mount({ 'log-endpoint': '/piekritu-test-log' });
      expect(part(element, 'banner')).to.not.equal(null);
      await click(element, 'accept-button');
      await until(() => statusText(element) === LV_BANNER['status.saved'], 'the saved status');
      expect(cookie()).to.match(/^v=1&/);
      // Proof of consent: with nowhere to queue it, the record must at least be sent now.
      await until(() => endpoint.bodies.length > 0, 'the consent record to be sent without localStorage', 120);
      expect(endpoint.bodies).to.have.length(1);
      expect((endpoint.bodies[0] as { id: string }).id).to.equal(element.consent.id);
    } finally {
      restore();
      endpoint.restore();
    }
    expect(uncaught).to.deep.equal([]);
  });
});

describe('missing browser APIs', () => {
  it('without BroadcastChannel, a decision in another tab still arrives when this tab becomes visible', async () => {
    tried('no BroadcastChannel');
    // Sync is created per connection, so this holds even when the runtime chunk is already cached.
    const channel = Object.getOwnPropertyDescriptor(window, 'BroadcastChannel')!;
    delete (window as { BroadcastChannel?: unknown }).BroadcastChannel;
    const restoreChannel = () => Object.defineProperty(window, 'BroadcastChannel', channel);
    const restoreVisibility = override(document, 'visibilityState', { get: () => 'visible' });
    try {
      expect('BroadcastChannel' in window).to.equal(false);
      const element = await mount();
      await click(element, 'accept-button');
      await until(() => statusText(element) === LV_BANNER['status.saved'], 'the saved status');
      expect(element.consent.categories.analytics).to.equal(true);

      // "Another tab" refuses everything: only the cookie tells.
      const denied = ['preferences', 'analytics', 'marketing'];
      const other = encode({ id: 'other-tab-0001', timestamp: Date.now(), revision: '', policyVersion: POLICY_VERSION, granted: [], denied, source: 'user' });
      document.cookie = `piekritu=${other}; path=/`;
      const changed = oneEvent(element, 'consent-change');
      document.dispatchEvent(new Event('visibilitychange'));
      const event = await changed;
      expect(event.detail.id).to.equal('other-tab-0001');
      expect(event.detail.changed).to.have.members(denied);
      expect(element.consent.categories.analytics).to.equal(false);
    } finally {
      restoreVisibility();
      restoreChannel();
    }
    expect(typeof window.BroadcastChannel).to.equal('function');
    expect(uncaught).to.deep.equal([]);
  });
});

describe("the page's dataLayer", () => {
  it('none yet: consent-mode creates it as an array, without a warning', async () => {
    tried('no dataLayer');
    let element!: PiekrituConsent;
    const seen = await warnings(async () => {
      element = await mount({ 'consent-mode': true });
      element.acceptAll();
      await until(() => (page.dataLayer as unknown[]).length === 2, 'the update');
    });
    expect(Array.isArray(page.dataLayer)).to.equal(true);
    expect(seen).to.deep.equal([]);
  });

  for (const [name, value] of [
    ['an object without push', {}],
    ['a string', 'GTM-XXXX'],
    ['null', null],
    ['an object whose push is not a function', { push: 'no' }],
  ] as const) {
    it(`${name}: warned once, replaced by an array holding the default and then the update`, async () => {
      tried(`dataLayer is ${name}`);
      page.dataLayer = value;
      let element!: PiekrituConsent;
      const seen = await warnings(async () => {
        element = await mount({ 'consent-mode': true });
        expect(part(element, 'banner')).to.not.equal(null);
        element.acceptAll();
        await until(() => Array.isArray(page.dataLayer) && page.dataLayer.length === 2, 'the update');
      });
      expect(seen.filter((message) => message.includes('dataLayer'))).to.have.length(1);
      const layer = (page.dataLayer as IArguments[]).map((entry) => Array.from(entry).slice(0, 2).join(' '));
      expect(layer).to.deep.equal(['consent default', 'consent update']);
      expect(uncaught).to.deep.equal([]);
    });
  }

  it('a dataLayer whose push throws (a broken tag manager): the banner still shows and a decision still gates', async () => {
    tried('dataLayer.push throws');
    gated('analytics', "window.ran.push('a')");
    page.dataLayer = {
      push() {
        throw new Error('broken tag manager');
      },
    };
    const element = await mount({ 'consent-mode': true });
    expect(part(element, 'banner'), 'the banner').to.not.equal(null);
    expect(() => element.acceptAll()).to.not.throw();
    expect(element.consent.decided).to.equal(true);
    await until(() => window.ran.includes('a'), 'the gated script');
    expect(uncaught).to.deep.equal([]);
  });
});

describe('the element moved, doubled, hammered', () => {
  it('removed and added again: consent-ready fires again, no gated script runs twice', async () => {
    tried('element removed and re-added (decided)');
    gated('analytics', "window.ran.push('a')");
    const element = await mount();
    await click(element, 'accept-button');
    await until(() => window.ran.includes('a'), 'the gated script');
    const parent = element.parentElement!;

    element.remove();
    const ready = oneEvent(element, 'consent-ready');
    parent.append(element);
    const event = await ready;
    expect(event.detail.decided).to.equal(true);
    expect(part(element, 'banner')).to.equal(null);
    // The gate is back: a script added now runs, and (the gate's queue is in order) by the
    // time it has, a second run of the first would have happened too.
    gated('analytics', "window.ran.push('b')");
    await until(() => window.ran.includes('b'), 'the late gated script');
    expect(window.ran).to.deep.equal(['a', 'b']);

    // Moved within the page (a framework re-rendering): the same.
    const readyAgain = oneEvent(element, 'consent-ready');
    document.body.append(element);
    await readyAgain;
    gated('analytics', "window.ran.push('c')");
    await until(() => window.ran.includes('c'), 'the second late script');
    expect(window.ran).to.deep.equal(['a', 'b', 'c']);
    element.remove();
    expect(uncaught).to.deep.equal([]);
  });

  it('removed and added again before a decision: the banner is back, keeps its room on the page, and still decides', async () => {
    tried('element removed and re-added (undecided)');
    gated('analytics', "window.ran.push('a')");
    const element = await mount();
    const room = () => document.documentElement.style.getPropertyValue('padding-bottom');
    await until(() => room() !== '', 'the room kept for the banner');
    const parent = element.parentElement!;
    element.remove();
    expect(room()).to.equal('');
    const ready = oneEvent(element, 'consent-ready');
    parent.append(element);
    expect((await ready).detail.decided).to.equal(false);
    await element.updateComplete;
    expect(part(element, 'banner')).to.not.equal(null);
    // WCAG 2.4.11: the page must again keep room for the banner it shows.
    await until(() => room() !== '', 'the room kept for the banner after re-adding', 60);
    await click(element, 'accept-button');
    await until(() => window.ran.includes('a'), 'the gated script');
    expect(window.ran).to.deep.equal(['a']);
  });

  it('two elements at once: the second warns once and stays empty, the first works', async () => {
    tried('two elements');
    const first = await mount();
    const second = document.createElement('piekritu-consent');
    const secondReady = count(second, 'consent-ready');
    const seen = await warnings(async () => {
      first.parentElement!.append(second);
      await second.updateComplete;
      // Re-connecting does not repeat the warning.
      second.remove();
      first.parentElement!.append(second);
      await second.updateComplete;
    });
    try {
      expect(seen.filter((message) => message.includes('only one'))).to.have.length(1);
      expect(seen).to.have.length(1);
      expect(second.shadowRoot?.querySelector('[part]') ?? null).to.equal(null);
      expect(secondReady).to.have.length(0);
      expect(second.consent.decided).to.equal(false);
      second.acceptAll(); // a harmless no-op
      expect(second.consent.decided).to.equal(false);
      expect(first.consent.decided).to.equal(false);

      await click(first, 'accept-button');
      expect(first.consent.decided).to.equal(true);
      await until(() => cookie() !== undefined, 'the stored choice');
    } finally {
      second.remove();
    }
    expect(uncaught).to.deep.equal([]);
  });

  it('rapid clicks on Piekrītu and Noraidīt: each click is a decision, the last one wins, gated scripts run once', async () => {
    tried('rapid clicks');
    gated('analytics', "window.ran.push('a')");
    // "necessary" is always granted: once this ran, the runtime is connected (no extra
    // returning-visitor update can slip in between the clicks).
    gated('necessary', "window.ran.push('gate')");
    const element = await mount({ 'consent-mode': true });
    await until(() => window.ran.includes('gate'), 'the gate');
    const changes = count(element, 'consent-change');
    const accept = mustPart(element, 'accept-button');
    const reject = mustPart(element, 'reject-button');
    // Nine clicks in one task, before the banner can even re-render: accept, reject, … accept.
    const clicks = [accept, reject, accept, accept, reject, reject, accept, reject, accept];
    for (const button of clicks) button.click();
    // Each decision is reported once it is stored, in the order of the clicks.
    await until(() => changes.length === clicks.length, 'every decision reported');
    expect(changes.at(-1)!.detail.categories).to.deep.equal({ necessary: true, preferences: true, analytics: true, marketing: true });
    // Each effective flip is reported; a repeated choice reports no change.
    expect(changes.map((event) => event.detail.changed.length)).to.deep.equal([3, 3, 3, 0, 3, 0, 3, 3, 3]);
    expect(new Set(changes.map((event) => event.detail.id)).size).to.equal(clicks.length);
    await until(() => statusText(element) === LV_BANNER['status.saved'], 'the saved status');
    await until(() => /g=preferences\.analytics\.marketing&/.test(cookie() ?? ''), 'the last choice stored');
    expect(cookie()).to.match(new RegExp(`^v=1&id=${element.consent.id}&.*g=preferences\\.analytics\\.marketing&d=&s=u$`));
    // The gate runs in order: once a later script has run, a second run of the first would have too.
    gated('analytics', "window.ran.push('z')");
    await until(() => window.ran.includes('z'), 'the sentinel script');
    expect(window.ran).to.deep.equal(['gate', 'a', 'z']);
    // Consent Mode heard every decision, the last one granting.
    const layer = page.dataLayer as IArguments[];
    expect(layer).to.have.length(1 + clicks.length);
    expect((Array.from(layer.at(-1)!)[2] as Record<string, string>).analytics_storage).to.equal('granted');
    expect(part(element, 'banner')).to.equal(null);
    expect(uncaught).to.deep.equal([]);
  });

  it('rapid clicks on Personalizēt open one dialog', async () => {
    tried('rapid clicks on Personalizēt');
    const element = await mount();
    const shown = count(element, 'consent-show');
    const button = mustPart(element, 'preferences-button');
    for (let i = 0; i < 5; i += 1) button.click();
    await until(() => part<HTMLDialogElement>(element, 'preferences')?.open === true, 'the dialog');
    await element.updateComplete;
    await nextFrame();
    expect(shown.map((event) => event.detail.view)).to.deep.equal(['preferences']);
    expect(element.shadowRoot!.querySelectorAll('dialog')).to.have.length(1);
    expect(uncaught).to.deep.equal([]);
  });
});

describe('stored values from other formats', () => {
  const stamp = Math.floor(Date.now() / 1000);
  const fields = `id=0123456789abcdef&t=${stamp}&r=&p=${POLICY_VERSION}&g=analytics&d=preferences.marketing&s=u`;
  const cases: [string, string][] = [
    ['an older format (v=0)', `v=0&${fields}`],
    ['a newer format (v=2)', `v=2&${fields}`],
    ['a newer format with an extra field', `v=1&${fields}&x=1`],
    ['JSON', encodeURIComponent(JSON.stringify({ v: 1, granted: ['analytics'] }))],
    ['JSON garbage', '{"v":1,"g":['],
    ['a broken percent-encoding', `v=1&id=%E0%A4%A&${fields.slice(fields.indexOf('&') + 1)}`],
    ['a 4 kB value (the most a browser keeps)', `v=1&${fields}`.padEnd(4000, 'x')],
  ];

  for (const [name, value] of cases) {
    it(`${name}: no choice, the banner shows, one warning`, async () => {
      tried(`cookie: ${name}`);
      document.cookie = `piekritu=${value}; path=/`;
      expect(cookie(), 'the browser kept the test cookie').to.not.equal(undefined);
      let element!: PiekrituConsent;
      const seen = await warnings(async () => {
        element = await mount();
        await nextFrame();
      });
      expect(element.consent.decided).to.equal(false);
      expect(element.consent.categories.analytics).to.equal(false);
      expect(part(element, 'banner')).to.not.equal(null);
      expect(seen).to.have.length(1);
      expect(seen[0]).to.contain('could not be read');
      expect(uncaught).to.deep.equal([]);
    });
  }

  it('a 5 kB value (more than a browser keeps, so handed over by document.cookie itself): no choice, one warning', async () => {
    tried('cookie: a 5 kB value');
    const huge = `v=1&${fields}`.padEnd(5 * 1024, 'x');
    const restore = override(document, 'cookie', { get: () => `other=1; piekritu=${huge}`, set: () => undefined });
    try {
      let element!: PiekrituConsent;
      const seen = await warnings(async () => {
        element = await mount();
        await nextFrame();
      });
      expect(element.consent.decided).to.equal(false);
      expect(part(element, 'banner')).to.not.equal(null);
      expect(seen).to.have.length(1);
      expect(seen[0]).to.contain('could not be read');
    } finally {
      restore();
    }
    expect(uncaught).to.deep.equal([]);
  });
});
