/**
 * The privacy policy as structured content. Locale files hold data, never HTML:
 * the element renders each block with Lit templates, so text can never inject markup.
 */
export type PolicyBlock =
  | { type: 'p'; text: string }
  | { type: 'ul'; items: string[] }
  | { type: 'table'; caption?: string; head: string[]; rows: string[][] };

export interface PolicySection {
  /** Stable across languages; used for in-page navigation (`#piekritu-policy-<id>`). */
  id: string;
  heading: string;
  blocks: PolicyBlock[];
}

export interface Policy {
  lang: string;
  /** Same in every language: a stored choice made under another version asks again. */
  version: string;
  /** ISO date (YYYY-MM-DD) the text took effect. */
  updated: string;
  title: string;
  sections: PolicySection[];
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);

function isBlock(value: unknown): value is PolicyBlock {
  const block = value as Record<string, unknown> | null;
  if (!block || typeof block !== 'object') return false;
  switch (block.type) {
    case 'p':
      return isText(block.text);
    case 'ul':
      return isTextList(block.items);
    case 'table':
      return (
        (block.caption === undefined || isText(block.caption)) &&
        isTextList(block.head) &&
        Array.isArray(block.rows) &&
        block.rows.every(isTextList)
      );
    default:
      return false;
  }
}

/**
 * A policy from a file or a site's own JSON, checked in full: a malformed one is refused
 * whole (the caller shows its error state) rather than rendered in part.
 */
export function parsePolicy(data: unknown): Policy | null {
  const policy = data as Record<string, unknown> | null;
  if (!policy || typeof policy !== 'object') return null;
  const { lang, version, updated, title, sections } = policy;
  if (!isText(lang) || !isText(version) || !isText(updated) || !isText(title)) return null;
  if (!Array.isArray(sections)) return null;
  const valid = sections.every((section: Record<string, unknown> | null) =>
    Boolean(section) &&
    isText(section!.id) &&
    isText(section!.heading) &&
    Array.isArray(section!.blocks) &&
    (section!.blocks as unknown[]).every(isBlock),
  );
  return valid ? (policy as unknown as Policy) : null;
}

/** A text given once for every language, or per language. */
export type LocalizedText = string | Readonly<Record<string, string>>;

/** One cookie as a site declares it, for the settings' per-category details (CJEU Planet49). */
export interface CookieInfo {
  name: string;
  purpose: LocalizedText;
  duration: LocalizedText;
  /** `false` for the site's own; `true` or the third party's name otherwise. */
  thirdParty: boolean | string;
}

const isLocalized = (value: unknown): value is LocalizedText =>
  typeof value === 'string' ||
  (Boolean(value) && typeof value === 'object' && !Array.isArray(value) && Object.values(value as object).every(isText));

/**
 * A site's cookie declarations, `{ category: CookieInfo[] }`. Entries that are not well
 * formed are dropped one by one (`dropped` counts them), so one typo hides one row only.
 */
export function parseCookieDeclarations(data: unknown): { cookies: Record<string, CookieInfo[]>; dropped: number } {
  const cookies: Record<string, CookieInfo[]> = {};
  let dropped = 0;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { cookies, dropped: data === undefined ? 0 : 1 };
  for (const [category, list] of Object.entries(data)) {
    if (!Array.isArray(list)) {
      dropped += 1;
      continue;
    }
    cookies[category] = list.filter((entry: Record<string, unknown> | null) => {
      const valid =
        Boolean(entry) &&
        isText(entry!.name) &&
        isLocalized(entry!.purpose) &&
        isLocalized(entry!.duration) &&
        (typeof entry!.thirdParty === 'boolean' || isText(entry!.thirdParty));
      if (!valid) dropped += 1;
      return valid;
    }) as CookieInfo[];
  }
  return { cookies, dropped };
}

/** The text for a language: its own, else Latvian, else English, else the first given. */
export function textIn(text: LocalizedText, lang: string): string {
  if (typeof text === 'string') return text;
  return text[lang] ?? text.lv ?? text.en ?? Object.values(text)[0] ?? '';
}
