/**
 * Attribute values in, safe settings out. Every parser takes the raw attribute (or `null`
 * when absent) and a `warn` callback; a bad value is reported, naming the attribute and the
 * value, and the default is used. Nothing here throws.
 */
import { DEFAULT_CATEGORIES, NECESSARY } from './consent.js';
import { isCategoryName, isToken, MAX_CATEGORIES } from './codec.js';
import { DEFAULT_WAIT_FOR_UPDATE } from './consent-mode.js';

export type Warn = (message: string) => void;

export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const POSITIONS = ['bottom', 'bottom-start', 'bottom-end', 'top'] as const;
export type Position = (typeof POSITIONS)[number];

export const DEFAULT_COOKIE_NAME = 'piekritu';
export const DEFAULT_COOKIE_DAYS = 180;
/** 13 months: the longest a consent may last (CNIL, EDPB practice). */
export const MAX_COOKIE_DAYS = 395;
const MAX_URL = 2048;

/**
 * Characters JSON.stringify leaves raw that a console or log viewer would render as a line
 * break, hide, or use to reorder the text around them (U+202E, U+2028, U+0085, ...).
 */
const UNSAFE = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]$/u;
const unicodeEscape = (char: string): string =>
  Array.from({ length: char.length }, (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');

/**
 * Quote a value for a message: JSON-escaped, nothing invisible or line-breaking left raw,
 * and at most `max` characters between the quotes however many escapes the value needs.
 */
export function quote(raw: string, max = 80): string {
  let text = '';
  for (const char of raw) {
    const json = JSON.stringify(char).slice(1, -1);
    const piece = json === char && UNSAFE.test(char) ? unicodeEscape(char) : json;
    if (text.length + piece.length > max) return `"${text}…"`;
    text += piece;
  }
  return `"${text}"`;
}

/** A list attribute's entries: separated by spaces and/or commas (`categories`, `data-consent`, ...). */
export const words = (raw: string | null): string[] => (raw ?? '').split(/[\s,]+/).filter(Boolean);

function invalid(attribute: string, raw: string, expected: string, fallback: string): string {
  return `piekritu: ${attribute}=${quote(raw)} is not ${expected}; using ${fallback}.`;
}


export function parseCategories(raw: string | null, warn: Warn): string[] {
  if (raw === null) return [...DEFAULT_CATEGORIES];
  const names = words(raw);
  // A Set, not Array#includes: a huge attribute must not cost quadratic time.
  const seen = new Set<string>();
  const rejected: string[] = [];
  for (const name of names) {
    if (name === NECESSARY) continue; // always there; listing it is harmless
    const fits = isCategoryName(name) && seen.size < MAX_CATEGORIES;
    if (fits && !seen.has(name)) seen.add(name);
    else rejected.push(name);
  }
  const valid = [...seen];
  if (rejected.length === 0) return valid;
  // One warning per attribute, like every other parser: the value is reported once.
  if (valid.length === 0) {
    warn(invalid('categories', raw, 'a list of category names', `"${DEFAULT_CATEGORIES.join(' ')}"`));
    return [...DEFAULT_CATEGORIES];
  }
  warn(
    invalid(
      'categories',
      rejected.join(' '),
      `up to ${MAX_CATEGORIES} unique names (a-z0-9-_, ≤19, not built-in)`,
      quote(valid.join(' ')),
    ),
  );
  return valid;
}

export function parseOneOf<T extends string>(
  attribute: string,
  raw: string | null,
  allowed: readonly T[],
  fallback: T,
  warn: Warn,
): T {
  if (raw === null) return fallback;
  const value = raw.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(value)) return value as T;
  warn(invalid(attribute, raw, `one of ${allowed.join(', ')}`, fallback));
  return fallback;
}

export function parseCookieDays(raw: string | null, warn: Warn): number {
  if (raw === null) return DEFAULT_COOKIE_DAYS;
  const text = raw.trim();
  // Any run of digits: a huge number is still a whole number of days, and is clamped.
  const days = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!(days >= 1)) {
    warn(invalid('cookie-days', raw, 'a whole number of days from 1', String(DEFAULT_COOKIE_DAYS)));
    return DEFAULT_COOKIE_DAYS;
  }
  if (days > MAX_COOKIE_DAYS) {
    warn(invalid('cookie-days', raw, `at most ${MAX_COOKIE_DAYS} (13 months)`, String(MAX_COOKIE_DAYS)));
    return MAX_COOKIE_DAYS;
  }
  return days;
}

/** `revision`: a short token, stored in the cookie as written. */
export function parseRevision(raw: string | null, warn: Warn): string {
  if (raw === null) return '';
  const value = raw.trim();
  if (isToken(value)) return value;
  warn(invalid('revision', raw, 'up to 32 letters, digits, ".", "-" or "_"', '""'));
  return '';
}

/**
 * RFC 6265 token characters, without the ones that need quoting anywhere, and without "%"
 * (js-cookie would escape it on write, and the name would no longer read back as written).
 */
