/**
 * `import 'piekritu'` registers `<piekritu-consent>`; named imports give the class, the
 * pure consent rules and the types. `piekritu/server` is the Node handler for records.
 */
import './elements/define.js';

export { PiekrituConsent } from './elements/consent.component.js';
export { createApi, type PiekrituApi } from './elements/api.js';
export type {
  ConsentChangeDetail,
  ConsentCleanupDetail,
  ConsentDetail,
  ConsentSignalDetail,
  ConsentView,
  ConsentViewDetail,
  PiekrituEventMap,
} from './elements/events.js';
export * from './core/consent.js';
export { encode, decode, FORMAT_VERSION, type StoredChoice } from './core/codec.js';
export { signalsFor, SIGNALS_BY_CATEGORY, type ConsentSignals } from './core/consent-mode.js';
export { parsePolicy, type Policy, type PolicyBlock, type PolicySection } from './core/policy.js';
export { recordOf, type ConsentRecord } from './core/record.js';
export { LANGS, type Lang } from './core/locale.js';
export type { Config, Position, Theme } from './core/config.js';
