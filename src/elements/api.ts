/**
 * `window.Piekritu`: read and steer the consent from page scripts without finding the
 * element. Every call goes to the page's active `<piekritu-consent>`; without one it is a
 * harmless no-op that returns the "no choice" state.
 */
import { allows, NOTHING_OFFERED, undecided, type Categories, type Consent } from '../core/consent.js';
import type { ConsentView } from './events.js';
import { PiekrituConsent, tagName } from './consent.component.js';

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

function active(doc: Document): PiekrituConsent | undefined {
  return Array.from(doc.querySelectorAll(tagName)).find(
    (element): element is PiekrituConsent => element instanceof PiekrituConsent && element.consent.policyVersion !== '',
  );
}

export function createApi(doc: Document, version: string): PiekrituApi {
  return {
    version,
    get consent() {
      return active(doc)?.consent ?? undecided(NOTHING_OFFERED);
    },
    allows: (...categories) => allows((active(doc)?.consent ?? undecided(NOTHING_OFFERED)).categories, categories),
    show: (view) => active(doc)?.show(view),
    hide: () => active(doc)?.hide(),
    acceptAll: () => active(doc)?.acceptAll(),
    rejectAll: () => active(doc)?.rejectAll(),
    save: (categories) => active(doc)?.save(categories),
    reset: () => active(doc)?.reset(),
  };
}
