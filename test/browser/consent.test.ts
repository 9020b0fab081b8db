import { expect, oneEvent, fixtureCleanup } from '@open-wc/testing';
import { encode } from '../../src/core/codec.js';
import { version as POLICY_VERSION } from '../../locales/policy/lv.json';
import type { PiekrituConsent } from '../../src/elements/consent/consent.component.js';
import { createApi } from '../../src/elements/api.js';
import { clearCookies, click, mount, mustPart, open, part, switchFor, until, warnings } from './helpers.js';

const cookie = (name = 'piekritu') =>
  document.cookie
    .split('; ')
    .find((pair) => pair.startsWith(`${name}=`))
    ?.slice(name.length + 1);

function storeChoice(granted: string[], revision = '', when = Date.now(), policyVersion = POLICY_VERSION) {
  const denied = ['preferences', 'analytics', 'marketing'].filter((name) => !granted.includes(name));
  const value = encode({ id: 'test-0001-id', timestamp: when, revision, policyVersion, granted, denied, source: 'user' });
  document.cookie = `piekritu=${value}; path=/`;
}

afterEach(() => {
  fixtureCleanup();
  clearCookies();
});

describe('first visit', () => {
  it('shows a named region with Piekrītu, Noraidīt, Personalizēt and Vairāk info', async () => {
    const element = await mount();
    const banner = mustPart(element, 'banner');
    expect(banner.getAttribute('role')).to.equal('region');
    const title = element.shadowRoot!.getElementById(banner.getAttribute('aria-labelledby')!);
    expect(title?.textContent).to.equal('Sīkdatnes šajā vietnē');
    expect(mustPart(element, 'accept-button').textContent!.trim()).to.equal('Piekrītu');
    expect(mustPart(element, 'reject-button').textContent!.trim()).to.equal('Noraidīt');
    expect(mustPart(element, 'preferences-button').textContent!.trim()).to.equal('Personalizēt');
    expect(mustPart(element, 'policy-button').textContent!.trim()).to.equal('Vairāk info');
    expect(element.consent.decided).to.equal(false);
    expect(element.consent.categories).to.deep.equal({ necessary: true, preferences: false, analytics: false, marketing: false });
    expect(cookie()).to.equal(undefined);
  });

  it('gives Noraidīt exactly the look of Piekrītu', async () => {
    const element = await mount();
    const accept = getComputedStyle(mustPart(element, 'accept-button'));
    const reject = getComputedStyle(mustPart(element, 'reject-button'));
    for (const property of ['background-color', 'color', 'font-weight', 'font-size', 'border', 'height', 'padding']) {
      expect(reject.getPropertyValue(property), property).to.equal(accept.getPropertyValue(property));
    }
  });

  it('fires consent-ready, bubbling and composed, with no decision', async () => {
    const heard = oneEvent(document, 'consent-ready');
    await mount();
    const event = await heard;
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.detail.decided).to.equal(false);
    expect(event.detail.source).to.equal('default');
  });

  it('is accessible (axe, WCAG 2.2 AA)', async () => {
    const element = await mount();
    await expect(element).to.be.accessible();
  });

  it('Escape on the banner decides nothing', async () => {
    const element = await mount();
    mustPart(element, 'accept-button').focus();
    mustPart(element, 'accept-button').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await element.updateComplete;
    expect(element.consent.decided).to.equal(false);
    expect(part(element, 'banner')).to.not.equal(null);
  });
});

