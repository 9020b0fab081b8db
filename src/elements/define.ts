/** Registers the elements. Harmless when loaded twice (two bundles, or a script tag and npm). */
import { PiekrituConsent, tagName } from './consent/consent.component.js';

/** Register `<piekritu-consent>` now, if it is not yet (`window.Piekritu` does, when asked before the frame below). */
export const define = (): void => {
  if (!customElements.get(tagName)) customElements.define(tagName, PiekrituConsent);
};

// A banner the page brought (the instant snippet, server rendering) and shows: the element
// registers, and takes it over, after the frame that paints it, so no work of ours holds that
// frame back; at the latest after a second (a tab gone to the background, a
// hidden frame: no frame comes). At once for a visitor who decided (the stub hid the banner:
// nothing to paint, and their tags wait), in a background tab, and on a server (no document).
const page = globalThis.document;
if (page?.querySelector(tagName)?.shadowRoot && !page.hidden && page.documentElement.style.getPropertyValue('--piekritu-instant') != 'none') {
  requestAnimationFrame(() => setTimeout(define));
  setTimeout(define, 1e3);
} else define();
