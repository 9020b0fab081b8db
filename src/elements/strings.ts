/**
 * UI text. Each language's file has two groups: `banner` (what the first layer needs) and
 * `dialogs` (everything else). Latvian's banner group is bundled, so a Latvian page's
 * banner never waits for a request; other languages' banner texts come from
 * `locales/<lang>.banner.json` (beside the script, or where the app's bundler put it), and
 * dialog texts come with the dialogs.
 */
import { banner as lv } from '../../locales/lv.json';
import { format } from '../core/locale.js';
import { loadText } from '../platform/assets.js';

export type Strings = Readonly<Record<string, string>>;
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A translator over tables tried in order, then the key itself (a missing text shows as its key). */
export const translator =
  (...tables: (Strings | undefined)[]): Translate =>
  (key, values = {}) =>
    format(tables.find((table) => table?.[key] !== undefined)?.[key] ?? key, values);

/** The bundled Latvian banner texts. */
export const LATVIAN: Strings = lv;

/** A flat table of strings; `null` when it cannot be had or is not one. */
export async function loadStrings(name: string, localesSrc: string): Promise<Strings | null> {
  const table = await loadText(name, localesSrc);
  return table && typeof table === 'object' ? Object.fromEntries(Object.entries(table).filter(([, text]) => typeof text === 'string')) : null;
}

/** A category's name for people: its label string, else the name itself, capitalised. */
export function categoryLabel(t: Translate, name: string): string {
  const key = `category.${name}.label`;
  const label = t(key);
  return label === key ? name.charAt(0).toUpperCase() + name.slice(1) : label;
}
