/**
 * What a visitor hits when the element's state is owned twice: a dialog that will not open
 * after Escape, an event that says "saved" before the cookie is, focus lost to `<body>`, a
 * `position` that stops at connection, a dialog moved out of the top layer.
 */
import { expect, fixtureCleanup, nextFrame } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PiekrituConsent } from '../../src/index.js';
import { clearCookies, mount, mustPart, open, part, until } from './helpers.js';

const storedCookie = () => document.cookie.split('; ').find((pair) => pair.startsWith('piekritu='));

/** The element's focused node, through its shadow root; `document.activeElement` otherwise. */
function focused(element: PiekrituConsent): Element | null {
  const active = document.activeElement;
  return active === element ? element.shadowRoot!.activeElement : active;
}

/** A button on the page before the element, the place a keyboard visitor comes from. */
function pageButton(): HTMLButtonElement {
  const button = document.createElement('button');
  button.textContent = 'On the page';
  document.body.prepend(button);
  return button;
}

const extras: Element[] = [];
afterEach(() => {
  fixtureCleanup();
  for (const node of extras.splice(0)) node.remove();
  clearCookies();
  document.documentElement.removeAttribute('style');
});

describe('one open view', () => {
  it('opens the policy when show("policy") follows the settings closing by Escape at once', async () => {
    const element = await mount();
    const settings = await open(element, 'preferences-button', 'preferences');
    // What Escape does: the dialog closes now, its `close` event comes in a later task.
    settings.close();
    await element.show('policy');
    for (let i = 0; i < 5; i += 1) await nextFrame();
    expect(part<HTMLDialogElement>(element, 'policy')?.open, 'the policy is open').to.equal(true);
    expect(part<HTMLDialogElement>(element, 'policy')!.matches(':modal')).to.equal(true);
  });

  it('keeps an open dialog modal when the element moves to another parent, and Escape still closes it', async () => {
    const element = await mount();
    await open(element, 'preferences-button', 'preferences');
    const box = document.createElement('div');
    document.body.append(box);
    extras.push(box);
    box.append(element);
    await element.updateComplete;
    await until(() => part<HTMLDialogElement>(element, 'preferences')?.open === true, 'the settings again');
    const dialog = part<HTMLDialogElement>(element, 'preferences')!;
    expect(dialog.matches(':modal'), 'still modal').to.equal(true);
    mustPart(element, 'save-button').focus();
    await sendKeys({ press: 'Escape' });
    await until(() => part<HTMLDialogElement>(element, 'preferences')?.open !== true, 'Escape closing the settings');
    expect(element.consent.decided).to.equal(false);
  });
});

describe('consent-change', () => {
  for (const [action, run] of [
    ['acceptAll', (element: PiekrituConsent) => element.acceptAll()],
    ['rejectAll', (element: PiekrituConsent) => element.rejectAll()],
    ['save', (element: PiekrituConsent) => element.save(['analytics'])],
  ] as const) {
    it(`comes after the choice is saved in the cookie (${action}, first visit)`, async () => {
      const element = await mount();
      let cookieAtEvent: string | undefined = 'not heard';
      element.addEventListener('consent-change', () => (cookieAtEvent = storedCookie()), { once: true });
      run(element);
      await until(() => cookieAtEvent !== 'not heard', 'consent-change');
      expect(cookieAtEvent, 'the cookie when the event fired').to.be.a('string');
    });
  }
});

describe('focus after a decision', () => {
  for (const button of ['accept-button', 'reject-button'] as const) {
    it(`returns to where the visitor came from after ${button} on the banner`, async () => {
      const before = pageButton();
      extras.push(before);
      const element = await mount();
      before.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused(element)?.getAttribute('part')).to.equal('accept-button');
      if (button === 'reject-button') await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      await until(() => element.consent.decided && part(element, 'banner') === null, 'the decision');
      await nextFrame();
      expect(document.activeElement).to.not.equal(document.body);
      expect(document.activeElement).to.equal(before);
    });
  }

  it('does not fall to <body> after Piekrītu when the banner was the first thing focused', async () => {
    const element = await mount();
    mustPart(element, 'accept-button').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => element.consent.decided && part(element, 'banner') === null, 'the decision');
    await nextFrame();
    expect(document.activeElement).to.not.equal(document.body);
    expect(document.activeElement).to.not.equal(null);
  });

  it('does not fall to <body> after Apstiprināt visus in settings opened from the banner', async () => {
    const before = pageButton();
    extras.push(before);
    const element = await mount();
    before.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused(element)?.getAttribute('part')).to.equal('preferences-button');
    await sendKeys({ press: 'Enter' });
    await until(() => part<HTMLDialogElement>(element, 'preferences')?.open === true, 'the settings');
    mustPart(element, 'accept-all-button').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => element.consent.decided && part(element, 'preferences') === null, 'the decision');
    for (let i = 0; i < 3; i += 1) await nextFrame();
    expect(document.activeElement).to.not.equal(document.body);
    expect(document.activeElement).to.equal(before);
  });
});

