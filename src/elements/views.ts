/**
 * The settings and policy dialogs. Nothing here is needed before the banner shows, so it
 * loads on demand: a chunk of the ES module build, `piekritu-views.min.js` beside the
 * classic script. The dialogs keep their own state (the switches not yet saved, the policy
 * being read, where focus returns) and no consent rules: decisions go back to the element
 * through a `ViewHost`.
 */
import { css, html, nothing, render, type TemplateResult } from 'lit';
import { grantedOf, NECESSARY, type Categories, type Consent } from '../core/consent.js';
import { parseCookieDeclarations, parsePolicy, textIn, type CookieInfo, type Policy, type PolicyBlock } from '../core/policy.js';
import { format, type Lang } from '../core/locale.js';
import { loadText } from '../platform/assets.js';
import { fetchJson } from '../platform/fetch-json.js';
import { dialogText, dialogTextLoaded, type TextHost } from './dialog-text.js';
import { categoryLabel, type Translate } from './strings.js';

export type DialogView = 'preferences' | 'policy';
type PolicyState = { status: 'loading' | 'error' } | { status: 'ready'; policy: Policy };

/** What the dialogs may read and do; the element implements it. */
export interface ViewHost extends TextHost {
  readonly offered: readonly string[];
  readonly gpc: boolean;
  readonly consent: Consent;
  /** The site's own policy files (`policy-src`, `{lang}` in it); `''`: the package's. */
  readonly policySrc: string;
  readonly policyUrl: string | null;
  readonly root: ShadowRoot;
  /** The consent cookie itself, listed under `necessary`. */
  readonly consentCookie: { name: string; days: number };
  acceptAll(): void;
  rejectAll(): void;
  /** Save a selection. */
  save(categories: string[]): void;
  /** A dialog opened; the element hides its banner and fires `consent-show`. */
  shown(view: DialogView): void;
  /** A dialog closed; resolves once the element has shown its banner again. */
  hidden(view: DialogView): Promise<unknown>;
}

function block(item: PolicyBlock): TemplateResult {
  switch (item.type) {
    case 'p':
      return html`<p>${item.text}</p>`;
    case 'ul':
      return html`<ul>${item.items.map((text) => html`<li>${text}</li>`)}</ul>`;
    case 'table':
      return html`
        <div class="table">
          <table>
            ${item.caption ? html`<caption>${item.caption}</caption>` : nothing}
            <thead><tr>${item.head.map((cell) => html`<th scope="col">${cell}</th>`)}</tr></thead>
            <tbody>
              ${item.rows.map(
                (row) => html`<tr>${row.map((cell, i) => html`<td data-label=${item.head[i] ?? ''}>${cell}</td>`)}</tr>`,
              )}
            </tbody>
          </table>
        </div>
      `;
  }
}

/**
 * What the page declares in `<script type="application/json" data-piekritu-cookies>`:
 * `{ "analytics": [{ "name": "_ga", "purpose": { "lv": "…", "en": "…" }, "duration": "2 gadi", "thirdParty": "Google" }] }`.
 */
function declaredCookies(): Record<string, CookieInfo[]> {
  const script = document.querySelector('script[type="application/json"][data-piekritu-cookies]');
  let data: unknown;
  try {
    data = script ? JSON.parse(script.textContent ?? '') : undefined;
  } catch {
    console.warn('piekritu: the data-piekritu-cookies script is not JSON; no cookies are listed.');
  }
  const { cookies, dropped } = parseCookieDeclarations(data);
  if (dropped > 0) console.warn(`piekritu: ${dropped} cookie declaration(s) are not well formed and are not listed.`);
  return cookies;
}

/** The site's own policy (`policy-src`, `{lang}` in it), else the package's. */
async function loadPolicy(lang: Lang, policySrc: string, localesSrc: string): Promise<Policy | null> {
  const src = policySrc && format(policySrc, { lang });
  const data = await (src ? fetchJson(src) : loadText(`policy/${lang}`, localesSrc));
  const policy = parsePolicy(data);
  if (data && !policy) console.warn(`piekritu: the ${src || lang} policy is not in piekritu's format.`);
  return policy;
}

/** The settings and policy dialogs of one element: native modal `<dialog>`s rendered by lit-html. */
export class Dialogs {
  view: DialogView | null = null;
  #draft: Categories = {};
  #policy: PolicyState = { status: 'loading' };
  #returnFocus: HTMLElement | null = null;
  /** The page's cookie declarations, read when the settings open. */
  #cookies: Record<string, CookieInfo[]> = {};

