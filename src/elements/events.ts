/** The element's events, typed once: a wrong name or detail fails to compile. */
import type { Consent } from '../core/consent.js';
import type { SignalDetail } from '../core/signals.js';

export type ConsentView = 'banner' | 'preferences' | 'policy';

export type ConsentDetail = Consent;
export interface ConsentChangeDetail extends Consent {
  /** Categories whose state flipped with this decision. */
  changed: string[];
}
export interface ConsentViewDetail {
  view: ConsentView;
}
export interface ConsentCleanupDetail {
  /** Categories withdrawn. */
  categories: string[];
  /** Cookie names deleted, from the gated elements' `data-cookies`. */
  cookies: string[];
  /** Gated scripts of those categories had already run: a reload finishes the job. */
  reloadAdvised: boolean;
}

/** `phase`: `default` before any tag of a vendor runs, `update` on a returning load and after each decision. */
export type ConsentSignalDetail = SignalDetail;

export interface PiekrituEventMap {
  'consent-ready': CustomEvent<ConsentDetail>;
  'consent-change': CustomEvent<ConsentChangeDetail>;
  'consent-show': CustomEvent<ConsentViewDetail>;
  'consent-hide': CustomEvent<ConsentViewDetail>;
  'consent-cleanup': CustomEvent<ConsentCleanupDetail>;
  'consent-signal': CustomEvent<ConsentSignalDetail>;
}

type DetailOf<K extends keyof PiekrituEventMap> = PiekrituEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Every event bubbles and is composed, so a listener on `document` hears it. */
export function emit<K extends keyof PiekrituEventMap>(target: EventTarget, name: K, detail: DetailOf<K>): void {
  target.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends PiekrituEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends PiekrituEventMap {}
}
