/** What both dialogs are made of: their host, and a head with a title and a close button. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Consent } from '../../core/consent.js';
import type { Lang } from '../../core/locale.js';
import type { Translate } from '../strings.js';

export type DialogView = 'preferences' | 'policy';

/** What the dialogs may read and do; the element implements it. */
export interface DialogHost {
  /** The dialogs' texts in the element's language. */
  readonly t: Translate;
  readonly lang: Lang;
  readonly offered: readonly string[];
  readonly gpc: boolean;
  readonly consent: Consent;
  readonly policyUrl: string | null;
  /** The site brings its own policy (`policy-src`); else the bundled example is shown. */
  readonly ownPolicy: boolean;
  readonly root: ShadowRoot;
  /** The consent cookie itself, listed under `necessary`. */
  readonly consentCookie: { name: string; days: number };
  /** The site's own policy (`policy-src`, `{lang}` in it); `''`: the package's. */
  readonly policySrc: string;
  /** The site's own folder of text files (`locales-src`); `''`: the package's files. */
  readonly localesSrc: string;
  /** Render again (the policy arrived). */
  refresh(): void;
  acceptAll(): void;
  rejectAll(): void;
  /** Save a selection (also a placeholder's one-click allow, on top of the current choice). */
  save(categories: string[]): void;
  /** The dialog of `view` closed by itself: Escape or its close button. */
  closed(view: DialogView): void;
}

/** The dialog's head: not a `<header>`, which inside a dialog would be one more banner landmark. */
export function head(t: Translate, id: string, title: string, close: () => void, extra: TemplateResult | typeof nothing = nothing): TemplateResult {
  return html`
    <div class="dialog-head">
      <h2 id=${id}>${title}</h2>
      ${extra}
      <button part="close-button" class="close" aria-label=${t('action.close')} @click=${close}>
        <svg viewBox="0 0 16 16" aria-hidden="true" width="16" height="16">
          <path d="M3 3l10 10M13 3L3 13" stroke="currentColor" stroke-width="2" fill="none" />
        </svg>
      </button>
    </div>
  `;
}
