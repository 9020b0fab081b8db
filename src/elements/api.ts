/**
 * `window.Piekritu`: read and steer the consent from page scripts without finding the
 * element. Every call goes to the page's active `<piekritu-consent>` (registered first if it
 * was still waiting); without one it is a harmless no-op that returns the "no choice" state.
 */
import { allows, NOTHING_OFFERED, undecided, type Categories, type Consent } from '../core/consent.js';
import type { ConsentView } from './events.js';
import { PiekrituConsent } from './consent/consent.component.js';
import { define } from './define.js';

export interface PiekrituApi {
  readonly version: string;
  /** The consent now (same shape as the events' `detail`). */
  readonly consent: Consent;
  /** Is every named category granted? `allows('analytics')`. */
  allows(...categories: string[]): boolean;
  show(view?: ConsentView): void;
  hide(): void;
  acceptAll(): void;
  rejectAll(): void;
  save(categories: Iterable<string> | Partial<Categories>): void;
  reset(): void;
}

export function createApi(doc: Document, version: string): PiekrituApi {
  // Asked before the element registered (it waits for the frame that paints a banner the page brought): now.
  const active = () => (define(), PiekrituConsent.active(doc));
  const api: PiekrituApi = {
    version,
    get consent() {
      return active()?.consent ?? undecided(NOTHING_OFFERED);
    },
    allows: (...categories) => allows(api.consent.categories, categories),
    show: (view) => active()?.show(view),
    hide: () => active()?.hide(),
    acceptAll: () => active()?.acceptAll(),
    rejectAll: () => active()?.rejectAll(),
    save: (categories) => active()?.save(categories),
    reset: () => active()?.reset(),
  };
  return api;
}
