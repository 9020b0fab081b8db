/** The proof-of-consent record sent to `log-endpoint` (GDPR Art. 7(1)). */
import { grantedOf, NECESSARY, type Consent } from './consent.js';

export interface ConsentRecord {
  id: string;
  /** ISO 8601 time of the decision. */
  timestamp: string;
  revision: string;
  policyVersion: string;
  granted: string[];
  denied: string[];
  source: Consent['source'];
  language: string;
  /** The page, without query string or fragment (they can carry personal data). */
  url: string;
}

export function pageWithoutQuery(href: string): string {
  const cut = href.search(/[?#]/);
  return cut === -1 ? href : href.slice(0, cut);
}

export function recordOf(consent: Consent, language: string, href: string): ConsentRecord {
  const granted = grantedOf(consent.categories);
  return {
    id: consent.id,
    timestamp: new Date(consent.timestamp).toISOString(),
    revision: consent.revision,
    policyVersion: consent.policyVersion,
    granted,
    denied: Object.keys(consent.categories).filter((name) => name !== NECESSARY && !granted.includes(name)),
    source: consent.source,
    language,
    url: pageWithoutQuery(href),
  };
}
