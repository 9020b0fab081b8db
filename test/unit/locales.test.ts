import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../src/core/locale.js';
import { parsePolicy, type Policy, type PolicyBlock } from '../../src/core/policy.js';

// Read the files as text, not through an import: key order and duplicates are what we check.
const load = (path: string): unknown => JSON.parse(readFileSync(new URL(`../../locales/${path}`, import.meta.url), 'utf8'));

/**
 * A UI file has three groups: `banner` (what a first visitor's banner needs), `renew` (why
 * the banner asks again, fetched only then) and `dialogs` (loaded with the settings and
 * policy views).
 */
type UiFile = Record<string, Record<string, unknown>>;
const files = Object.fromEntries(LANGS.map((lang) => [lang, load(`${lang}.json`) as UiFile]));
const strings = Object.fromEntries(
  LANGS.map((lang) => [lang, Object.assign({}, ...Object.values(files[lang])) as Record<string, unknown>]),
);
const policies = Object.fromEntries(LANGS.map((lang) => [lang, load(`policy/${lang}.json`)]));
const [reference, ...others] = LANGS;

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/** Every text of a policy, wherever it sits; section headings only when asked. */
function textsOf(policy: Policy, headings = true): string[] {
  const blockTexts = (block: PolicyBlock): string[] =>
    block.type === 'p'
      ? [block.text]
      : block.type === 'ul'
        ? block.items
        : [...(block.caption === undefined ? [] : [block.caption]), ...block.head, ...block.rows.flat()];
  return [
    policy.title,
    ...policy.sections.flatMap((section) => [...(headings ? [section.heading] : []), ...section.blocks.flatMap(blockTexts)]),
  ];
}

/** The shape of a policy without its words: what every translation must share. */
function shapeOf(policy: Policy): unknown {
  return policy.sections.map((section) => ({
    id: section.id,
    headed: section.heading !== '',
    blocks: section.blocks.map((block) =>
      block.type === 'p'
        ? 'p'
        : block.type === 'ul'
          ? { ul: block.items.length }
          : { table: { caption: block.caption !== undefined, head: block.head.length, rows: block.rows.map((row) => row.length) } },
    ),
  }));
}

describe('UI strings', () => {
  for (const lang of LANGS) {
    it(`${lang}.json has the groups banner, renew and dialogs, each key in one group only`, () => {
      expect(Object.keys(files[lang])).toEqual(['banner', 'renew', 'dialogs']);
      const keys = Object.values(files[lang]).flatMap((group) => Object.keys(group));
      expect(new Set(keys).size).toBe(keys.length);
      expect(Object.keys(files[lang].banner)).toEqual(Object.keys(files[reference].banner));
    });
  }

  it(`the reference file (${reference}) maps keys to strings`, () => {
    const values = Object.values(strings[reference]);
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((value) => typeof value !== 'string')).toEqual([]);
  });

  for (const lang of others) {
    it(`${lang}.json has the same keys as ${reference}.json, in the same order`, () => {
      expect(Object.keys(strings[lang])).toEqual(Object.keys(strings[reference]));
    });

    it(`${lang}.json has the same {placeholders} per key as ${reference}.json`, () => {
      const of = (table: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(table).map(([key, value]) => [key, placeholders(String(value))]));
      expect(of(strings[lang])).toEqual(of(strings[reference]));
    });
  }

  for (const lang of LANGS) {
    it(`${lang}.json has no empty or non-string values`, () => {
      const bad = Object.entries(strings[lang]).filter(([, value]) => typeof value !== 'string' || value.trim() === '');
      expect(bad).toEqual([]);
    });
  }
});

