/**
 * Embed placeholders load on their own: a page with a gated `<iframe>` must not pay for the
 * dialogs. The first tests of this file run before anything here opens a dialog, so a
 * request for the dialogs' module would show in the page's resource timing.
 */
import { expect, fixtureCleanup } from '@open-wc/testing';
import { clearCookies, mount, open, until } from './helpers.js';

const requested = (path: string) =>
  performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname === path);
const DIALOGS = '/src/elements/views.ts';

let iframe: HTMLIFrameElement;
beforeEach(() => {
  iframe = document.createElement('iframe');
  iframe.setAttribute('data-consent', 'marketing');
  iframe.setAttribute('data-src', '/test/browser/fixtures/embed.html');
  iframe.title = 'Video';
  document.body.append(iframe);
});
afterEach(() => {
  fixtureCleanup();
  clearCookies();
  iframe.remove();
  for (const node of document.querySelectorAll('piekritu-placeholder')) node.remove();
});

const placeholderText = () => document.querySelector('piekritu-placeholder')?.shadowRoot?.textContent ?? '';

describe('embed placeholders', () => {
  it('show for a gated iframe without loading the dialogs (Latvian)', async () => {
    await mount({ lang: 'lv' });
    await until(() => placeholderText().includes('Mārketinga'), 'the Latvian placeholder');
    expect(requested(DIALOGS)).to.equal(false);
  });

  it('show in English, with the English dialog texts, still without the dialogs', async () => {
    await mount({ lang: 'en' });
    await until(() => placeholderText().includes('Marketing'), 'the English placeholder');
    expect(requested(DIALOGS)).to.equal(false);
  });

  it('(the check above can see the dialogs load: they do when the settings open)', async () => {
    const element = await mount({ lang: 'lv' });
    await open(element, 'preferences-button', 'preferences');
    expect(requested(DIALOGS)).to.equal(true);
  });
});
