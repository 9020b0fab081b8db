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
