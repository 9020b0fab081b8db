/**
 * Withdrawal clean-up: the cookies that gated elements declare in `data-cookies` are
 * deleted when one of their categories is withdrawn. Loaded with the runtime, off the
 * banner's critical path.
 */
import { cookieMatcher, requiredBy } from '../core/gating.js';
import { deleteCookies } from './cookies.js';
import { ACTIVATED } from './gate.js';

export interface Cleanup {
  cookies: string[];
  /** A script of a withdrawn category already ran: only a reload stops it. */
  reloadAdvised: boolean;
}

/** `keep` is the consent cookie itself: a careless `data-cookies="*"` must not erase the choice. */
export function withdraw(root: ParentNode, withdrawn: readonly string[], keep: string): Cleanup {
  const patterns: string[] = [];
  let reloadAdvised = false;
  for (const element of root.querySelectorAll('[data-cookies]')) {
    // A script that ran keeps its categories in the marker; a placeholder or embed in data-consent.
    const activated = element.getAttribute(ACTIVATED);
    const required = requiredBy(activated || element.getAttribute('data-consent'));
    if (!required.some((name) => withdrawn.includes(name))) continue;
    patterns.push(element.getAttribute('data-cookies') ?? '');
    if (activated !== null && element.localName === 'script') reloadAdvised = true;
  }
  const matches = cookieMatcher(patterns.join(' '));
  const cookies = patterns.length > 0 ? deleteCookies((name) => name !== keep && matches(name)) : [];
  return { cookies, reloadAdvised };
}
