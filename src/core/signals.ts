/**
 * Consent signals for tags other than Google's: which call each vendor hears, and when.
 *
 * Two moments, as with Google Consent Mode: the `default` ("denied, not yet") before any of
 * the vendor's tags runs, and an `update` on a returning visitor's load and after every
 * decision. Mapping: analytics → Clarity `analytics_Storage` and Matomo; marketing → UET
 * `ad_storage`, Clarity `ad_Storage` and Meta Pixel. Global Privacy Control needs no rule
 * here: the consent it narrowed already has marketing off.
 */
import { type ConsentSignals, signalsFor, type SignalState } from './consent-mode.js';
import { NECESSARY, type Categories } from './consent.js';
import { quote, words, type Warn } from './config.js';

export const VENDORS = ['clarity', 'uet', 'meta', 'matomo'] as const;
export type Vendor = (typeof VENDORS)[number];
export type Phase = 'default' | 'update';

/** The arguments of one call, in the shape the vendor's own snippet would make it. */
export type VendorCall = unknown[];

/** What the generic `consent-signal` event carries. */
export interface SignalDetail {
  phase: Phase;
  /** Every category the page offers, `necessary` always granted. */
  categories: Record<string, SignalState>;
  /** The same state in Google Consent Mode's vocabulary, which many vendors borrow. */
  signals: ConsentSignals;
}

const state = (on: boolean): SignalState => (on ? 'granted' : 'denied');

/** The categories as they stand in a phase: before any decision, only `necessary`. */
function stateOf(phase: Phase, categories: Categories): Categories {
  const now: Categories = {};
  for (const name of Object.keys(categories)) now[name] = name === NECESSARY || (phase === 'update' && categories[name] === true);
  return now;
}

export function signalDetail(phase: Phase, categories: Categories): SignalDetail {
  const now = stateOf(phase, categories);
  const named: Record<string, SignalState> = {};
  for (const name of Object.keys(now)) named[name] = state(now[name]);
  return { phase, categories: named, signals: signalsFor(now) };
}

type Bridge = (phase: Phase, now: Categories, before: Categories) => VendorCall[];

const BRIDGES: Readonly<Record<Vendor, Bridge>> = {
  /**
   * Microsoft Clarity Consent API v2 (learn.microsoft.com/clarity, "Clarity Consent API v2"):
   * `clarity('consentv2', { ad_Storage, analytics_Storage })`, both keys required, capital S.
   * Clarity has no separate default call: the first consentv2 is the default.
   */
  clarity: (_, now) => [['consentv2', { ad_Storage: state(now.marketing === true), analytics_Storage: state(now.analytics === true) }]],
  /**
   * Microsoft Advertising UET consent mode (help.ads.microsoft.com, "UET consent mode"):
   * `uetq.push('consent', 'default' | 'update', { ad_storage })`. Without a default, UET
   * assumes granted outside the EEA, UK and Switzerland.
   */
  uet: (phase, now) => [['consent', phase, { ad_storage: state(now.marketing === true) }]],
  /**
   * Meta Pixel (developers.facebook.com, Meta Pixel "General Data Protection Regulation"):
   * `fbq('consent', 'revoke')` before `fbq('init')` on every page, `fbq('consent', 'grant')`
   * once granted. While revoked the pixel holds its events.
   */
  meta: (_, now) => [['consent', now.marketing === true ? 'grant' : 'revoke']],
  /**
   * Matomo tracking consent (developer.matomo.org/guides/tracking-consent): `requireConsent`
   * before `trackPageView` sends nothing and sets no cookie until `setConsentGiven`.
   * Tracking consent rather than `requireCookieConsent`, because the latter still sends
   * every page view before any choice. `setConsentGiven` (this page only), not
   * `rememberConsentGiven`: Matomo's own consent cookie would outlive a choice that lapses
   * or a revision that asks again. `forgetConsentGiven` writes Matomo's
   * `mtm_consent_removed` cookie, so it is sent only to withdraw a consent given.
   */
  matomo: (phase, now, before) => {
    if (phase === 'default') return [['requireConsent']];
    if (now.analytics === true) return before.analytics === true ? [] : [['setConsentGiven']];
    return before.analytics === true ? [['forgetConsentGiven']] : [];
  },
};

/**
 * The calls a vendor hears in a phase. `categories` is the consent now; `told` is the
 * state the vendor heard last (after the default: nothing granted).
 */
export function vendorCalls(vendor: Vendor, phase: Phase, categories: Categories, told: Categories = {}): VendorCall[] {
  return BRIDGES[vendor](phase, stateOf(phase, categories), told);
}

/**
 * `consent-signals="clarity uet meta matomo"`: the bridges a page wants. Unknown names are
 * reported once and left out; the known ones are kept, each once.
 */
export function parseSignals(raw: string | null, warn: Warn): Vendor[] {
  const wanted = new Set<Vendor>();
  const unknown: string[] = [];
  for (const name of words(raw)) {
    const vendor = name.toLowerCase();
    if ((VENDORS as readonly string[]).includes(vendor)) wanted.add(vendor as Vendor);
    else unknown.push(name);
  }
  const vendors = [...wanted];
  if (unknown.length > 0) {
    const using = vendors.length > 0 ? quote(vendors.join(' ')) : 'none';
    warn(`piekritu: consent-signals=${quote(unknown.join(' '))} is not one of ${VENDORS.join(', ')}; using ${using}.`);
  }
  return vendors;
}
