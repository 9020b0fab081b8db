/** UI text: the bundled locale files, overridable per language by the site. */
import lv from '../../locales/lv.json';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';
import { format, type Lang } from '../core/locale.js';

export type Strings = Record<string, string>;
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export const BUNDLED: Readonly<Record<Lang, Strings>> = { lv, en, ru };
const FALLBACK: Strings = lv;

/** A translator for one language: site overrides first, then the bundle, then Latvian. */
export function translator(lang: Lang, overrides: Strings = {}): Translate {
  const own = BUNDLED[lang];
  return (key, values = {}) => format(overrides[key] ?? own[key] ?? FALLBACK[key] ?? key, values);
}
