/** The rules behind declarative gating and withdrawal clean-up; the DOM work is in platform/. */
import { words } from './config.js';

/** `data-consent="analytics marketing"` needs both. */
export const requiredBy = words;

/** `data-cookies="_ga _ga_* _gid"` → a test for cookie names. */
export function cookieMatcher(patterns: string): (name: string) => boolean {
  const tests = words(patterns).map((pattern) =>
    pattern.endsWith('*') ? (name: string) => name.startsWith(pattern.slice(0, -1)) : (name: string) => name === pattern,
  );
  return (name) => tests.some((test) => test(name));
}

const IPV4 = /^[0-9]+(\.[0-9]+){3}$/;

/**
 * The host and each parent domain, longest first: `a.b.example.lv` →
 * `a.b.example.lv, b.example.lv, example.lv, lv`. The caller cuts the list at the
 * registrable domain (the browser knows the public suffixes; see platform/cookies).
 * IP addresses and single-label hosts have no parents.
 */
export function domainsOf(hostname: string): string[] {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === '' || IPV4.test(host) || host.includes(':')) return host ? [host] : [];
  const labels = host.split('.');
  return labels.map((_, i) => labels.slice(i).join('.'));
}

/** `/a/b/c` → `/a/b/c, /a/b, /a, /`: the paths a cookie visible here can have been set on. */
export function pathsOf(pathname: string): string[] {
  const parts = pathname.split('/').filter(Boolean);
  const paths = parts.map((_, i) => `/${parts.slice(0, parts.length - i).join('/')}`);
  paths.push('/');
  return paths;
}