describe('position', () => {
  it('is live: the page keeps room on the side the banner moved to, and gives back the other', async () => {
    const element = await mount({ position: 'bottom' });
    const root = document.documentElement.style;
    await until(() => root.getPropertyValue('padding-bottom') !== '', 'room at the bottom');
    element.setAttribute('position', 'top');
    await element.updateComplete;
    await until(() => root.getPropertyValue('padding-top') !== '', 'room at the top');
    expect(root.getPropertyValue('padding-bottom'), 'the bottom given back').to.equal('');
    expect(root.getPropertyValue('scroll-padding-bottom')).to.equal('');
    const banner = mustPart(element, 'banner').getBoundingClientRect();
    expect(parseFloat(root.getPropertyValue('padding-top'))).to.equal(Math.ceil(banner.bottom));
  });
});

describe('a returning visitor', () => {
  /** A stored choice, made in the page as a visitor would; then the element gone. */
  async function decided(): Promise<void> {
    const first = await mount({ revision: '1' });
    first.acceptAll();
    await until(() => Boolean(storedCookie()), 'the consent cookie');
    fixtureCleanup();
  }

  /**
   * Mount again with `attributes`, counting localStorage reads and reads of `document.cookie`
   * (each a synchronous round trip to the browser's cookie store), until a granted tag has
   * run (the runtime is working).
   */
  async function returning(attributes: Record<string, string> = {}): Promise<{ element: PiekrituConsent; storageReads: number; cookieReads: number }> {
    const tag = document.createElement('script');
    tag.type = 'text/plain';
    tag.dataset.consent = 'analytics';
    tag.textContent = 'window.returningTagRan = true';
    document.body.append(tag);
    extras.push(tag);
    const getItem = Storage.prototype.getItem;
    let storageReads = 0;
    Storage.prototype.getItem = function (key: string) {
      storageReads += 1;
      return getItem.call(this, key);
    };
    const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
    let cookieReads = 0;
    Object.defineProperty(Document.prototype, 'cookie', {
      ...cookie,
      get() {
        cookieReads += 1;
        return cookie.get!.call(this);
      },
    });
    try {
      const element = await mount({ revision: '1', ...attributes });
      await until(() => (window as { returningTagRan?: boolean }).returningTagRan === true, 'the granted tag');
      // The runtime's later task (clean-up, queued records: a setTimeout of 0 after its start) too;
      // reads after these 50 ms are not counted.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { element, storageReads, cookieReads };
    } finally {
      Storage.prototype.getItem = getItem;
      Object.defineProperty(Document.prototype, 'cookie', cookie);
      delete (window as { returningTagRan?: boolean }).returningTagRan;
    }
  }

  it('gets no banner and no styles: nothing is drawn, nothing adopted, localStorage untouched without a log endpoint', async () => {
    await decided();
    const { element, storageReads } = await returning();
    expect(element.consent.decided).to.equal(true);
    expect(part(element, 'banner'), 'no banner').to.equal(null);
    expect(element.shadowRoot!.adoptedStyleSheets.length, 'no styles adopted').to.equal(0);
    expect(storageReads, 'localStorage reads').to.equal(0);
    // Shown again on request: styled then, a fixed box at the foot of the page.
    await element.show('banner');
    await element.updateComplete;
    const banner = mustPart(element, 'banner');
    expect(element.shadowRoot!.adoptedStyleSheets.length).to.be.greaterThan(0);
    expect(getComputedStyle(banner).position).to.equal('fixed');
  });

  it('deciding again through the API with nothing shown: the "saved" status comes styled, a fixed box, not text in the page', async () => {
    await decided();
    const { element } = await returning();
    expect(element.shadowRoot!.adoptedStyleSheets.length, 'no styles yet').to.equal(0);
    // The same choice again: nothing withdrawn, so no reload offer brings the styles.
    element.acceptAll();
    const status = mustPart(element, 'status');
    await until(() => (status.textContent ?? '').trim() !== '', 'the status announced');
    expect(getComputedStyle(status).position).to.equal('fixed');
    expect(element.shadowRoot!.adoptedStyleSheets.length).to.be.greaterThan(0);
  });

  it('reads the cookie twice: when the element starts, and when the runtime opens the jar (no third read to catch up with other tabs)', async () => {
    await decided();
    const { element, cookieReads } = await returning();
    expect(element.consent.decided).to.equal(true);
    expect(cookieReads).to.equal(2);
  });

  it('with a log endpoint, the queued records are read (a newer one than the cookie would be the choice in force)', async () => {
    await decided();
    const { storageReads } = await returning({ 'log-endpoint': '/nowhere' });
    expect(storageReads).to.be.greaterThan(0);
  });
});
