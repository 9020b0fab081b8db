/**
 * What an audit found, and the rules that turn observations into violations. Pure: the
 * browser work is in observe.ts and run.ts.
 */
import { cookieMatcher } from '../../core/gating.js';
import { RECORDS_QUEUE } from '../../core/record.js';

export interface CookieFinding {
  name: string;
  domain: string;
  path: string;
  /** Seconds since the epoch; `null` for a session cookie. */
  expires: number | null;
  httpOnly: boolean;
  secure: boolean;
  thirdParty: boolean;
  /** The response header or script that set it, where the browser could tell. */
  setBy: string;
  /** The page where it was first written ('' when unknown). */
  page: string;
}

export interface StorageFinding {
  area: 'localStorage' | 'sessionStorage';
  key: string;
  origin: string;
  setBy: string;
  page: string;
}

export interface RequestFinding {
  url: string;
  type: string;
  /** The script or document that started it, where the browser could tell. */
  initiator: string;
  page: string;
}

export interface Observation {
  cookies: CookieFinding[];
  storage: StorageFinding[];
  requests: RequestFinding[];
}

export type ViolationKind =
  | 'cookie-before-consent'
  | 'storage-before-consent'
  | 'request-before-consent'
  | 'cookie-after-reject'
  | 'storage-after-reject'
  | 'request-after-reject'
  | 'cookie-after-withdrawal'
  | 'no-settings-link'
  | 'settings-link-broken'
  | 'no-element'
  | 'consent-mode-order';

export interface Violation {
  kind: ViolationKind;
  /** The cookie, key, request or page at fault. */
  subject: string;
  detail: string;
  page: string;
  /** Who caused it, where the browser could tell. */
  cause: string;
}

export interface PageResult {
  url: string;
  hasElement: boolean;
  settingsLink: boolean;
  stillLoading: boolean;
}

/** A `<script type="text/plain" data-consent>` (or embed) on the start page. */
export interface GatedElement {
  tag: string;
  category: string;
  /** Resolved `src`/`data-src`; '' for an inline script. */
  src: string;
  dataCookies: string | null;
}

export interface ConsentModeResult {
  page: string;
  /** Milliseconds since the epoch; null when no default was pushed. */
  defaultAt: number | null;
  firstGoogleRequest: { url: string; at: number } | null;
  ok: boolean;
}

export interface Declaration {
  /** The `<script type="application/json" data-piekritu-cookies>` block, ready to paste. */
  block: string;
  scripts: { element: string; category: string; dataCookies: string; before: string | null }[];
  /** Cookies the element cannot delete (another site's): listed, not in any data-cookies. */
  notDeletable: string[];
}

export interface Report {
  url: string;
  site: string;
  date: string;
  consentCookie: string;
  categories: string[];
  pages: PageResult[];
  /** The consent cookie and the cookies the site declares necessary, as found. */
  necessary: CookieFinding[];
  before: Observation;
  byCategory: Record<string, Observation>;
  afterReject: Observation;
  afterWithdrawal: { cookies: CookieFinding[]; storage: StorageFinding[] };
  consentMode: ConsentModeResult[] | null;
  violations: Violation[];
  warnings: string[];
  declaration: Declaration;
  /** The start page with its banner, as a data URL. */
  screenshot: string;
  /** How long the audit took, and how many pages it opened in all its runs. */
  durationMs: number;
  pageLoads: number;
}

/** What the site may keep before consent: the consent cookie, and what it declares necessary. */
export interface Allowed {
  consentCookie: string;
  necessary: string[];
  /** Third-party hosts a page may contact before consent (`--allow`). */
  hosts: string[];
}

export const cookieKey = (cookie: CookieFinding): string => `${cookie.name}@${cookie.domain}${cookie.path}`;
const storageKey = (item: StorageFinding): string => `${item.area} ${item.origin} ${item.key}`;
const hostOf = (url: string): string => new URL(url).hostname;

/** The element's own files may come from a CDN; they are what asks for consent. */
const isPiekritu = (url: string): boolean => /\/piekritu[^/]*\.(m?js|json)(\?|$)|\/piekritu@|\/locales\/[a-z]{2}[.a-z]*\.json/.test(url);

export function necessaryCookie(cookie: { name: string }, allowed: Allowed): boolean {
  return cookie.name === allowed.consentCookie || cookieMatcher(allowed.necessary.join(' '))(cookie.name);
}

/** The element's queue of consent records, or a key the site declares necessary. */
export function necessaryStorage(item: { key: string }, allowed: Allowed): boolean {
  return item.key === RECORDS_QUEUE || cookieMatcher(allowed.necessary.join(' '))(item.key);
}

/** What is left once the strictly necessary is set aside. */
export function unnecessary(observation: Observation, allowed: Allowed): Observation {
  return {
    cookies: observation.cookies.filter((cookie) => !necessaryCookie(cookie, allowed)),
    storage: observation.storage.filter((item) => !necessaryStorage(item, allowed)),
    requests: observation.requests.filter((request) => !isPiekritu(request.url) && !allowed.hosts.includes(hostOf(request.url))),
  };
}

/** What `after` holds that `before` did not. */
export function added(after: Observation, before: Observation): Observation {
  const cookies = new Set(before.cookies.map(cookieKey));
  const storage = new Set(before.storage.map(storageKey));
  const hosts = new Set(before.requests.map((request) => hostOf(request.url)));
  const seen = new Set<string>();
  return {
    cookies: after.cookies.filter((cookie) => !cookies.has(cookieKey(cookie))),
    storage: after.storage.filter((item) => !storage.has(storageKey(item))),
    // One request per new host is enough to say who is contacted.
    requests: after.requests.filter((request) => {
      const host = hostOf(request.url);
      if (hosts.has(host) || seen.has(host)) return false;
      seen.add(host);
      return true;
    }),
  };
}

