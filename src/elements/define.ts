/** Registers the elements. Harmless when loaded twice (two bundles, or a script tag and npm). */
import { PiekrituConsent, tagName } from './consent/consent.component.js';

const define = (): void => {
  if (!customElements.get(tagName)) customElements.define(tagName, PiekrituConsent);
};

// A banner the page brought (the instant snippet, server rendering) shows without us: the
// element registers, and takes it over, after the frame that paints it, so no work of ours
// holds that frame back. A tab in the background paints no frame: at once there. (Imported
// on a server, for the rules and types, there is no document: at once too.)
const page = globalThis.document;
if (page?.querySelector(tagName)?.shadowRoot && !page.hidden) requestAnimationFrame(() => setTimeout(define));
else define();
