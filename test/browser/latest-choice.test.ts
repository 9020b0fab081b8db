import { expect, fixtureCleanup } from '@open-wc/testing';
import { clearCookies, mount, part, switchFor, until, warnings } from './helpers.js';

const QUEUE = 'piekritu:records';

afterEach(() => {
  fixtureCleanup();
  clearCookies();
  localStorage.removeItem(QUEUE);
});

describe('the newest decision holds', () => {
  it('a queued record newer than the cookie (an older answer landed after the tab closed) is the choice in force', async () => {
    const now = Date.now();
    const seconds = (ms: number) => Math.floor(ms / 1000);
    // The cookie says "accept all" (an older decision's Set-Cookie came back) ...
    document.cookie = `piekritu=v=1&id=aaaaaaaa-old&t=${seconds(now - 60_000)}&r=&p=2026-11-25&g=preferences.analytics.marketing&d=&s=u; path=/`;
    // ... while the refusal taken after it still waits for the server.
    const refusal = {
      id: 'bbbbbbbb-newer',
      timestamp: new Date(now - 10_000).toISOString(),
      revision: '',
      policyVersion: '2026-11-25',
      granted: [],
      denied: ['preferences', 'analytics', 'marketing'],
      source: 'user',
      language: 'lv',
      url: location.origin + '/',
    };
    localStorage.setItem(QUEUE, JSON.stringify([refusal]));
    // An endpoint that never takes it: the record stays queued.
    const element = await mount({ 'log-endpoint': '/no-such-endpoint', 'policy-version': '2026-11-25' });
    await until(() => element.consent.id === 'bbbbbbbb-newer', 'the queued refusal to be in force');
    expect(element.consent.categories).to.deep.equal({ necessary: true, preferences: false, analytics: false, marketing: false });
    expect(document.cookie).to.contain('id=bbbbbbbb-newer');
    expect(document.cookie).not.to.contain('aaaaaaaa-old');
  });
});

describe('category names', () => {
  it('"constructor analytics": constructor is refused with a warning, and the settings still open and save', async () => {
    let element!: Awaited<ReturnType<typeof mount>>;
    const warned = await warnings(async () => {
      element = await mount({ categories: 'constructor analytics' });
    });
    expect(warned.some((message) => message.includes('categories=') && message.includes('"constructor"'))).to.equal(true);
    expect(element.consent.categories).to.deep.equal({ necessary: true, analytics: false });
    await element.show('preferences');
    expect(part(element, 'preferences')?.hasAttribute('open')).to.equal(true);
    expect(switchFor(element, 'constructor')).to.equal(null);
    switchFor(element, 'analytics').click();
    part<HTMLButtonElement>(element, 'save-button')!.click();
    expect(element.consent.categories).to.deep.equal({ necessary: true, analytics: true });
  });
});