  get #t(): Translate {
    return dialogText(this.host);
  }

  constructor(
    readonly host: ViewHost,
    readonly slot: HTMLElement,
  ) {
    const sheet = styles.styleSheet;
    if (sheet) host.root.adoptedStyleSheets = [...host.root.adoptedStyleSheets, sheet];
  }

  /** Open a view; focus returns to `opener` when it closes. */
  open(view: DialogView, opener: HTMLElement | null): void {
    if (this.view === view) return;
    this.#returnFocus ??= opener;
    if (view === 'preferences') {
      this.#draft = { ...this.host.consent.categories };
      this.#cookies = declaredCookies();
    }
    this.view = view;
    this.render();
    this.slot.querySelector('dialog')?.showModal();
    this.host.shown(view);
  }

  /** Close whatever is open; no choice is implied. */
  close(): void {
    const dialog = this.slot.querySelector('dialog');
    if (dialog?.open) dialog.close();
    else void this.#closed();
  }

  /** Escape, the close button and decisions all end here. */
  #closed = async (): Promise<void> => {
    const view = this.view;
    if (!view) return;
    this.view = null;
    this.render();
    const target = this.#returnFocus;
    this.#returnFocus = null;
    // The opener may be the banner's own button, shown again by the element.
    await this.host.hidden(view);
    if (target?.isConnected) target.focus();
  };

  /** Render again (state or language changed). The policy follows the language. */
  render(): void {
    const { view, host } = this;
    if (view === 'policy') {
      const policy = this.#policy;
      if (policy.status === 'error' || (policy.status === 'ready' && policy.policy.lang !== host.lang)) {
        this.#policy = { status: 'loading' };
      }
      if (this.#policy.status === 'loading') void this.#loadPolicy(host.lang);
    }
    render(view === 'preferences' ? this.#preferences() : view === 'policy' ? this.#policyView() : nothing, this.slot);
  }

  #loading: Lang | undefined;

  async #loadPolicy(lang: Lang): Promise<void> {
    if (this.#loading === lang) return;
    this.#loading = lang;
    const policy = await loadPolicy(lang, this.host.policySrc, this.host.localesSrc);
    if (this.#loading !== lang) return;
    this.#loading = undefined;
    this.#policy = policy ? { status: 'ready', policy } : { status: 'error' };
    render(this.view === 'policy' ? this.#policyView() : nothing, this.slot);
  }

  #head(id: string, title: string, extra: TemplateResult | typeof nothing = nothing): TemplateResult {
    return html`
      <header class="dialog-head">
        <h2 id=${id}>${title}</h2>
        ${extra}
        <button part="close-button" class="close" aria-label=${this.#t('action.close')} @click=${() => this.close()}>
          <svg viewBox="0 0 16 16" aria-hidden="true" width="16" height="16">
            <path d="M3 3l10 10M13 3L3 13" stroke="currentColor" stroke-width="2" fill="none" />
          </svg>
        </button>
      </header>
    `;
  }

  #category(name: string): TemplateResult {
    const t = this.#t;
    const locked = name === NECESSARY;
    const label = categoryLabel(t, name);
    const key = `category.${name}.description`;
    const text = t(key);
    const about = text === key ? t('category.other.description', { name: label }) : text;
    return html`
      <li class="category">
        <div class="category-head">
          <label for="switch-${name}">${label}</label>
          ${locked ? html`<span class="always">${t('preferences.alwaysOn')}</span>` : nothing}
          <input
            type="checkbox"
            role="switch"
            id="switch-${name}"
            name=${name}
            .checked=${locked || this.#draft[name] === true}
            ?disabled=${locked}
            aria-describedby="about-${name}"
            @change=${(event: Event) => {
              this.#draft = { ...this.#draft, [name]: (event.target as HTMLInputElement).checked };
            }}
          />
        </div>
        <p class="about" id="about-${name}">${about}</p>
        ${this.#cookieDetails(name, label)}
      </li>
    `;
  }

  /** Each cookie of a category: purpose, lifetime, and whether a third party reads it (CJEU Planet49). */
  #cookieDetails(category: string, label: string): TemplateResult {
    const t = this.#t;
    const { lang, consentCookie } = this.host;
    const own: CookieInfo[] =
      category === NECESSARY
        ? [{ name: consentCookie.name, purpose: t('cookies.consent'), duration: t('cookies.days', { days: consentCookie.days }), thirdParty: false }]
        : [];
    const list = [...own, ...(this.#cookies[category] ?? [])];
    if (list.length === 0) return html`<p class="about">${t('cookies.none')}</p>`;
    const party = (value: CookieInfo['thirdParty']) => (value === true ? t('cookies.yes') : value === false ? t('cookies.no') : value);
    return html`
      <details class="cookies">
        <summary>${t('cookies.summary', { count: list.length })}</summary>
        <div class="table">
          <table>
            <caption>${t('cookies.caption', { category: label })}</caption>
            <thead>
              <tr>
                ${['cookies.name', 'cookies.purpose', 'cookies.duration', 'cookies.thirdParty'].map((key) => html`<th scope="col">${t(key)}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${list.map(
                (cookie) => html`<tr>
                  <td data-label=${t('cookies.name')}><code>${cookie.name}</code></td>
                  <td data-label=${t('cookies.purpose')}>${textIn(cookie.purpose, lang)}</td>
                  <td data-label=${t('cookies.duration')}>${textIn(cookie.duration, lang)}</td>
                  <td data-label=${t('cookies.thirdParty')}>${party(cookie.thirdParty)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    `;
  }

  #preferences(): TemplateResult {
    const { host } = this;
    const t = this.#t;
    return html`
      <dialog part="preferences" aria-labelledby="preferences-title" lang=${host.lang} @close=${this.#closed}>
        ${this.#head('preferences-title', t('preferences.title'))}
        <div class="dialog-body">
          <p>${t('preferences.intro')}</p>
          ${host.gpc ? html`<p class="notice">${t('banner.gpc')}</p>` : nothing}
          <ul class="categories">${[NECESSARY, ...host.offered].map((name) => this.#category(name))}</ul>
        </div>
        <div class="actions">
          <button part="accept-all-button" class="choice" @click=${() => host.acceptAll()}>${t('action.acceptAll')}</button>
          <button part="reject-all-button" class="choice" @click=${() => host.rejectAll()}>${t('action.rejectAll')}</button>
          <button part="save-button" class="secondary" @click=${() => host.save(grantedOf(this.#draft))}>
            ${t('action.save')}
          </button>
        </div>
      </dialog>
    `;
  }

  /** In-page links inside a shadow root need a hand: the URL hash cannot reach in. */
  #jump = (event: MouseEvent): void => {
    event.preventDefault();
    const id = (event.currentTarget as HTMLAnchorElement).getAttribute('href')?.slice(1) ?? '';
    const heading = this.host.root.getElementById(`${id}-h`);
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus();
  };

  #policyBody(policy: Policy): TemplateResult {
    const t = this.#t;
    return html`
      <p class="meta">${t('policy.version', { version: policy.version, date: policy.updated })}</p>
      <nav aria-labelledby="policy-contents">
        <h3 id="policy-contents">${t('policy.contents')}</h3>
        <ol>
          ${policy.sections
            .filter((section) => section.heading)
            .map((section) => html`<li><a href="#policy-${section.id}" @click=${this.#jump}>${section.heading}</a></li>`)}
        </ol>
      </nav>
      ${policy.sections.map(
        (section) => html`
          <section id="policy-${section.id}" aria-labelledby=${section.heading ? `policy-${section.id}-h` : nothing}>
            ${section.heading ? html`<h3 id="policy-${section.id}-h" tabindex="-1">${section.heading}</h3>` : nothing}
            ${section.blocks.map(block)}
          </section>
        `,
      )}
    `;
  }

  #policyView(): TemplateResult {
    const { host } = this;
    const t = this.#t;
    const state = this.#policy;
    let body: TemplateResult;
    if (state.status === 'ready') body = this.#policyBody(state.policy);
    else if (state.status === 'error') {
      body = html`<p class="notice">${t('policy.error')}</p>
        ${host.policyUrl ? html`<p><a href=${host.policyUrl}>${t('policy.fallback')}</a></p>` : nothing}`;
    } else body = html`<p aria-busy="true">${t('policy.loading')}</p>`;
    const title = state.status === 'ready' ? state.policy.title : t('preferences.policyLink');
    return html`
      <dialog part="policy" class="policy" aria-labelledby="policy-title" lang=${host.lang} @close=${this.#closed}>
        ${this.#head(
          'policy-title',
          title,
          state.status === 'ready' ? html`<button class="print secondary" @click=${() => print()}>${t('action.print')}</button>` : nothing,
        )}
        <div class="dialog-body" tabindex="0" aria-labelledby="policy-title">${body}</div>
      </dialog>
    `;
  }
}

const styles = css`
  dialog {
    width: min(42rem, calc(100vw - 1.5rem));
    max-height: min(90vh, 60rem);
    padding: 0;
    display: flex;
    flex-direction: column;
    /* clip, not hidden: a contents link scrolls the body, never the dialog itself. */
    overflow: clip;
  }
  dialog:not([open]) {
    display: none;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.55);
  }
  h3 {
    font-size: 1.05rem;
    margin: 1.25rem 0 0.5rem;
  }
  .dialog-head {
    display: flex;
    /* At 320 px a long title, "Drukāt" and the close button need not share one row. */
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    padding: 1rem 1.5rem 0.5rem;
  }
  .dialog-head h2 {
    margin: 0;
    flex: 1;
  }
  .print {
    flex: none;
  }
  /* Printing the page with the policy open prints the whole policy, not a scrolled window of it. */
  @media print {
    dialog {
      position: static;
      width: auto;
      max-height: none;
      overflow: visible;
      border: 0;
      box-shadow: none;
    }
    dialog::backdrop {
      display: none;
    }
    .dialog-body {
      overflow: visible;
    }
    .close,
    .print,
    nav {
      display: none;
    }
  }
  .close {
    padding: 0;
    display: inline-grid;
    place-items: center;
    background: transparent;
    color: var(--_fg);
    border-color: var(--_border);
    border-width: 1px;
    flex: none;
    /* On a row of its own it still sits at the end. */
    margin-inline-start: auto;
  }
  .dialog-body {
    overflow: auto;
    padding: 0.5rem 1.5rem;
    flex: 1 1 auto;
  }
  /*
   * "Apstiprināt visus" and "Noraidīt visus" stay alike: room for the longer label on one
   * line, and the same height in a row even when a label wraps.
   */
  dialog > .actions {
    align-items: stretch;
    margin: 0;
    padding: 1rem 1.5rem 1.25rem;
    border-top: 1px solid var(--_border);
  }
  dialog > .actions > .choice {
    flex-basis: 12rem;
  }
  .categories {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .category {
    padding: 0.75rem 0;
    border-top: 1px solid var(--_border);
  }
  .category-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  .category-head label {
    font-weight: 600;
    flex: 1;
  }
  .cookies {
    margin-top: 0.5rem;
  }
  .cookies summary {
    cursor: pointer;
    min-height: 1.5rem;
  }
  .cookies table {
    margin-top: 0.5rem;
  }
  .always,
  .about,
  .meta {
    color: var(--_muted);
    font-size: 0.9rem;
  }
  .about {
    margin: 0.25rem 0 0;
  }
  input[role='switch'] {
    appearance: none;
    flex: none;
    margin: 0;
    width: 3rem;
    height: 1.75rem;
    border-radius: 1rem;
    border: 2px solid var(--_border);
    background: radial-gradient(circle at 0.75rem 50%, var(--_border) 0.5rem, transparent 0.55rem) var(--_bg);
    cursor: pointer;
  }
  input[role='switch']:checked {
    border-color: var(--_accent);
    background: radial-gradient(circle at calc(100% - 0.75rem) 50%, var(--_on-accent) 0.5rem, transparent 0.55rem)
      var(--_accent);
  }
  input[role='switch']:disabled {
    cursor: not-allowed;
    opacity: 0.75;
  }
  @media (forced-colors: active) {
    input[role='switch'] {
      appearance: auto;
      width: 1.5rem;
      height: 1.5rem;
    }
  }
  .policy .dialog-body {
    padding-bottom: 1.5rem;
  }
  nav ol {
    margin: 0 0 1.5rem;
    padding-inline-start: 1.5rem;
    columns: 2 14rem;
  }
  a {
    color: var(--_fg);
  }
  nav li {
    padding: 0.15rem 0;
  }
  /*
   * WCAG 2.5.8: a contents link is a 24 px high target, not just its text's 17 px; a block,
   * so a two-line title keeps its number beside its first line.
   */
  nav a {
    display: block;
    padding-block: 0.125rem;
  }
  .table {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.95rem;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.5rem;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.4rem 0.5rem;
    border: 1px solid var(--_border);
  }
  @media (max-width: 32rem) {
    thead {
      position: absolute;
      clip-path: inset(50%);
      width: 1px;
      height: 1px;
      overflow: hidden;
    }
    table,
    tbody,
    tr,
    td {
      display: block;
    }
    tr {
      border: 1px solid var(--_border);
      margin-bottom: 0.5rem;
    }
    td {
      border: 0;
    }
    td::before {
      content: attr(data-label) ':';
      font-weight: 600;
      margin-inline-end: 0.25rem;
    }
  }
`;

// ---- reload offer ------------------------------------------------------------------

/**
 * After a withdrawal that a script which already ran can ignore (it may write its cookies
 * again): the status region says so and offers a reload, in the visitor's language. It stays
 * until the page reloads.
 */
export async function offerReload(status: HTMLElement, host: ViewHost): Promise<void> {
  // In the visitor's language: the dialogs' texts first, when they are still on their way.
  await dialogTextLoaded(host);
  const t = dialogText(host);
  let offer = status.querySelector<HTMLElement>('[part="reload"]');
  if (!offer) {
    offer = document.createElement('p');
    offer.setAttribute('part', 'reload');
    status.append(offer);
  }
  offer.lang = host.lang;
  render(html`${t('status.reload')} <button part="reload-button" class="secondary" @click=${() => location.reload()}>${t('action.reload')}</button>`, offer);
}