describe('bundled policy', () => {
  for (const lang of LANGS) {
    it(`policy/${lang}.json passes parsePolicy and is in ${lang}`, () => {
      const policy = parsePolicy(policies[lang]);
      expect(policy).not.toBeNull();
      expect(policy!.lang).toBe(lang);
      expect(policy!.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${policy!.updated}T00:00:00Z`).toISOString().slice(0, 10)).toBe(policy!.updated);
      expect(policy!.sections.length).toBeGreaterThan(0);
    });

    it(`policy/${lang}.json has unique section ids and no empty texts except a missing heading`, () => {
      const policy = parsePolicy(policies[lang])!;
      const ids = policy.sections.map((section) => section.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.filter((id) => !/^[a-z][a-z0-9-]*$/.test(id))).toEqual([]);
      // A section may go without a heading (the introduction), but not with a blank one.
      const headings = policy.sections.map((section) => section.heading).filter((heading) => heading !== '');
      const blank = [...textsOf(policy, false), ...headings].filter((text) => text.trim() === '');
      expect(blank).toEqual([]);
    });
  }

  for (const lang of others) {
    it(`policy/${lang}.json has the version and date of policy/${reference}.json`, () => {
      const policy = parsePolicy(policies[lang])!;
      const base = parsePolicy(policies[reference])!;
      expect({ version: policy.version, updated: policy.updated }).toEqual({ version: base.version, updated: base.updated });
    });

    it(`policy/${lang}.json has the sections, block types, list items and table cells of policy/${reference}.json`, () => {
      expect(shapeOf(parsePolicy(policies[lang])!)).toEqual(shapeOf(parsePolicy(policies[reference])!));
    });
  }
});

describe('no "continuing means consent" wording (GDPR Recital 32, Planet49)', () => {
  /** Each test names what it catches; a text is bad when every pattern of a test matches. */
  const tests: { name: string; patterns: RegExp[] }[] = [
    { name: 'lv "turpinot"', patterns: [/turpin/i] },
    { name: 'lv "ritinot"', patterns: [/\britin/i] },
    { name: 'en "continue … browse / use / visit"', patterns: [/continu/i, /brows|\buse\b|\busing\b|visit|navigat/i] },
    { name: 'en "scrolling"', patterns: [/scroll/i] },
    { name: 'ru "продолжая / продолжив"', patterns: [/продолжая|продолжив|продолжение (использования|просмотра|работы)/i] },
    { name: 'ru "прокручивая"', patterns: [/прокру/i] },
  ];
  const offending = (text: string): string[] =>
    tests.filter(({ patterns }) => patterns.every((pattern) => pattern.test(text))).map(({ name }) => name);

  const known: { input: string; expected: string[] }[] = [
    { input: 'Turpinot lietot vietni, jūs piekrītat sīkdatnēm.', expected: ['lv "turpinot"'] },
    { input: 'By continuing to browse this site you agree to cookies.', expected: ['en "continue … browse / use / visit"'] },
    { input: 'If you continue to use this site we will assume you are happy.', expected: ['en "continue … browse / use / visit"'] },
    { input: 'Продолжая использовать сайт, вы соглашаетесь.', expected: ['ru "продолжая / продолжив"'] },
    { input: 'Ritinot lapu, jūs piekrītat.', expected: ['lv "ritinot"'] },
    { input: 'Consent is given in writing.', expected: [] },
    { input: 'Your browser’s Global Privacy Control signal is respected.', expected: [] },
    { input: 'We continuously review our security measures.', expected: [] },
  ];
  for (const { input, expected } of known) {
    it(`the check itself: ${JSON.stringify(input)} → [${expected.join(', ')}]`, () => {
      expect(offending(input)).toEqual(expected);
    });
  }

  for (const lang of LANGS) {
    it(`${lang}.json says nothing of the kind`, () => {
      const bad = Object.entries(strings[lang])
        .map(([key, value]) => ({ key, found: offending(String(value)) }))
        .filter(({ found }) => found.length > 0);
      expect(bad).toEqual([]);
    });

    it(`policy/${lang}.json says nothing of the kind`, () => {
      const bad = textsOf(parsePolicy(policies[lang])!)
        .map((text) => ({ text: text.slice(0, 80), found: offending(text) }))
        .filter(({ found }) => found.length > 0);
      expect(bad).toEqual([]);
    });
  }
});

describe('how the texts read', () => {
  const en = strings.en as Record<string, string>;
  for (const name of ['necessary', 'preferences', 'analytics', 'marketing']) {
    it(`English "${name}" says what the cookies are for, not what the reader should do`, () => {
      expect(en[`category.${name}.description`]).not.toMatch(/^(Enable|Remember|Help|Let|Allow|Show|Measure|Provide)\b/);
    });
  }

  it('Russian texts quote with «», never with “”, „“ or straight quotes', () => {
    const texts = [...Object.values(strings.ru as Record<string, string>), ...textsOf(parsePolicy(policies.ru)!)];
    expect(texts.filter((text) => /[“”„"]/.test(text))).toEqual([]);
  });

  for (const lang of LANGS) {
    it(`${lang}: a number of days takes its plural form from the language's rules`, () => {
      expect((strings[lang] as Record<string, string>)['cookies.days']).toMatch(/\{days:[^{}]*other=/);
    });
  }
});
