/**
 * Cookie I/O: the only module that imports js-cookie. Every call is guarded, because
 * `document.cookie` throws in sandboxed frames and some privacy setups.
 */
import Cookies from 'js-cookie';
import { decode, encode } from '../core/codec.js';
import { cookieValues, newestChoice } from '../core/cookie-header.js';
import { domainsOf, pathsOf } from '../core/gating.js';
import { choiceOfRecord } from '../core/record.js';
import { newestQueued } from './records.js';

/**
 * The consent cookie, as one value however many the browser holds: after a change of
 * `cookie-domain` or `cookie-path`, or a server that re-issues it on another scope, the
 * page sees several cookies of the name. The newest decision (`t`) is the one; the others
 * are deleted on every scope this page can reach, and writing or removing the choice
 * clears them all first, so no older one is read back after a reload.
 */
export interface CookieJar {
  /** The newest readable value of all the browser holds. */
  read(): string | undefined;
  /** `false` when the browser did not keep the cookie (blocked, or refused). */
  write(value: string): boolean;
  /** Every copy, on every scope. */
  remove(): void;
  /**
   * After a record's answer: an older answer's `Set-Cookie` (a slow server, a queued record
   * sent again) never overwrites the decision this page took since, and leaves no copy.
   */
  keepNewest(): void;
}

export interface JarOptions {
  name: string;
  domain: string | undefined;
  path: string;
  days: number;
}

function guarded<T>(fallback: T, work: () => T): T {
  try {
    return work();
  } catch {
    return fallback;
  }
}

/**
 * Every value the page sees under `name`, one per scope that holds it (js-cookie reads only
 * the first), read by the rule the server reads a `Cookie` header with.
 */
const valuesOf = (name: string): string[] => guarded([], () => cookieValues(document.cookie, name));

/** The value with the newest decision; the first, unreadable, only when nothing is readable (the store warns of it). */
const newest = (values: string[]): string | undefined => newestChoice(values)?.value ?? values[0];

/** Is `held` an older decision than `mine` (or the same second's other one)? */
function older(held: string | undefined, mine: string): boolean {
  const [a, b] = [decode(held), decode(mine)];
  return Boolean(a && b && a.id !== b.id && a.timestamp <= b.timestamp);
}

function consentJar(options: JarOptions, secure = location.protocol === 'https:'): CookieJar {
  const { name } = options;
  const attributes = {
    expires: options.days,
    path: options.path,
    domain: options.domain,
    sameSite: 'Lax',
    secure,
  } as const;
  /** What this page view stored last: a value, `null` once removed, `undefined` before either. */
  let latest: string | null | undefined;
  const read = (): string | undefined => newest(valuesOf(name));
  const clear = (): void => void deleteCookies((found) => found === name);
  const store = (value: string): boolean =>
    guarded(false, () => {
      if (valuesOf(name).length > 0) clear();
      Cookies.set(name, value, attributes);
      return read() === value;
    });
  return {
    read,
    write: (value) => store((latest = value)),
    remove: () => {
      latest = null;
      clear();
    },
    keepNewest: () => {
      if (typeof latest !== 'string') return;
      const held = read();
      // An older decision came back: this page's again. Several copies: the newest alone.
      if (older(held, latest)) store(latest);
      else if (held !== undefined && valuesOf(name).length > 1) store(held);
    },
  };
}

/**
 * The jar the runtime works with, tidied once on opening: one cookie left, the newest, on this
 * page's scope. A queued record newer than the cookie (its answer still to come, and an older
 * one's `Set-Cookie` landed after the tab closed) is the decision in force: its cookie is restored.
 * `records`: whether records are kept (a `log-endpoint`); without, localStorage is not touched.
 * `opened`: that value, the choice in force as this task found it; `undefined` when the
 * browser did not keep it (a tidy-up write refused: what it holds is unknown).
 */
export function openJar(options: JarOptions, records: boolean): { jar: CookieJar; opened: { value: string | undefined } | undefined } {
  const jar = consentJar(options);
  const values = valuesOf(options.name);
  const held = newest(values);
  const queued = records ? newestQueued() : undefined;
  const pending = queued && encode(choiceOfRecord(queued));
  const value = pending && older(held, pending) ? pending : held;
  const kept = value === undefined || (values.length < 2 && value === values[0]) || jar.write(value);
  return { jar, opened: kept ? { value } : undefined };
}

/** Names of the cookies this page can see. */
const cookieNames = (): string[] => guarded([], () => Object.keys(Cookies.get()));

const PROBE = 'piekritu_probe';

/**
 * The registrable domain ("example.lv" for "www.example.lv", "example.com.lv" for
 * "shop.example.com.lv"), found the way analytics libraries find their cookie domain:
 * the browser refuses cookies on public suffixes, so the shortest parent that accepts a
 * probe cookie is the one. No public-suffix list ships in the bundle.
 */
function registrableDomain(hostname: string): string | undefined {
  const candidates = domainsOf(hostname).reverse();
  if (candidates.length < 2) return undefined;
  for (const domain of candidates) {
    const kept = guarded(false, () => {
      Cookies.set(PROBE, '1', { domain, path: '/', sameSite: 'Lax' });
      return Cookies.get(PROBE) === '1';
    });
    if (kept) {
      guarded(undefined, () => Cookies.remove(PROBE, { domain, path: '/' }));
      return domain;
    }
  }
  return undefined;
}

/**
 * Delete the cookies whose names match, wherever a page on this host could have set them:
 * host-only, every parent domain down to the registrable one (never a public suffix), and
 * the current path and each parent path. Returns the names it found.
 */
export function deleteCookies(matches: (name: string) => boolean, where: Location = location): string[] {
  const names = cookieNames().filter(matches);
  if (names.length === 0) return names;
  const base = registrableDomain(where.hostname);
  const domains: (string | undefined)[] = [undefined];
  if (base) {
    for (const domain of domainsOf(where.hostname)) {
      domains.push(domain);
      if (domain === base) break;
    }
  }
  const paths = pathsOf(where.pathname);
  for (const name of names) {
    for (const domain of domains) {
      for (const path of paths) guarded(undefined, () => Cookies.remove(name, { domain, path }));
    }
  }
  return names;
}