describe('deciding', () => {
  it('Piekrītu grants all, stores the choice, hides the banner and says it was saved', async () => {
    const element = await mount({ revision: '3' });
    const changed = oneEvent(element, 'consent-change');
    await click(element, 'accept-button');
    const event = await changed;
    expect(event.detail.categories).to.deep.equal({ necessary: true, preferences: true, analytics: true, marketing: true });
    expect(event.detail.changed).to.have.members(['preferences', 'analytics', 'marketing']);
    expect(event.detail.decided).to.equal(true);
    expect(event.detail.source).to.equal('user');
    expect(event.detail.revision).to.equal('3');
    expect(event.detail.id).to.match(/^[0-9a-f-]{32,36}$/);
    expect(part(element, 'banner')).to.equal(null);
    expect(cookie()).to.match(/^v=1&id=.+&r=3&p=.+&g=preferences\.analytics\.marketing&d=&s=u$/);
    expect(mustPart(element, 'status').getAttribute('role')).to.equal('status');
    expect(mustPart(element, 'status').textContent).to.equal('Jūsu izvēle saglabāta');
  });

  it('Noraidīt refuses every optional category', async () => {
    const element = await mount();
    await click(element, 'reject-button');
    expect(element.consent.decided).to.equal(true);
    expect(element.consent.categories).to.deep.equal({ necessary: true, preferences: false, analytics: false, marketing: false });
    expect(cookie()).to.match(/&g=&d=preferences\.analytics\.marketing&/);
  });

  it('remembers the choice on the next load (no banner, consent-ready says decided)', async () => {
    storeChoice(['analytics']);
    const heard = oneEvent(document, 'consent-ready');
    const element = await mount();
    const event = await heard;
    expect(event.detail.decided).to.equal(true);
    expect(event.detail.categories.analytics).to.equal(true);
    expect(event.detail.categories.marketing).to.equal(false);
    expect(part(element, 'banner')).to.equal(null);
  });

  it('asks again when the revision changed, and says why', async () => {
    storeChoice(['analytics'], '1');
    const element = await mount({ revision: '2' });
    expect(element.consent.decided).to.equal(false);
    // Why it asks again comes from locales/lv.renew.json: a first visit never loads it.
    await until(() => part(element, 'banner')?.textContent?.includes('mainījusies') === true, 'the renew notice');
  });

  it('asks again, without the reason, when the file saying why does not load (never a raw key)', async () => {
    storeChoice(['analytics'], '1');
    let element!: PiekrituConsent;
    const seen = await warnings(async () => {
      element = await mount({ revision: '2', 'locales-src': '/nowhere/' });
      await until(() => part(element, 'banner') !== null, 'the banner');
    });
    const banner = mustPart(element, 'banner');
    expect(banner.textContent).to.include('Sīkdatnes šajā vietnē');
    expect(banner.textContent).not.to.include('banner.');
    expect(banner.querySelector('.notice')).to.equal(null);
    expect(seen.some((message) => message.includes('/nowhere/lv.renew.json did not load'))).to.equal(true);
  });

  it('asks again when the policy version changed', async () => {
    storeChoice(['analytics'], '', Date.now(), '2000-01-01');
    const element = await mount();
    expect(element.consent.decided).to.equal(false);
    await until(() => part(element, 'banner')?.textContent?.includes('Privātuma politika ir atjaunināta') === true, 'the notice');
  });

  it('asks again once cookie-days have passed', async () => {
    storeChoice(['analytics'], '', Date.now() - 31 * 24 * 3600 * 1000);
    const element = await mount({ 'cookie-days': '30' });
    expect(element.consent.decided).to.equal(false);
  });

  it('treats a malformed cookie as no choice, with a warning', async () => {
    document.cookie = 'piekritu=%7B%22garbage; path=/';
    let element!: Awaited<ReturnType<typeof mount>>;
    const seen = await warnings(async () => (element = await mount()));
    expect(element.consent.decided).to.equal(false);
    expect(part(element, 'banner')).to.not.equal(null);
    expect(seen.some((message) => message.includes('could not be read'))).to.equal(true);
  });

  it('warns once about a bad attribute and uses the default', async () => {
    let element!: Awaited<ReturnType<typeof mount>>;
    const seen = await warnings(async () => (element = await mount({ 'cookie-days': 'forever', theme: 'purple' })));
    expect(seen.filter((message) => message.includes('cookie-days'))).to.have.length(1);
    expect(seen.filter((message) => message.includes('theme'))).to.have.length(1);
    await click(element, 'accept-button');
    expect(element.consent.decided).to.equal(true);
  });

  it('hide() closes the banner and decides nothing; show() brings it back, a wrong view only warns', async () => {
    const element = await mount();
    const hidden = oneEvent(element, 'consent-hide');
    element.hide();
    expect((await hidden).detail.view).to.equal('banner');
    await element.updateComplete;
    expect(part(element, 'banner')).to.equal(null);
    expect(element.consent.decided).to.equal(false);
    expect(document.cookie.includes('piekritu=')).to.equal(false);
    const seen = await warnings(() => element.show('nonsense' as never));
    expect(seen.filter((message) => message.includes('"nonsense"'))).to.have.length(1);
    await element.show('banner');
    await element.updateComplete;
    expect(part(element, 'banner')).to.not.equal(null);
  });

  it('reset() forgets the choice and shows the banner again', async () => {
    const element = await mount();
    await click(element, 'accept-button');
    // The cookie is written once the runtime is there: only then does removing it prove anything.
    await until(() => cookie() !== undefined, 'the stored choice');
    element.reset();
    await element.updateComplete;
    await until(() => cookie() === undefined, 'the cookie removed');
    expect(element.consent.decided).to.equal(false);
    expect(part(element, 'banner')).to.not.equal(null);
  });

  it('uses cookie-name and honours a custom category list', async () => {
    const element = await mount({ 'cookie-name': 'site_consent', categories: 'analytics, social' });
    expect(Object.keys(element.consent.categories)).to.deep.equal(['necessary', 'analytics', 'social']);
    await click(element, 'accept-button');
    expect(cookie('site_consent')).to.match(/g=analytics\.social/);
    expect(cookie()).to.equal(undefined);
  });
});

