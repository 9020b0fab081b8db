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

/**
 * Plural forms in a text: `{days:one=diena|other=dienas}` becomes the form that
 * `Intl.PluralRules` picks for `values.days` in `lang` (`other` when that form is not
 * given). A name without a numeric value leaves the text as it is.
 */
export function plurals(text: string, values: Record<string, string | number>, lang: string): string {
  return text.replace(/\{(\w+):([^{}]*)\}/g, (whole, name: string, forms: string) => {
    const count = Object.prototype.hasOwnProperty.call(values, name) ? Number(values[name]) : NaN;
    if (!Number.isFinite(count)) return whole;
    const table = new Map(forms.split('|').map((form) => form.split('=', 2) as [string, string]));
    return table.get(new Intl.PluralRules(lang).select(count)) ?? table.get('other') ?? whole;
  });
}

/** A calendar date (`2026-11-25`) as its reader writes it; anything else as it is. */
export function localDate(value: string, lang: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  // 2026-02-30 is no date (Date would make it 2 March).
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return value;
  // The English texts are British: "25 November 2026".
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
