/** The proof-of-consent record sent to `log-endpoint` (GDPR Art. 7(1)). */
import { fitLists, isConsentId, isToken, type StoredChoice } from './codec.js';
import { MAX_COOKIE_DAYS } from './config.js';
import { choiceOf, expiresAt, FUTURE_SKEW_MS, type Consent } from './consent.js';

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

const isNames = (value: unknown): value is string[] => Array.isArray(value) && value.every((name) => typeof name === 'string');

/** What `Date#toISOString` writes, as `recordOf` sends it (milliseconds optional): nothing looser. */
const ISO_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{3})?Z$/;

/**
 * A record's decision time in milliseconds, or `null`: strict ISO 8601 in UTC, a real date
 * ("02-30" is not), no later than the clock skew tolerated for a stored choice, and no older
 * than the longest a choice can last (13 months) — it could no longer be in force.
 */
export function recordTime(value: unknown, now: number): number | null {
  if (typeof value !== 'string' || !ISO_TIME.test(value)) return null;
  const time = Date.parse(value);
  const written = value.length === 20 ? `${value.slice(0, 19)}.000Z` : value;
  if (!Number.isFinite(time) || new Date(time).toISOString() !== written) return null;
  return time <= now + FUTURE_SKEW_MS && expiresAt(time, MAX_COOKIE_DAYS) + FUTURE_SKEW_MS >= now ? time : null;
}

/**
 * A record as a server receives it: checked field by field, with the same rules as the
 * cookie codec, `null` when anything is off. What it returns holds only what the banner
 * sends: extra fields are dropped. `now` is the server's clock.
 */
export function parseRecord(data: unknown, now = Date.now()): ConsentRecord | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const { id, timestamp, revision, policyVersion, granted, denied, source, language, url } = data as Record<string, unknown>;
  const time = recordTime(timestamp, now);
  const valid =
    typeof id === 'string' &&
    isConsentId(id) &&
    time !== null &&
    typeof revision === 'string' &&
    isToken(revision) &&
    typeof policyVersion === 'string' &&
    isToken(policyVersion) &&
    isNames(granted) &&
    isNames(denied) &&
    fitLists(granted, denied) &&
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