describe('room on the page for the banner (WCAG 2.4.11)', () => {
  const root = () => document.documentElement.style;
  const frames = async (count: number) => {
    for (let i = 0; i < count; i += 1) await new Promise((resolve) => requestAnimationFrame(resolve));
  };
  afterEach(() => {
    fixtureCleanup(); // the element gives the page its values back first
    root().cssText = '';
  });

  it("reserves the banner's height at the bottom while it shows, and gives the page its own values back after a choice", async () => {
    root().paddingBottom = '7px';
    root().scrollPaddingBottom = '3px';
    const element = await mount();
    await until(() => root().paddingBottom !== '7px', 'the room kept for the banner');
    const banner = mustPart(element, 'banner');
    const room = Math.ceil(innerHeight - banner.getBoundingClientRect().top);
    expect(root().paddingBottom).to.equal(`${room}px`);
    expect(root().scrollPaddingBottom).to.equal(`${room}px`);
    expect(room).to.be.greaterThan(0).and.lessThan(innerHeight);

    // Under the settings dialog the banner is hidden: the room stays what it was.
    await open(element, 'preferences-button', 'preferences');
    await frames(3);
    expect(root().paddingBottom).to.equal(`${room}px`);

    mustPart(element, 'accept-all-button').click();
    await until(() => part(element, 'banner') === null, 'the banner closed');
    expect(root().paddingBottom).to.equal('7px');
    expect(root().scrollPaddingBottom).to.equal('3px');
  });

  it('position="top" keeps room at the top and leaves the bottom alone', async () => {
    const element = await mount({ position: 'top' });
    await until(() => root().paddingTop !== '', 'the room kept at the top');
    const room = Math.ceil(mustPart(element, 'banner').getBoundingClientRect().bottom);
    expect(root().paddingTop).to.equal(`${room}px`);
    expect(root().scrollPaddingTop).to.equal(`${room}px`);
    expect(root().paddingBottom).to.equal('');
    expect(root().scrollPaddingBottom).to.equal('');
  });

  it('a corner box (position="bottom-end") sets only the scroll padding', async () => {
    await mount({ position: 'bottom-end' });
    await until(() => root().scrollPaddingBottom !== '', 'the scroll padding');
    expect(root().paddingBottom).to.equal('');
  });
});

describe('before the runtime connects', () => {
  // Connected by hand, not through mount(): each call below comes before the runtime's task.
  const connect = () => {
    const element = document.createElement('piekritu-consent');
    document.body.append(element);
    return element;
  };
  const settled = () => new Promise((resolve) => setTimeout(resolve, 300));

  it('a reset stays a reset: the stored choice is not read back while it is being removed', async () => {
    storeChoice(['analytics']);
    const element = connect();
    try {
      expect(element.consent.decided).to.equal(true);
      element.reset();
      await until(() => cookie() === undefined, 'the cookie removed');
      await settled();
      expect(element.consent.decided).to.equal(false);
      expect(part(element, 'banner')).to.not.equal(null);
    } finally {
      element.remove();
    }
  });

  it("another tab's choice made meanwhile is taken when the runtime connects", async () => {
    storeChoice(['analytics']);
    const element = connect();
    try {
      expect(element.consent.categories.analytics).to.equal(true);
      // The other tab withdraws before this one listens: only the cookie tells.
      storeChoice([]);
      document.cookie = `piekritu=${cookie()!.replace('test-0001-id', 'other-tab-0002')}; path=/`;
      const events: CustomEvent[] = [];
      element.addEventListener('consent-change', (event) => events.push(event));
      await until(() => events.length > 0, 'the change from the other tab');
      expect(events[0].detail.id).to.equal('other-tab-0002');
      expect(element.consent.categories.analytics).to.equal(false);
    } finally {
      element.remove();
    }
  });
});

