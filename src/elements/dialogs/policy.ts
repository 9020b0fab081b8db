/** The policy dialog: the site's privacy and cookie policy, from structured JSON. */
import { css, html, nothing, type TemplateResult } from 'lit';
import { parsePolicy, type Policy, type PolicyBlock } from '../../core/policy.js';
import { format, localDate, type Lang } from '../../core/locale.js';
import { loadText } from '../../platform/assets.js';
import { fetchJson } from '../../platform/fetch-json.js';
import type { Translate } from '../strings.js';
import { head, type DialogHost } from './frame.js';

export type PolicyState = { lang?: string } & ({ status: 'loading' | 'error' } | { status: 'ready'; policy: Policy });

/** The site's own policy (`policy-src`, `{lang}` in it), else the package's; `null` (with a warning) when it cannot be had. */
export async function loadPolicy(lang: Lang, policySrc: string, localesSrc: string): Promise<Policy | null> {
  const src = policySrc && format(policySrc, { lang });
  const data = await (src ? fetchJson(src) : loadText(`policy/${lang}`, localesSrc));
  const policy = parsePolicy(data);
  if (data && !policy) console.warn(`piekritu: the ${src || lang} policy is not in piekritu's format.`);
  return policy;
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
              ${item.rows.map((row) => html`<tr>${row.map((cell, i) => html`<td data-label=${item.head[i] ?? ''}>${cell}</td>`)}</tr>`)}
            </tbody>
          </table>
        </div>
      `;
  }
}

/** Which version, in force since when: the date written as its reader writes dates, and said once when it is the version too. */
function meta(t: Translate, { version, updated }: Policy, lang: string): string {
  const date = localDate(updated, lang);
  return version === updated ? t('policy.effective', { date }) : t('policy.version', { version, date });
}

function body(host: DialogHost, policy: Policy): TemplateResult {
  const t = host.t;
  /** In-page links inside a shadow root need a hand: the URL hash cannot reach in. */
  const jump = (event: MouseEvent): void => {
    event.preventDefault();
    const id = (event.currentTarget as HTMLAnchorElement).getAttribute('href')?.slice(1) ?? '';
    const heading = host.root.getElementById(`${id}-h`);
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus();
  };
  return html`
    <p class="meta">${meta(t, policy, host.lang)}</p>
    <nav aria-labelledby="policy-contents">
      <h3 id="policy-contents">${t('policy.contents')}</h3>
      <ol>
        ${policy.sections
          .filter((section) => section.heading)
          .map((section) => html`<li><a href="#policy-${section.id}" @click=${jump}>${section.heading}</a></li>`)}
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

export function policyView(host: DialogHost, state: PolicyState, close: () => void): TemplateResult {
  const t: Translate = host.t;
  let content: TemplateResult;
  if (state.status === 'ready') content = body(host, state.policy);
  else if (state.status === 'error') {
    content = html`<p class="notice">${t('policy.error')}</p>
      ${host.policyUrl ? html`<p><a href=${host.policyUrl}>${t('policy.fallback')}</a></p>` : nothing}`;
  } else content = html`<p aria-busy="true">${t('policy.loading')}</p>`;
  const title = state.status === 'ready' ? state.policy.title : t('preferences.policyLink');
  return html`
    <dialog part="policy" class="policy" aria-labelledby="policy-title" lang=${host.lang}>
      ${head(
        t,
        'policy-title',
        title,
        close,
        state.status === 'ready' ? html`<button class="print secondary" @click=${() => print()}>${t('action.print')}</button>` : nothing,
      )}
      <div class="dialog-body" tabindex="0" aria-labelledby="policy-title">${content}</div>
    </dialog>
  `;
}

/**
 * While the policy is open, the page prints only it: everything of the page that does not
 * hold the element goes from the printout. A constructed sheet, so a strict CSP allows it.
 */
const pagePrint = css`
  @media print {
    body *:not(:has(piekritu-consent), piekritu-consent) {
      display: none !important;
    }
  }
`.styleSheet;

export function printOnlyPolicy(on: boolean): void {
  if (!pagePrint) return;
  const sheets = document.adoptedStyleSheets.filter((sheet) => sheet !== pagePrint);
  document.adoptedStyleSheets = on ? [...sheets, pagePrint] : sheets;
}

export const policyStyles = css`
  .print {
    flex: none;
  }
  .policy .dialog-body {
    padding-bottom: 1.5rem;
  }
  nav ol {
    margin: 0 0 1.5rem;
    padding-inline-start: 1.5rem;
    columns: 2 14rem;
    /* Room for the second column's numbers, which sit outside its text. */
    column-gap: 3rem;
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
  /*
   * Printing the page with the policy open prints the whole policy, from its top, not a
   * scrolled window of it. In the top layer "static" would become "absolute", centred on
   * the first page (its start above the paper); so absolute, at the top, in full.
   */
  @media print {
    dialog {
      position: absolute;
      inset: 0 auto auto 0;
      margin: 0;
      width: 100%;
      max-width: none;
      max-height: none;
      display: block;
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
`;
