import type { Config } from '../../src/core/config.js';

/** What contract.md says every attribute defaults to, written out (not read from the code under test). */
export const DEFAULT_CONFIG: Config = {
  categories: ['preferences', 'analytics', 'marketing'],
  revision: '',
  cookieName: 'piekritu',
  cookieDomain: undefined,
  cookiePath: '/',
  cookieDays: 180,
  policyUrl: null,
  policySrc: null,
  policyVersion: '',
  localesSrc: null,
  logEndpoint: null,
  consentMode: false,
  consentModeWait: 500,
  consentModeRegion: [],
  ignoreGpc: false,
  theme: 'auto',
  position: 'bottom',
};