describe('a decision in another tab while the runtime starts', () => {
  const connect = () => document.body.appendChild(document.createElement('piekritu-consent'));

  it('is heard of even when it lands right after the runtime read the cookie', async () => {
    storeChoice(['analytics']);
    const held = cookie()!;
    const later = held.replace('test-0001-id', 'other-tab-0003').replace(/g=[^&]*&d=[^&]*/, 'g=&d=analytics.marketing.preferences');
    // The other tab: writes its decision and tells the site's tabs, the moment after this
    // tab's runtime has read the cookie (its second read; the element's is the first).
    const other = new BroadcastChannel('piekritu:piekritu');
    const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
    let reads = 0;
    Object.defineProperty(Document.prototype, 'cookie', {
      ...descriptor,
      get() {
        const value = descriptor.get!.call(this) as string;
        if (++reads === 2) {
          descriptor.set!.call(this, `piekritu=${later}; path=/`);
          other.postMessage('changed');
        }
        return value;
      },
    });
    const element = connect();
    try {
      expect(element.consent.categories.analytics).to.equal(true);
      const events: CustomEvent[] = [];
      element.addEventListener('consent-change', (event) => events.push(event));
      await until(() => events.length > 0, "the other tab's decision");
      expect(events[0].detail.id).to.equal('other-tab-0003');
      expect(element.consent.categories.analytics).to.equal(false);
    } finally {
      Object.defineProperty(Document.prototype, 'cookie', descriptor);
      other.close();
      element.remove();
    }
  });
});

describe('window.Piekritu', () => {
  it('without an element: the "no choice" state, and every call is a harmless no-op', () => {
    const api = createApi(document, '9.9.9');
    expect(api.version).to.equal('9.9.9');
    expect(api.consent.decided).to.equal(false);
    expect(api.allows('analytics')).to.equal(false);
    for (const call of [() => api.acceptAll(), () => api.rejectAll(), () => api.save(['analytics']), () => api.hide(), () => api.reset(), () => api.show()]) {
      expect(call).not.to.throw();
    }
    expect(cookie()).to.equal(undefined);
  });

  it("steers the page's working element, not a second, empty one", async () => {
    const api = createApi(document, 'test');
    const element = await mount();
    let second!: PiekrituConsent;
    const seen = await warnings(async () => (second = await mount()));
    expect(seen.some((message) => message.includes('only one <piekritu-consent>'))).to.equal(true);
    expect(part(second, 'banner')).to.equal(null);

    api.save({ analytics: true, marketing: false });
    expect(element.consent.categories).to.include({ analytics: true, marketing: false, preferences: false });
    expect(api.consent.id).to.equal(element.consent.id);
    expect(api.allows('analytics')).to.equal(true);
    expect(api.allows('analytics', 'marketing')).to.equal(false);
    await until(() => cookie() !== undefined, 'the stored choice');

    api.reset();
    expect(element.consent.decided).to.equal(false);
    await element.updateComplete;
    expect(part(element, 'banner')).to.not.equal(null);
    api.hide();
    await element.updateComplete;
    expect(part(element, 'banner')).to.equal(null);
    expect(element.consent.decided).to.equal(false);
    await until(() => cookie() === undefined, 'the cookie removed');
  });
});

