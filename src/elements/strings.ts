/**
 * UI text. Latvian's `banner` group is bundled, so the banner of a Latvian page never
 * waits for a request; other languages come from `locales/<lang>.json` beside the script,
 * and the dialogs' Latvian texts come with the dialogs.
 */
import { banner as lv } from '../../locales/lv.json';
import { format, type Lang } from '../core/locale.js';

export type Strings = Readonly<Record<string, string>>;
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * A translator for one language. Lookup order: this language's loaded texts, then the
 * bundled Latvian banner, then the Latvian dialog texts when loaded, then the key itself.
 */
export function translator(lang: Lang, loaded?: Strings, dialogs?: Strings): Translate {
  const own = lang === 'lv' ? undefined : loaded;
  return (key, values = {}) => format(own?.[key] ?? (lv as Strings)[key] ?? dialogs?.[key] ?? key, values);
}

/** A locale file's groups as one table; `null` when it cannot be fetched or is not a locale file. */
export async function loadStrings(url: string): Promise<Strings | null> {
  try {
    const response = await fetch(url);
    const groups: unknown = response.ok ? await response.json() : null;
    if (!groups || typeof groups !== 'object') return null;
    const table: Record<string, string> = {};
    for (const group of Object.values(groups)) {
      if (!group || typeof group !== 'object') return null;
      for (const [key, text] of Object.entries(group)) if (typeof text === 'string') table[key] = text;
    }
    return table;
  } catch {
    return null;
  }
}

/** A category's name for people: its label string, else the name itself, capitalised. */
export function categoryLabel(t: Translate, name: string): string {
  const key = `category.${name}.label`;
  const label = t(key);
  return label === key ? name.charAt(0).toUpperCase() + name.slice(1) : label;
}
