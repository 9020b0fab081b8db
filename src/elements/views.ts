/**
 * What loads when first needed: the settings and policy dialogs, and the reload offer.
 * Nothing here is needed before the banner shows: a chunk of the ES module build,
 * `piekritu-views.min.js` beside the classic script. The placeholders of embeds waiting
 * for consent load on their own (`placeholder/placeholders.ts`).
 */
import { html, render } from 'lit';
import type { Strings } from './strings.js';
import type { DialogHost } from './dialogs/dialogs.js';
import dialogs from '../../locales/lv.dialogs.json';

export { Dialogs, type DialogHost, type DialogView } from './dialogs/dialogs.js';

/** The dialogs' Latvian texts, bundled here rather than on the critical path. */
export const LATVIAN_DIALOGS: Strings = dialogs;


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
