/**
 * UI text. The `banner` group of every language is bundled (the banner never waits for a
 * request); the `dialogs` group comes with the views. Sites override any string per language.
 */
import { banner as lv } from '../../locales/lv.json';
import { banner as en } from '../../locales/en.json';
import { banner as ru } from '../../locales/ru.json';
import { format, type Lang } from '../core/locale.js';

export type Strings = Readonly<Record<string, string>>;
export type StringTable = Readonly<Record<Lang, Strings>>;
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export const BANNER: StringTable = { lv, en, ru };

/**
 * A translator for one language. Lookup order: the site's overrides, this language
 * (banner, then dialogs when loaded), then Latvian, then the key itself.
 */
export function translator(lang: Lang, dialogs?: StringTable, overrides: Strings = {}): Translate {
  return (key, values = {}) =>
    format(
      overrides[key] ?? BANNER[lang][key] ?? dialogs?.[lang][key] ?? BANNER.lv[key] ?? dialogs?.lv[key] ?? key,
      values,
    );
}

/** A category's name for people: its label string, else the name itself, capitalised. */
export function categoryLabel(t: Translate, name: string): string {
  const key = `category.${name}.label`;
  const label = t(key);
  return label === key ? name.charAt(0).toUpperCase() + name.slice(1) : label;
}
