/** Which of the bundled languages to show, from the language tags around the element. */
import { quote } from './config.js';

export const LANGS = ['lv', 'en', 'ru'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'lv';

/** `en-GB` → `en`, `LV` → `lv`; `null` when the primary subtag is not one of ours. */
export function supportedLang(tag: string | null | undefined): Lang | null {
  const primary = (tag ?? '').trim().replace('_', '-').split('-')[0].toLowerCase();
  return (LANGS as readonly string[]).includes(primary) ? (primary as Lang) : null;
}

/**
 * The first tag that names a language we have wins; tags naming other languages are
 * passed over (an `lang="de"` page still gets a banner). `own` is the element's own
 * attribute: a site wrote it for us, so an unsupported value there deserves a warning.
 */
export function resolveLang(
  own: string | null,
  inherited: readonly (string | null | undefined)[],
  warn: (message: string) => void,
): Lang {
  if (own !== null && own.trim() !== '') {
    const lang = supportedLang(own);
    if (lang) return lang;
    warn(`piekritu: lang=${quote(own, 40)} is not one of ${LANGS.join(', ')}; using the page's language.`);
  }
  for (const tag of inherited) {
    const lang = supportedLang(tag);
    if (lang) return lang;
  }
  return DEFAULT_LANG;
}

/** Replace `{name}` placeholders; unknown names stay visible rather than vanish. */
export const format = (template: string, values: Record<string, string | number>): string =>
  // Most texts have no placeholder: no pattern to run over them.
  template.includes('{')
    ? template.replace(/\{(\w+)\}/g, (whole, name: string) =>
        Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
      )
    : template;
