/**
 * What loads when first needed: the settings and policy dialogs, and the reload offer.
 * Nothing here is needed before the banner shows: a chunk of the ES module build,
 * `piekritu-views.min.js` beside the classic script. The placeholders of embeds waiting
 * for consent load on their own (`placeholder/placeholders.ts`).
 */
import { html, render } from 'lit';
import type { Consent } from '../core/consent.js';
import type { Lang } from '../core/locale.js';
import type { Strings, Translate } from './strings.js';
import type { DialogHost, DialogView } from './dialogs/dialogs.js';
import type { ConsentController } from './consent/controller.js';
import dialogs from '../../locales/lv.dialogs.json';

export { Dialogs, type DialogHost, type DialogView } from './dialogs/dialogs.js';

/** The dialogs' Latvian texts, bundled here rather than on the critical path. */
export const LATVIAN_DIALOGS: Strings = dialogs;

/** What only the element can reach (its private state), lent to `dialogHost`. */
export interface DialogHostParts {
  t(): Translate;
  lang(): Lang;
  controller(): ConsentController;
  /** The site's own folder of text files (`locales-src`); `''`: the package's files. */
  localesSrc(): string;
  closed(view: DialogView): void;
}

/**
 * The dialogs' window onto the element. Built here, with the views,
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
    get policySrc() {
      return config().policySrc ?? '';
    },
    get localesSrc() {
      return parts.localesSrc();
    },
    refresh: () => element.requestUpdate(),
    acceptAll: () => element.acceptAll(),
    rejectAll: () => element.rejectAll(),
    save: (categories) => element.save(categories),
    closed: parts.closed,
  };
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
