/**
 * The consent-signal bridges in the browser: the queue stubs they make are the ones the
 * vendors' scripts expect, they go through a vendor that has loaded, a page's odd globals
 * never break the banner, and a tag that started before its default is reported.
 * Each test gives the bridge a page object of its own (defaults go out once per page).
 */
import { expect, fixtureCleanup } from '@open-wc/testing';
import { clearCookies, click, mount, until } from './helpers.js';
import { bridgeSignals } from '../../src/elements/runtime.js';
import type { Consent } from '../../src/core/consent.js';
import type { ConsentSignalDetail } from '../../src/elements/events.js';

const undecided: Consent = {
  categories: { necessary: true, preferences: false, analytics: false, marketing: false },
  decided: false,
  id: '',
  revision: '1',
  policyVersion: '1',
  timestamp: 0,
  source: 'default',
};
const accepted: Consent = {
  ...undecided,
  categories: { necessary: true, preferences: true, analytics: true, marketing: true },
  decided: true,
  id: 'a',
  timestamp: 1,
  source: 'user',
};

/** A stand-in for the element: an event target in the document with attributes and a consent. */
const made: Element[] = [];
function source(signals: string | null, consent: Consent) {
  const element = document.createElement('div');
  made.push(element);
  if (signals !== null) element.setAttribute('consent-signals', signals);
  document.body.append(element);
  const target = Object.assign(element, { consent });
  const heard: ConsentSignalDetail[] = [];
  const events: CustomEvent[] = [];
  document.addEventListener('consent-signal', (event) => {
    if (event.target !== element) return;
    events.push(event);
    heard.push(event.detail);
  });
  const decide = (next: Consent) => {
    target.consent = next;
    element.dispatchEvent(new CustomEvent('consent-change', { detail: { ...next, changed: [] } }));
  };
  return { target, heard, events, decide };
}

type Page = Record<string, unknown> & Window;
const plain = (list: unknown): unknown[] => Array.from(list as ArrayLike<unknown>, (item) => (typeof item === 'object' && item && 'length' in item ? Array.from(item as ArrayLike<unknown>) : item));

function run(signals: string | null, consent: Consent, before: Partial<Page> = {}) {
  const page = { ...before } as Page;
  const warned: string[] = [];
  const element = source(signals, consent);
  bridgeSignals(element.target, (message) => warned.push(message), page);
  return { page, warned, ...element };
}

afterEach(() => {
  for (const node of made.splice(0)) node.remove();
});