const COOKIE_NAME = /^[A-Za-z0-9!#$&'*+.^_`|~-]{1,64}$/;

export function parseCookieName(raw: string | null, warn: Warn): string {
  if (raw === null) return DEFAULT_COOKIE_NAME;
  // js-cookie looks names up in a plain object: "constructor", "toString", "__proto__" ...
  // read back as Object.prototype members, never as the cookie, and the choice is lost.
  if (COOKIE_NAME.test(raw) && !(raw in Object.prototype)) return raw;
  warn(invalid('cookie-name', raw, 'a cookie name', `"${DEFAULT_COOKIE_NAME}"`));
  return DEFAULT_COOKIE_NAME;
}

const HOST_LABELS = /^\.?(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * `cookie-domain` must be the page's host or one of its parents; anything else would be
 * refused by the browser and lose the choice silently.
 */
export function parseCookieDomain(raw: string | null, hostname: string, warn: Warn): string | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const domain = raw.trim().toLowerCase().replace(/^\./, '');
  const host = hostname.toLowerCase();
  // A single label other than the host itself is a top-level domain: a public suffix.
  const parent = domain.includes('.') && host.endsWith(`.${domain}`);
  if (HOST_LABELS.test(domain) && (host === domain || parent)) return domain;
  warn(invalid('cookie-domain', raw, `the host "${host}" or one of its parent domains`, 'the host only'));
  return undefined;
}

export function parseCookiePath(raw: string | null, warn: Warn): string {
  if (raw === null) return '/';
  if (/^\/[\x21-\x3a\x3c-\x7e]{0,255}$/.test(raw)) return raw;
  warn(invalid('cookie-path', raw, 'a path starting with "/"', '"/"'));
  return '/';
}

/**
 * `policy-url`, `log-endpoint`: http(s) or relative only. A `javascript:` or `data:` URL
 * would turn an attribute into script execution.
 */
export function parseUrl(attribute: string, raw: string | null, warn: Warn): string | null {
  if (raw === null) return null;
  const value = raw.trim();
  if (value === '') return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value);
  // eslint-disable-next-line no-control-regex
  const clean = value.length <= MAX_URL && !/[\u0000-\u001f\u007f\s<>"`\\]/.test(value);
  if (clean && (!scheme || /^https?$/i.test(scheme[1]))) return value;
  warn(invalid(attribute, raw, 'an http(s) or relative URL', 'none'));
  return null;
}

/** `consent-mode-wait`: milliseconds Google tags wait for the update (0 to 10 000). */
export function parseWait(raw: string | null, warn: Warn): number {
  if (raw === null) return DEFAULT_WAIT_FOR_UPDATE;
  const text = raw.trim();
  const wait = /^[0-9]{1,5}$/.test(text) ? Number(text) : NaN;
  if (wait <= 10000) return wait;
  warn(invalid('consent-mode-wait', raw, 'milliseconds from 0 to 10000', String(DEFAULT_WAIT_FOR_UPDATE)));
  return DEFAULT_WAIT_FOR_UPDATE;
}

/** `consent-mode-region`: ISO 3166-1/-2 codes the default applies to (`LV EE US-CA`); none means everywhere. */
export function parseRegions(raw: string | null, warn: Warn): string[] {
  const codes = words(raw);
  if (codes.every((code) => /^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/.test(code))) return codes.map((code) => code.toUpperCase());
  warn(invalid('consent-mode-region', raw ?? '', 'ISO 3166 region codes', 'every region'));
  return [];
}

/** What the element needs before the banner shows. */
export interface BootConfig {
  categories: string[];
  revision: string;
  cookieName: string;
  cookieDays: number;
  policyUrl: string | null;
  logEndpoint: string | null;
  consentMode: boolean;
  consentModeWait: number;
  consentModeRegion: string[];
  ignoreGpc: boolean;
  theme: Theme;
  position: Position;
}

/** Where the consent cookie is written: needed only by the runtime, which loads after the banner. */
export interface JarConfig {
  cookieDomain: string | undefined;
  cookiePath: string;
}

export type Config = BootConfig & JarConfig;

type Read = (name: string) => string | null;

export function parseBootConfig(read: Read, warn: Warn): BootConfig {
  return {
    categories: parseCategories(read('categories'), warn),
    revision: parseRevision(read('revision'), warn),
    cookieName: parseCookieName(read('cookie-name'), warn),
    cookieDays: parseCookieDays(read('cookie-days'), warn),
    policyUrl: parseUrl('policy-url', read('policy-url'), warn),
    logEndpoint: parseUrl('log-endpoint', read('log-endpoint'), warn),
    consentMode: read('consent-mode') !== null,
    consentModeWait: parseWait(read('consent-mode-wait'), warn),
    consentModeRegion: parseRegions(read('consent-mode-region'), warn),
    ignoreGpc: read('ignore-gpc') !== null,
    theme: parseOneOf('theme', read('theme'), THEMES, 'auto', warn),
    position: parseOneOf('position', read('position'), POSITIONS, 'bottom', warn),
  };
}

export function parseJarConfig(read: Read, hostname: string, warn: Warn): JarConfig {
  return {
    cookieDomain: parseCookieDomain(read('cookie-domain'), hostname, warn),
    cookiePath: parseCookiePath(read('cookie-path'), warn),
  };
}

/** Everything at once, from an attribute reader (e.g. `(name) => el.getAttribute(name)`). */
export function parseConfig(read: Read, hostname: string, warn: Warn): Config {
  return { ...parseBootConfig(read, warn), ...parseJarConfig(read, hostname, warn) };
}
