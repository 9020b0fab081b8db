/**
 * What loads when first needed: the settings and policy dialogs, and the placeholders of
 * embeds waiting for consent. Nothing here is needed before the banner shows: a chunk of
 * the ES module build, `piekritu-views.min.js` beside the classic script.
 */
import { css, html, render } from 'lit';
import { grantedOf, type Consent } from '../core/consent.js';
import { format, type Lang } from '../core/locale.js';
import { requiredBy } from '../core/gating.js';
import { categoryLabel, type Strings, type Translate } from './strings.js';
import type { DialogHost, DialogView } from './dialogs/dialogs.js';
import type { ConsentController } from './consent/controller.js';
import { tokens } from './tokens.styles.js';
import { dialogs } from '../../locales/lv.json';

export { Dialogs, type DialogHost, type DialogView } from './dialogs/dialogs.js';

/** The dialogs' Latvian texts, bundled here rather than on the critical path. */
export const LATVIAN_DIALOGS: Strings = dialogs;

/** What only the element can reach (its private state), lent to `dialogHost`. */
export interface DialogHostParts {
  t(): Translate;
  lang(): Lang;
  controller(): ConsentController;
  folder(): string;
  closed(view: DialogView): void;
}

/**
 * The dialogs' and placeholders' window onto the element. Built here, with the views,
 * rather than in the banner script: nothing reads it before the dialogs load.
 */
export function dialogHost(
  element: {
    readonly consent: Consent;
    readonly renderRoot: HTMLElement | DocumentFragment;
    requestUpdate(): void;
    acceptAll(): void;
    rejectAll(): void;
    save(categories: string[]): void;
  },
  parts: DialogHostParts,
): DialogHost {
  const config = () => parts.controller().config;
  return {
    get t() {
      return parts.t();
    },
    get lang() {
      return parts.lang();
    },
    get offered() {
      return parts.controller().ctx.offered;
    },
    get gpc() {
      return parts.controller().ctx.gpc;
    },
    get consent() {
      return element.consent;
    },
    get policyUrl() {
      return config().policyUrl;
    },
    get ownPolicy() {
      return config().policySrc !== null;
    },
    get root() {
      return element.renderRoot as ShadowRoot;
    },
    get consentCookie() {
      return { name: config().cookieName, days: config().cookieDays };
    },
    policySrc: (lang) => format(config().policySrc ?? `${parts.folder()}policy/{lang}.json`, { lang }),
    refresh: () => element.requestUpdate(),
    acceptAll: () => element.acceptAll(),
    rejectAll: () => element.rejectAll(),
    save: (categories) => element.save(categories),
    closed: parts.closed,
  };
}


/**
 * Placeholders of blocked embeds: a box in the embed's place that says which category it
 * needs and grants just that one with a click. A custom element with its own shadow root,
 * so page styles neither break it nor leak out of it.
 */
class PiekrituPlaceholder extends HTMLElement {
  embed: HTMLElement | undefined;
  /** The texts it shows now: rendered again only when they change (language, texts loaded). */
  shown = '';
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
  const waiting = new Set(blocked);
  for (const placeholder of root.querySelectorAll<PiekrituPlaceholder>('piekritu-placeholder')) {
    if (placeholder.embed && waiting.has(placeholder.embed)) continue;
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
    const [text, allow] = [t('placeholder.text', { category }), t('placeholder.allow', { category })];
    const shown = `${host.lang}\n${text}\n${allow}`;
    if (placeholder.shown === shown) continue;
    placeholder.shown = shown;
    placeholder.lang = host.lang;
    render(
      html`<p>${text}</p>
        <button part="allow-button" @click=${() => host.save([...grantedOf(host.consent.categories), ...required])}>${allow}</button>`,
      placeholder.shadowRoot!,
    );
    const shadow = placeholder.shadowRoot!;
    if (shadow.adoptedStyleSheets.length === 0) shadow.adoptedStyleSheets = [tokens, placeholderStyles].map((sheet) => sheet.styleSheet!).filter(Boolean);
  }
}


// ---- reload offer ------------------------------------------------------------------

/**
 * After a withdrawal that a script which already ran can ignore (it may write its cookies
 * again): the status region says so and offers a reload, in the visitor's language. It stays
 * until the page reloads; drawn again when the texts change.
 */
export function offerReload(status: HTMLElement, host: DialogHost): void {
  const t = host.t;
  let offer = status.querySelector<HTMLElement>('[part="reload"]');
  if (!offer) {
    offer = document.createElement('p');
    offer.setAttribute('part', 'reload');
    status.append(offer);
  }
  offer.lang = host.lang;
  render(html`${t('status.reload')} <button part="reload-button" class="secondary" @click=${() => location.reload()}>${t('action.reload')}</button>`, offer);
}