describe('consent-signal bridges', () => {
  it("make each vendor's queue the way its snippet would, default first", () => {
    const { page, warned } = run('clarity uet meta matomo', undecided);
    expect(warned).to.deep.equal([]);
    const clarity = page.clarity as { q: IArguments[] };
    expect(typeof clarity).to.equal('function');
    expect(plain(clarity.q)).to.deep.equal([['consentv2', { ad_Storage: 'denied', analytics_Storage: 'denied' }]]);
    // UET's queue is flat: bat.js reads the command and its arguments one after another.
    expect(page.uetq).to.deep.equal(['consent', 'default', { ad_storage: 'denied' }]);
    const fbq = page.fbq as { queue: IArguments[]; push: unknown; loaded: boolean; version: string };
    expect(plain(fbq.queue)).to.deep.equal([['consent', 'revoke']]);
    expect(fbq.push).to.equal(fbq);
    expect(fbq.loaded).to.equal(true);
    expect(fbq.version).to.equal('2.0');
    expect(page._fbq).to.equal(fbq);
    expect(page._paq).to.deep.equal([['requireConsent']]);
  });

  it('a returning visitor: the update follows the default at once; each decision sends another', () => {
    const { page, heard, decide } = run('uet matomo', accepted);
    expect(page.uetq).to.deep.equal(['consent', 'default', { ad_storage: 'denied' }, 'consent', 'update', { ad_storage: 'granted' }]);
    expect(page._paq).to.deep.equal([['requireConsent'], ['setConsentGiven']]);
    decide({ ...accepted, id: 'b', categories: { ...accepted.categories, analytics: false, marketing: false } });
    expect((page.uetq as unknown[]).slice(6)).to.deep.equal(['consent', 'update', { ad_storage: 'denied' }]);
    expect((page._paq as unknown[]).slice(2)).to.deep.equal([['forgetConsentGiven']]);
    expect(heard.map((detail) => [detail.phase, detail.categories.analytics, detail.categories.marketing])).to.deep.equal([
      ['default', 'denied', 'denied'],
      ['update', 'granted', 'granted'],
      ['update', 'denied', 'denied'],
    ]);
  });

  it('go straight through a vendor whose script has loaded', () => {
    const calls: unknown[][] = [];
    const matomo = { push: (command: unknown[]) => calls.push(command) };
    const { page } = run('matomo', accepted, { _paq: matomo } as Partial<Page>);
    expect(page._paq).to.equal(matomo);
    expect(calls).to.deep.equal([['requireConsent'], ['setConsentGiven']]);
  });

  it('the generic event goes out without the attribute too, heard on document, composed', () => {
    const { heard, events } = run(null, undecided);
    expect(heard.map((detail) => detail.phase)).to.deep.equal(['default']);
    expect(events[0].bubbles && events[0].composed).to.equal(true);
  });

  it('odd globals are replaced or reported, and never throw', () => {
    const throwing = {};
    Object.defineProperty(throwing, 'push', {
      get() {
        throw new Error('broken tag manager');
      },
    });
    const { page, warned } = run('clarity uet meta matomo', accepted, { clarity: 'x', uetq: 5, fbq: null, _paq: throwing } as Partial<Page>);
    expect(typeof page.clarity).to.equal('function');
    expect(page.uetq).to.deep.equal(['consent', 'default', { ad_storage: 'denied' }, 'consent', 'update', { ad_storage: 'granted' }]);
    expect(typeof page.fbq).to.equal('function');
    expect(warned.filter((message) => message.includes('Matomo did not take its consent signal'))).to.have.length(2);
  });

  it('a vendor that started before its default is reported, once, with what to do', () => {
    const { warned } = run('meta matomo uet', undecided, {
      fbq: Object.assign(() => undefined, { callMethod: () => undefined }),
      _paq: [['trackPageView']],
      uetq: [],
    } as Partial<Page>);
    expect(warned).to.deep.equal([
      'piekritu: Meta Pixel started before its consent default; gate its tag with data-consent so it runs after piekritu.',
      'piekritu: Matomo started before its consent default; gate its tag with data-consent so it runs after piekritu.',
    ]);
  });

  it('unknown names: one warning naming the attribute, the known ones kept', () => {
    const { page, warned } = run('clarity tiktok', undecided);
    expect(warned).to.deep.equal(['piekritu: consent-signals="tiktok" is not one of clarity, uet, meta, matomo; using "clarity".']);
    expect(typeof page.clarity).to.equal('function');
    expect(page.uetq).to.equal(undefined);
  });
});

describe('the element', () => {
  after(() => {
    fixtureCleanup();
    clearCookies();
  });

  it('reads consent-signals with the runtime: the default before the gate, an update at the decision, the event on document', async () => {
    const page = window as unknown as { _paq?: unknown[] };
    const heard: string[] = [];
    document.addEventListener('consent-signal', (event) => heard.push(`${event.detail.phase} ${event.detail.categories.analytics}`));
    clearCookies();
    const element = await mount({ 'consent-signals': 'matomo' });
    await until(() => Array.isArray(page._paq), 'the Matomo default');
    expect(page._paq).to.deep.equal([['requireConsent']]);
    await click(element, 'accept-button');
    await until(() => heard.length === 2, 'the update');
    expect(page._paq).to.deep.equal([['requireConsent'], ['setConsentGiven']]);
    expect(heard).to.deep.equal(['default denied', 'update granted']);
  });
});