describe('settings dialog', () => {
  it('opens as a modal dialog with every optional switch off and necessary locked on', async () => {
    const element = await mount();
    const dialog = await open(element, 'preferences-button', 'preferences');
    expect(dialog.matches(':modal')).to.equal(true);
    expect(switchFor(element, 'necessary').checked).to.equal(true);
    expect(switchFor(element, 'necessary').disabled).to.equal(true);
    for (const name of ['preferences', 'analytics', 'marketing']) {
      expect(switchFor(element, name).checked, name).to.equal(false);
      expect(switchFor(element, name).labels![0].textContent).to.not.equal('');
    }
    expect(element.shadowRoot!.activeElement).to.not.equal(null);
    await expect(element).to.be.accessible();
  });

  it('saves exactly the switches turned on, and shows them when opened again', async () => {
    const element = await mount();
    await open(element, 'preferences-button', 'preferences');
    switchFor(element, 'analytics').click();
    await click(element, 'save-button');
    expect(element.consent.categories).to.deep.equal({ necessary: true, preferences: false, analytics: true, marketing: false });
    expect(part(element, 'preferences')).to.equal(null);
    expect(part(element, 'banner')).to.equal(null);
    await element.show('preferences');
    expect(switchFor(element, 'analytics').checked).to.equal(true);
    expect(switchFor(element, 'marketing').checked).to.equal(false);
  });

  it('closes on Escape without granting anything, back to the banner, focus returned', async () => {
    const element = await mount();
    const opener = mustPart(element, 'preferences-button');
    opener.focus();
    const dialog = await open(element, 'preferences-button', 'preferences');
    switchFor(element, 'analytics').click();
    const hidden = oneEvent(element, 'consent-hide');
    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    dialog.close();
    expect((await hidden).detail.view).to.equal('preferences');
    await element.updateComplete;
    expect(element.consent.decided).to.equal(false);
    expect(element.consent.categories.analytics).to.equal(false);
    expect(part(element, 'banner')).to.not.equal(null);
    expect(element.shadowRoot!.activeElement?.getAttribute('part')).to.equal('preferences-button');
  });

  it('opens from any element with data-piekritu-open', async () => {
    const element = await mount();
    await click(element, 'reject-button');
    const link = document.createElement('a');
    // A link that would navigate: the opener must stop it.
    link.href = '#piekritu-opener-followed';
    link.setAttribute('data-piekritu-open', 'preferences');
    // A click on something inside the opener counts too.
    const label = document.createElement('span');
    label.textContent = 'Sīkdatņu iestatījumi';
    link.append(label);
    document.body.append(link);
    try {
      const shown = oneEvent(element, 'consent-show');
      label.click();
      expect((await shown).detail.view).to.equal('preferences');
      await until(() => part<HTMLDialogElement>(element, 'preferences')?.open === true, 'the dialog');
      expect(location.hash).to.equal('');
      // Closing gives focus back to the opener.
      mustPart(element, 'close-button').click();
      await until(() => part(element, 'preferences') === null, 'the settings closed');
      expect(document.activeElement).to.equal(link);

      // Without a view named, the opener opens the settings; "policy" opens the policy.
      link.setAttribute('data-piekritu-open', '');
      label.click();
      await until(() => part<HTMLDialogElement>(element, 'preferences')?.open === true, 'the settings again');
      mustPart(element, 'close-button').click();
      await until(() => part(element, 'preferences') === null, 'the settings closed again');
      link.setAttribute('data-piekritu-open', 'policy');
      label.click();
      await until(() => part<HTMLDialogElement>(element, 'policy')?.open === true, 'the policy');
      expect(location.hash).to.equal('');
    } finally {
      link.remove();
    }
  });
});

describe('policy dialog', () => {
  it('shows the full Latvian policy, with the 11-row data table, as real structure', async () => {
    const element = await mount();
    const dialog = await open(element, 'policy-button', 'policy');
    await until(() => dialog.querySelector('table') !== null, 'the policy to load');
    await element.updateComplete;
    expect(dialog.querySelector('h2')!.textContent).to.equal('Personas datu aizsardzība');
    expect(dialog.querySelectorAll('tbody tr')).to.have.length(11);
    expect(dialog.querySelectorAll('th[scope="col"]')).to.have.length(3);
    expect(dialog.textContent).to.contain('SIA “Ankravs Inc.”');
    expect(dialog.textContent).to.contain('Kontaktinformācija');
    await expect(element).to.be.accessible();
  });

  it('shows an error state when the policy cannot be loaded', async () => {
    const element = await mount({ 'policy-src': '/nowhere/{lang}.json' });
    const dialog = await open(element, 'policy-button', 'policy');
    await until(() => dialog.textContent!.includes('neizdevās'), 'the error state');
  });

  it('"Vairāk info" is a link to policy-url when one is given', async () => {
    const element = await mount({ 'policy-url': '/privatums' });
    const link = mustPart<HTMLAnchorElement>(element, 'policy-button');
    expect(link.localName).to.equal('a');
    expect(link.getAttribute('href')).to.equal('/privatums');
  });
});
