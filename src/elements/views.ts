/**
 * What loads when first needed: the settings and policy dialogs, and the placeholders of
 * embeds waiting for consent. Nothing here is needed before the banner shows: a chunk of
 * the ES module build, `piekritu-views.min.js` beside the classic script.
 */
import { css, html, render } from 'lit';
import { grantedOf } from '../core/consent.js';
import { requiredBy } from '../core/gating.js';
import { categoryLabel, type Strings } from './strings.js';
import type { DialogHost } from './dialogs/dialogs.js';
import { tokens } from './tokens.styles.js';
import { dialogs } from '../../locales/lv.json';

export { Dialogs, type DialogHost, type DialogView } from './dialogs/dialogs.js';

/** The dialogs' Latvian texts, bundled here rather than on the critical path. */
export const LATVIAN_DIALOGS: Strings = dialogs;


/**
 * Placeholders of blocked embeds: a box in the embed's place that says which category it
 * needs and grants just that one with a click. A custom element with its own shadow root,
 * so page styles neither break it nor leak out of it.
 */
class PiekrituPlaceholder extends HTMLElement {
  embed: HTMLElement | undefined;
  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }
}
if (!customElements.get('piekritu-placeholder')) customElements.define('piekritu-placeholder', PiekrituPlaceholder);

/** Themed from the same tokens as the banner (`tokens.styles.ts`), adopted before this sheet. */
const placeholderStyles = css`
  :host {
    display: flex;
    box-sizing: border-box;
    flex-direction: column;
    justify-content: center;
    align-items: flex-start;
    gap: 0.75rem;
    min-height: 9rem;
    max-width: 100%;
    padding: 1.25rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    font: 1rem/1.5 var(--piekritu-font, inherit);
  }
  p {
    margin: 0;
  }
  button {
    font: inherit;
    font-weight: 600;
    min-height: 2.75rem;
    padding: 0.5rem 1.25rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
`;

/** Put placeholders before the blocked embeds, and take away those whose embed may now load. */
export function placehold(root: Document, blocked: readonly HTMLElement[], host: DialogHost): void {
  for (const placeholder of root.querySelectorAll<PiekrituPlaceholder>('piekritu-placeholder')) {
    if (placeholder.embed && blocked.includes(placeholder.embed)) continue;
    placeholder.embed?.style.removeProperty('display');
    placeholder.remove();
  }
  for (const embed of blocked) {
    let placeholder = embed.previousElementSibling as PiekrituPlaceholder | null;
    if (!(placeholder instanceof PiekrituPlaceholder) || placeholder.embed !== embed) {
      placeholder = document.createElement('piekritu-placeholder') as PiekrituPlaceholder;
      placeholder.embed = embed;
      const width = embed.getAttribute('width');
      const height = embed.getAttribute('height');
      if (width) placeholder.style.width = /^\d+$/.test(width) ? `${width}px` : width;
      if (height && /^\d+$/.test(height)) placeholder.style.minHeight = `${height}px`;
      embed.before(placeholder);
      embed.style.display = 'none';
    }
    const required = requiredBy(embed.getAttribute('data-consent'));
    const t = host.t;
    const category = required.map((name) => categoryLabel(t, name)).join(', ');
    placeholder.lang = host.lang;
    render(
      html`<p>${t('placeholder.text', { category })}</p>
        <button part="allow-button" @click=${() => host.save([...grantedOf(host.consent.categories), ...required])}>${t('placeholder.allow', { category })}</button>`,
      placeholder.shadowRoot!,
    );
    const shadow = placeholder.shadowRoot!;
    if (shadow.adoptedStyleSheets.length === 0) shadow.adoptedStyleSheets = [tokens, placeholderStyles].map((sheet) => sheet.styleSheet!).filter(Boolean);
  }
}

