/** Registers `<piekritu-placeholder>`. Harmless when loaded twice (two bundles, or a script tag and npm). */
import { PiekrituPlaceholder, tagName } from './placeholder.component.js';

if (!customElements.get(tagName)) customElements.define(tagName, PiekrituPlaceholder);
