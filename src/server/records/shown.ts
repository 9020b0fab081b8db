/**
 * What the visitor was shown, so a record can prove the wording it was given under: the UI
 * texts of the record's language, the categories offered and the policy version, plus the
 * policy text itself when the record's version is the one bundled. The server rebuilds it
 * from the locale files (the banner sends nothing extra); its sha256 goes into the record and
 * the content, once per distinct hash, into the store, so `store.shown(hash)` gives the exact
 * words back years later.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { ConsentRecord } from '../../core/record.js';
import { sha256 } from './chain.js';

export interface Shown {
  language: string;
  categories: string[];
  policyVersion: string;
  /** The UI strings of that language (banner, renewal notices, dialogs); `null` when unknown. */
  texts: unknown;
  /** The policy document, when its version is the record's; `null` otherwise. */
  policy: unknown;
}

/** Where the texts come from: a site's own folder (`locales-src` layout) or the bundled ones. */
export type LocaleSource = (language: string) => { texts: unknown; policy: unknown };

/**
 * The locale files that ship with the package, read from disk rather than bundled: the
 * server never adds the texts of every language to a browser bundle that shares its modules.
 * Beside the built server (`dist/locales/`), or at the top of the source tree.
 */
export function bundledLocales(): LocaleSource {
  const dir = ['./locales/', '../locales/', '../../../locales/']
    .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
    .find((candidate) => existsSync(join(candidate, 'lv.json')));
  if (!dir) throw new Error('piekritu: the bundled locale files are missing (expected dist/locales/ beside the server module)');
  return localesFrom(dir);
}

/** `<dir>/<lang>.json` and `<dir>/policy/<lang>.json`, as the element's `locales-src` reads them. */
export function localesFrom(dir: string): LocaleSource {
  const read = (path: string): unknown => {
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      return null;
    }
  };
  return (language) => {
    if (!/^[a-z]{2,3}$/.test(language)) return { texts: null, policy: null };
    return { texts: read(join(dir, `${language}.json`)), policy: read(join(dir, 'policy', `${language}.json`)) };
  };
}

/** JSON with object keys sorted at every depth: one text, one hash, for equal content. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** The categories a record's visitor was offered, in one order whatever the decision. */
const offeredOf = (record: Pick<ConsentRecord, 'granted' | 'denied'>): string[] => [...record.granted, ...record.denied].sort();

export function shownOf(record: Pick<ConsentRecord, 'language' | 'granted' | 'denied' | 'policyVersion'>, source: LocaleSource): Shown {
  const { texts, policy } = source(record.language);
  const version = (policy as { version?: unknown } | null)?.version;
  return {
    language: record.language,
    categories: offeredOf(record),
    policyVersion: record.policyVersion,
    texts,
    policy: version === record.policyVersion ? policy : null,
  };
}

/**
 * The hash and canonical text of what a record's visitor saw, remembered per combination of
 * language, categories and policy version (a handful on a real site; bounded all the same).
 */
export function shownCache(source: LocaleSource, limit = 1000) {
  const cache = new Map<string, { hash: string; content: string }>();
  return (record: Pick<ConsentRecord, 'language' | 'granted' | 'denied' | 'policyVersion'>) => {
    const key = JSON.stringify([record.language, offeredOf(record), record.policyVersion]);
    let hit = cache.get(key);
    if (!hit) {
      const content = canonical(shownOf(record, source));
      hit = { hash: sha256(content), content };
      if (cache.size >= limit) cache.delete(cache.keys().next().value!);
      cache.set(key, hit);
    }
    return hit;
  };
}
