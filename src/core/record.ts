/** The proof-of-consent record sent to `log-endpoint` (GDPR Art. 7(1)). */
import { disjoint, isCategoryName, isConsentId, isToken, type StoredChoice } from './codec.js';
import { choiceOf, type Consent } from './consent.js';

/** The localStorage key where records wait to be sent: the element's own, strictly necessary storage. */
export const RECORDS_QUEUE = 'piekritu:records';

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
  const choice = choiceOf(consent);
  return { ...choice, timestamp: new Date(choice.timestamp).toISOString(), language, url: pageWithoutQuery(href) };
}

const isNames = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length <= 32 && value.every((name) => typeof name === 'string' && isCategoryName(name));

/**
 * A record as a server receives it: checked field by field, `null` when anything is off.
 * What it returns holds only what the banner sends: extra fields are dropped.
 */
export function parseRecord(data: unknown): ConsentRecord | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const { id, timestamp, revision, policyVersion, granted, denied, source, language, url } = data as Record<string, unknown>;
  const time = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
  const valid =
    typeof id === 'string' &&
    isConsentId(id) &&
    Number.isFinite(time) &&
    typeof revision === 'string' &&
    isToken(revision) &&
    typeof policyVersion === 'string' &&
    isToken(policyVersion) &&
    isNames(granted) &&
    isNames(denied) &&
    disjoint(granted, denied) &&
    (source === 'user' || source === 'gpc') &&
    typeof language === 'string' &&
    /^[a-z]{2,3}$/.test(language) &&
    typeof url === 'string' &&
    url.length <= 2048 &&
    /^https?:\/\/[^?#\s]*$/.test(url);
  if (!valid) return null;
  return {
    id,
    timestamp: new Date(time).toISOString(),
    revision,
    policyVersion,
    granted: [...granted],
    denied: [...denied],
    source,
    language,
    url,
  };
}

/** The cookie value the banner would have stored for this record (for a server to re-issue it). */
export const choiceOfRecord = (record: ConsentRecord): Omit<StoredChoice, 'version'> => ({
  id: record.id,
  timestamp: Date.parse(record.timestamp),
  revision: record.revision,
  policyVersion: record.policyVersion,
  granted: record.granted,
  denied: record.denied,
  source: record.source,
});
