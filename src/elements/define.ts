/** Registers the elements. Harmless when loaded twice (two bundles, or a script tag and npm). */
import { PiekrituConsent, tagName } from './consent/consent.component.js';

if (!customElements.get(tagName)) customElements.define(tagName, PiekrituConsent);
