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
    border: 1px solid var(--piekritu-border, #6c727c);
    border-radius: var(--piekritu-radius, 0.5rem);
    background: var(--piekritu-background, #f4f5f7);
    color: var(--piekritu-color, #1b1d21);
    color-scheme: light;
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
    border-radius: var(--piekritu-radius, 0.5rem);
    border: 2px solid var(--piekritu-accent, #0b57a4);
    background: var(--piekritu-accent, #0b57a4);
    color: var(--piekritu-accent-contrast, #ffffff);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 3px solid var(--piekritu-focus, #0b57a4);
    outline-offset: 2px;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      border-color: var(--piekritu-border, #9aa1ab);
      background: var(--piekritu-background, #1d2025);
      color: var(--piekritu-color, #f1f3f5);
      color-scheme: dark;
    }
    button {
      border-color: var(--piekritu-accent, #8ec5ff);
      background: var(--piekritu-accent, #8ec5ff);
      color: var(--piekritu-accent-contrast, #0d1b2a);
    }
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
    if (placeholderStyles.styleSheet && shadow.adoptedStyleSheets.length === 0) shadow.adoptedStyleSheets = [placeholderStyles.styleSheet];
  }
}