const party = (cookie: CookieFinding): string => (cookie.thirdParty ? `third-party cookie on ${cookie.domain}` : `cookie on ${cookie.domain}`);

/** The rules: what the observations of each run break. */
export function violationsOf(input: {
  allowed: Allowed;
  pages: PageResult[];
  before: Observation;
  afterReject: Observation;
  afterWithdrawal: { cookies: CookieFinding[]; storage: StorageFinding[] };
  byCategory: Record<string, Observation>;
  consentMode: ConsentModeResult[] | null;
  /** Did the start page's settings link lead to "reject all"? `null`: not tried (no link). */
  linkWorks?: boolean | null;
}): Violation[] {
  const { allowed, pages } = input;
  const violations: Violation[] = [];
  const before = unnecessary(input.before, allowed);
  const firstHosts = new Set<string>();
  for (const cookie of before.cookies) {
    violations.push({ kind: 'cookie-before-consent', subject: cookie.name, detail: `${party(cookie)}, set before any choice`, page: cookie.page, cause: cookie.setBy });
  }
  for (const item of before.storage) {
    violations.push({ kind: 'storage-before-consent', subject: `${item.area}.${item.key}`, detail: `written before any choice on ${item.origin}`, page: item.page, cause: item.setBy });
  }
  for (const request of before.requests) {
    const host = hostOf(request.url);
    if (firstHosts.has(host)) continue;
    firstHosts.add(host);
    violations.push({ kind: 'request-before-consent', subject: host, detail: `${request.type} request to ${request.url} before any choice`, page: request.page, cause: request.initiator });
  }
  // After "reject all", only what was not already there before the choice.
  const rejected = added(unnecessary(input.afterReject, allowed), input.before);
  for (const cookie of rejected.cookies) {
    violations.push({ kind: 'cookie-after-reject', subject: cookie.name, detail: `${party(cookie)}, set although every category was refused`, page: cookie.page, cause: cookie.setBy });
  }
  for (const item of rejected.storage) {
    violations.push({ kind: 'storage-after-reject', subject: `${item.area}.${item.key}`, detail: 'written although every category was refused', page: item.page, cause: item.setBy });
  }
  for (const request of rejected.requests) {
    violations.push({ kind: 'request-after-reject', subject: hostOf(request.url), detail: `${request.type} request to ${request.url} although every category was refused`, page: request.page, cause: request.initiator });
  }
  const beforeKeys = new Set(input.before.cookies.map(cookieKey));
  for (const cookie of input.afterWithdrawal.cookies) {
    if (necessaryCookie(cookie, allowed) || beforeKeys.has(cookieKey(cookie))) continue;
    const category = Object.entries(input.byCategory).find(([, seen]) => seen.cookies.some((other) => other.name === cookie.name))?.[0];
    const fix = cookie.thirdParty
      ? 'another site\'s cookie: the page cannot delete it; declare it so visitors know'
      : `add "${cookie.name}" to data-cookies of the ${category ?? 'gated'} script that sets it`;
    violations.push({ kind: 'cookie-after-withdrawal', subject: cookie.name, detail: `${party(cookie)} still there after consent was withdrawn: ${fix}`, page: cookie.page, cause: cookie.setBy });
  }
  for (const page of pages) {
    if (!page.hasElement) {
      violations.push({ kind: 'no-element', subject: page.url, detail: 'no <piekritu-consent> on this page: nothing asks for consent or gates its scripts here', page: page.url, cause: '' });
    } else if (!page.settingsLink) {
      violations.push({ kind: 'no-settings-link', subject: page.url, detail: 'no element with data-piekritu-open: a visitor cannot withdraw consent from this page', page: page.url, cause: '' });
    }
  }
  if (input.linkWorks === false && pages[0]) {
    const url = pages[0].url;
    violations.push({ kind: 'settings-link-broken', subject: url, detail: 'the settings link opened no dialog with "reject all": a visitor cannot withdraw consent with it', page: url, cause: '' });
  }
  for (const result of input.consentMode ?? []) {
    if (result.ok) continue;
    violations.push({
      kind: 'consent-mode-order',
      subject: result.firstGoogleRequest?.url ?? result.page,
      detail:
        result.defaultAt === null
          ? 'a Google tag loaded but no Consent Mode default was ever pushed'
          : `a Google tag was requested ${result.defaultAt - result.firstGoogleRequest!.at} ms before the Consent Mode default`,
      page: result.page,
      cause: '',
    });
  }
  return violations;
}

const GOOGLE_TAG = /(^|\.)(googletagmanager\.com|google-analytics\.com|analytics\.google\.com|doubleclick\.net|googleadservices\.com|googlesyndication\.com)$/;

export const isGoogleTag = (url: string): boolean => /^https?:/.test(url) && GOOGLE_TAG.test(hostOf(url));

/** Did the default reach the dataLayer before the page's first Google tag request? */
export function consentModeOrder(page: string, defaultAt: number | null, requests: { url: string; at: number }[]): ConsentModeResult {
  const google = requests.filter((request) => isGoogleTag(request.url)).sort((a, b) => a.at - b.at)[0] ?? null;
  const ok = google === null || (defaultAt !== null && defaultAt <= google.at);
  return { page, defaultAt, firstGoogleRequest: google, ok };
}
