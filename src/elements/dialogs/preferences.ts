/** The settings dialog: one switch per category, and each category's cookies (CJEU Planet49). */
import { css, html, nothing, type TemplateResult } from 'lit';
import { grantedOf, NECESSARY, type Categories } from '../../core/consent.js';
import { parseCookieDeclarations, textIn, type CookieInfo } from '../../core/policy.js';
import { categoryLabel, type Translate } from '../strings.js';
import { head, type DialogHost } from './frame.js';

/** What the settings hold while open: the switches not yet saved, and the page's cookie declarations. */
export interface Draft {
  categories: Categories;
  cookies: Record<string, CookieInfo[]>;
}

/**
 * The settings as they open: the switches as `categories` has them, and the cookies the
 * page declares in `<script type="application/json" data-piekritu-cookies>`:
 * `{ "analytics": [{ "name": "_ga", "purpose": { "lv": "…", "en": "…" }, "duration": "2 gadi", "thirdParty": "Google" }] }`.
 */
export function draftOf(categories: Categories): Draft {
  const script = document.querySelector('script[type="application/json"][data-piekritu-cookies]');
  let data: unknown;
  try {
    data = script ? JSON.parse(script.textContent ?? '') : undefined;
  } catch {
    console.warn('piekritu: the data-piekritu-cookies script is not JSON; no cookies are listed.');
  }
  const { cookies, dropped } = parseCookieDeclarations(data);
  if (dropped > 0) console.warn(`piekritu: ${dropped} cookie declaration(s) are not well formed and are not listed.`);
  return { categories: { ...categories }, cookies };
}

function cookieTable(host: DialogHost, list: CookieInfo[], label: string): TemplateResult {
  const { t, lang } = host;
  const party = (value: CookieInfo['thirdParty']) => (value === true ? t('cookies.yes') : value === false ? t('cookies.no') : value);
  const summary = t('cookies.summary', { count: list.length });
  return html`
    <details class="cookies">
      <summary aria-label="${summary}, ${label}">${summary}</summary>
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

function category(host: DialogHost, draft: Draft, name: string): TemplateResult {
  const { t, consentCookie } = host;
  const locked = name === NECESSARY;
  const label = categoryLabel(t, name);
  const key = `category.${name}.description`;
  const text = t(key);
  const about = text === key ? t('category.other.description', { name: label }) : text;
  const own: CookieInfo[] = locked
    ? [{ name: consentCookie.name, purpose: t('cookies.consent'), duration: t('cookies.days', { days: consentCookie.days }), thirdParty: false }]
    : [];
  const cookies = [...own, ...(draft.cookies[name] ?? [])];
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
          .checked=${locked || draft.categories[name] === true}
          ?disabled=${locked}
          aria-describedby="about-${name}"
          @change=${(event: Event) => (draft.categories[name] = (event.target as HTMLInputElement).checked)}
        />
      </div>
      <p class="about" id="about-${name}">${about}</p>
      ${cookies.length > 0 ? cookieTable(host, cookies, label) : html`<p class="about">${t('cookies.none')}</p>`}
    </li>
  `;
}

export function preferences(host: DialogHost, draft: Draft, close: () => void): TemplateResult {
  const t: Translate = host.t;
  return html`
    <dialog part="preferences" aria-labelledby="preferences-title" lang=${host.lang}>
      ${head(t, 'preferences-title', t('preferences.title'), close)}
      <div class="dialog-body">
        <p>${t('preferences.intro')}</p>
        ${host.gpc ? html`<p class="notice">${t('banner.gpc')}</p>` : nothing}
        <ul class="categories">${[NECESSARY, ...host.offered].map((name) => category(host, draft, name))}</ul>
      </div>
      <div class="actions">
        <button part="accept-all-button" class="choice" @click=${() => host.acceptAll()}>${t('action.acceptAll')}</button>
        <button part="reject-all-button" class="choice" @click=${() => host.rejectAll()}>${t('action.rejectAll')}</button>
        <button part="save-button" class="secondary" @click=${() => host.save(grantedOf(draft.categories))}>${t('action.save')}</button>
      </div>
    </dialog>
  `;
}

export const preferencesStyles = css`
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
  .always {
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
`;
