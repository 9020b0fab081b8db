/**
 * Cookie I/O: the only module that imports js-cookie. Every call is guarded, because
 * `document.cookie` throws in sandboxed frames and some privacy setups.
 */
import Cookies from 'js-cookie';
import { domainsOf, pathsOf } from '../core/gating.js';

export interface CookieJar {
  read(): string | undefined;
  /** `false` when the browser did not keep the cookie (blocked, or refused). */
  write(value: string): boolean;
  remove(): void;
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

export function consentJar(options: JarOptions, secure = location.protocol === 'https:'): CookieJar {
  const attributes = {
    expires: options.days,
    path: options.path,
    domain: options.domain,
    sameSite: 'Lax',
    secure,
  } as const;
  const target = { path: options.path, domain: options.domain };
  const read = (): string | undefined => guarded(undefined, () => Cookies.get(options.name));
  return {
    read,
    write: (value) => guarded(false, () => (Cookies.set(options.name, value, attributes), read() === value)),
    remove: () => guarded(undefined, () => Cookies.remove(options.name, target)),
  };
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
