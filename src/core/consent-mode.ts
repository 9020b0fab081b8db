/** Google Consent Mode v2: which signal follows which category. */
import type { Categories } from './consent.js';

export type ConsentSignal =
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage';

export type SignalState = 'granted' | 'denied';
export type ConsentSignals = Record<ConsentSignal, SignalState>;

/** `security_storage` serves the visitor (fraud prevention, authentication): always granted. */
export const SIGNALS_BY_CATEGORY: Readonly<Record<string, readonly ConsentSignal[]>> = {
  preferences: ['functionality_storage', 'personalization_storage'],
  analytics: ['analytics_storage'],
  marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
};

const SIGNALS: readonly ConsentSignal[] = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
];

/** Every signal denied but `security_storage`: the state before any decision. */
const denied = (): ConsentSignals =>
  Object.fromEntries(SIGNALS.map((name) => [name, name === 'security_storage' ? 'granted' : 'denied'])) as ConsentSignals;

export function signalsFor(categories: Categories): ConsentSignals {
  const signals = denied();
  for (const [category, names] of Object.entries(SIGNALS_BY_CATEGORY)) {
    if (categories[category] === true) for (const name of names) signals[name] = 'granted';
  }
  return signals;
}

export interface DefaultOptions {
  /** Milliseconds tags wait for the update before firing with the defaults. */
  waitForUpdate: number;
  /** ISO 3166-2 region codes the default applies to; empty means everywhere. */
  region: readonly string[];
}

export const DEFAULT_WAIT_FOR_UPDATE = 500;

/** Arguments of `gtag('consent', 'default', …)`: everything denied but security. */
export function defaultCommand(options: DefaultOptions): Record<string, unknown> {
  const params: Record<string, unknown> = { ...denied(), wait_for_update: options.waitForUpdate };
  if (options.region.length > 0) params.region = [...options.region];
  return params;
}
