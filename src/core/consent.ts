/**
 * The consent state and its transitions. Pure: the clock and the id source are passed in,
 * so every rule here is a table-tested function.
 */

import type { StoredChoice } from './codec.js';

export const NECESSARY = 'necessary';
export const DEFAULT_CATEGORIES: readonly string[] = ['preferences', 'analytics', 'marketing'];
/** The category Global Privacy Control keeps off unless switched on in the settings. */
const GPC_CATEGORY = 'marketing';

/** `necessary` is always present and always true. */
export type Categories = Record<string, boolean>;

/** Who made the decision: the visitor, the visitor with GPC narrowing it, or nobody yet. */
export type ConsentSource = 'user' | 'gpc' | 'default';

/** The vocabulary of orestbida/cookieconsent: what kind of decision was taken. */
export type AcceptType = 'all' | 'necessary' | 'custom';

export interface Consent {
  categories: Categories;
  decided: boolean;
  /** Random id of the decision, for proof of consent; `""` while undecided. */
  id: string;
  revision: string;
  policyVersion: string;
  /** Milliseconds since the epoch of the decision; `0` while undecided. */
  timestamp: number;
  source: ConsentSource;
}

/** What the site offers now; a stored choice is measured against it. */
export interface ConsentContext {
  /** Optional categories, without `necessary`. */
  offered: readonly string[];
  revision: string;
  policyVersion: string;
  /** Global Privacy Control is on and honoured. */
  gpc: boolean;
}

export interface Decision {
  /** The optional categories the visitor granted; anything else offered is denied. */
  granted: Iterable<string>;
  type: AcceptType;
  now: number;
  id: string;
}

function categoriesOf(offered: readonly string[], granted: ReadonlySet<string>): Categories {
  const categories: Categories = { [NECESSARY]: true };
  for (const name of offered) categories[name] = granted.has(name);
  return categories;
}

/**
 * A page's terms: the categories it offers, its revision, the policy in force, and Global
 * Privacy Control, honoured unless the site opted out (`ignore-gpc`).
 */
export const contextOf = (
  page: { categories: readonly string[]; revision: string; ignoreGpc: boolean },
  policyVersion: string,
  gpcSignal: boolean,
): ConsentContext => ({ offered: page.categories, revision: page.revision, policyVersion, gpc: gpcSignal && !page.ignoreGpc });

/** What an element that has not started offers: nothing but `necessary`. */
export const NOTHING_OFFERED: ConsentContext = { offered: [], revision: '', policyVersion: '', gpc: false };

/** The state before any choice: only `necessary`. Nothing else runs until a decision. */
export function undecided(ctx: ConsentContext): Consent {
  return {
    categories: categoriesOf(ctx.offered, new Set()),
    decided: false,
    id: '',
    revision: ctx.revision,
    policyVersion: ctx.policyVersion,
    timestamp: 0,
    source: 'default',
  };
}

/**
 * A decision taken now. Under GPC, "accept all" leaves marketing off: only an explicit
 * switch in the settings (`custom`) turns it on.
 */
export function decide(ctx: ConsentContext, decision: Decision): Consent {
  const granted = new Set(decision.granted);
  const narrowed = ctx.gpc && decision.type === 'all' && granted.delete(GPC_CATEGORY);
  return {
    categories: categoriesOf(ctx.offered, granted),
    decided: true,
    id: decision.id,
    revision: ctx.revision,
    policyVersion: ctx.policyVersion,
    timestamp: decision.now,
    source: narrowed && ctx.offered.includes(GPC_CATEGORY) ? 'gpc' : 'user',
  };
}

export const acceptAll = (ctx: ConsentContext, now: number, id: string): Consent =>
  decide(ctx, { granted: ctx.offered, type: 'all', now, id });

export const rejectAll = (ctx: ConsentContext, now: number, id: string): Consent =>
  decide(ctx, { granted: [], type: 'necessary', now, id });

/** Why a stored choice no longer counts, or `null` when it does. */
export type VoidReason = 'revision' | 'policy' | 'expired' | 'future';

/** Why the banner says it asks again: a choice dated in the future is asked again without a reason given. */
export const renewReason = (reason: VoidReason | null): Exclude<VoidReason, 'future'> | '' =>
  reason === 'future' || reason === null ? '' : reason;

/** Clock skew tolerated for a decision time in the future (another device's clock). */
export const FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** When a choice made at `timestamp` lapses: `days` after the decision (never after a later re-send). */
export const expiresAt = (timestamp: number, days: number): number => timestamp + days * DAY_MS;

export function voidReason(
  stored: Pick<Consent, 'revision' | 'policyVersion' | 'timestamp'>,
  ctx: ConsentContext,
  now: number,
  maxAgeDays: number,
): VoidReason | null {
  if (stored.revision !== ctx.revision) return 'revision';
  if (stored.policyVersion !== ctx.policyVersion) return 'policy';
  if (stored.timestamp > now + FUTURE_SKEW_MS) return 'future';
  if (now >= expiresAt(stored.timestamp, maxAgeDays)) return 'expired';
  return null;
}

/**
 * A stored choice seen through today's offer: categories the site added since are off
 * (never granted by silence), categories it dropped are forgotten.
 */
export function restore(
  ctx: ConsentContext,
  stored: { id: string; timestamp: number; granted: readonly string[]; source: ConsentSource },
): Consent {
  return {
    categories: categoriesOf(ctx.offered, new Set(stored.granted)),
    decided: true,
    id: stored.id,
    revision: ctx.revision,
    policyVersion: ctx.policyVersion,
    timestamp: stored.timestamp,
    source: stored.source,
  };
}

/** Optional categories that are granted. */
export const grantedOf = (categories: Categories): string[] =>
  Object.keys(categories).filter((name) => name !== NECESSARY && categories[name] === true);

/** Optional categories that are refused. */
export const deniedOf = (categories: Categories): string[] =>
  Object.keys(categories).filter((name) => name !== NECESSARY && categories[name] !== true);

/** What a decision leaves behind, in the cookie and in the proof-of-consent record. */
export const choiceOf = (consent: Consent): Omit<StoredChoice, 'version'> => ({
  id: consent.id,
  timestamp: consent.timestamp,
  revision: consent.revision,
  policyVersion: consent.policyVersion,
  granted: grantedOf(consent.categories),
  denied: deniedOf(consent.categories),
  source: consent.source,
});

/** Categories whose state differs between two states (for `consent-change.detail.changed`). */
export function changedBetween(before: Categories, after: Categories): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => Boolean(before[name]) !== Boolean(after[name]));
}

/** Categories granted before and not after: their cookies go, their embeds stop. */
export const withdrawnBetween = (before: Categories, after: Categories): string[] =>
  Object.keys(before).filter((name) => before[name] === true && after[name] !== true);

/** Is every category in `required` granted? An empty requirement is `necessary`. */
export const allows = (categories: Categories, required: readonly string[]): boolean =>
  required.every((name) => categories[name] === true);
