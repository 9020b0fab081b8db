import { expect, fixtureCleanup } from '@open-wc/testing';
import { clearCookies, mount, part, switchFor, warnings } from './helpers.js';

afterEach(() => {
  fixtureCleanup();
  clearCookies();
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
