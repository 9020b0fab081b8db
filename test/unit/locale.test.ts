import { describe, expect, it } from 'vitest';
import { DEFAULT_LANG, format, LANGS, localDate, plurals, resolveLang, supportedLang, type Lang } from '../../src/core/locale.js';

describe('LANGS / DEFAULT_LANG', () => {
  it('bundles lv, en and ru, Latvian first and by default', () => {
    expect([...LANGS]).toEqual(['lv', 'en', 'ru']);
    expect(DEFAULT_LANG).toBe('lv');
  });
});

describe('supportedLang', () => {
  const cases: { input: string | null | undefined; expected: Lang | null }[] = [
    { input: 'lv', expected: 'lv' },
    { input: 'en', expected: 'en' },
    { input: 'ru', expected: 'ru' },
    { input: 'en-GB', expected: 'en' },
    { input: 'en_US', expected: 'en' },
    { input: 'EN-gb', expected: 'en' },
    { input: 'LV', expected: 'lv' },
    { input: 'lv-LV', expected: 'lv' },
    { input: 'ru-Cyrl-LV', expected: 'ru' },
    { input: ' ru ', expected: 'ru' },
    { input: 'de', expected: null },
    { input: 'lt', expected: null },
    { input: 'english', expected: null },
    { input: 'eng', expected: null },
    { input: 'x-lv', expected: null },
    { input: 'toString', expected: null },
    { input: '', expected: null },
    { input: null, expected: null },
    { input: undefined, expected: null },
  ];
  for (const { input, expected } of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => {
      expect(supportedLang(input)).toBe(expected);
    });
  }
});

describe('resolveLang', () => {
  const cases: {
    name: string;
    input: { own: string | null; inherited: (string | null | undefined)[] };
    expected: { lang: Lang; warnings: number };
  }[] = [
    { name: 'nothing anywhere: Latvian', input: { own: null, inherited: [] }, expected: { lang: 'lv', warnings: 0 } },
    { name: 'own tag wins', input: { own: 'ru', inherited: ['en', 'lv'] }, expected: { lang: 'ru', warnings: 0 } },
    { name: 'own regional tag', input: { own: 'en-GB', inherited: ['lv'] }, expected: { lang: 'en', warnings: 0 } },
    {
      name: 'own unsupported tag warns and falls through to the ancestors',
      input: { own: 'de', inherited: ['ru', 'en'] },
      expected: { lang: 'ru', warnings: 1 },
    },
    {
      name: 'own unsupported tag with nothing else: Latvian',
      input: { own: 'fr-CA', inherited: [] },
      expected: { lang: 'lv', warnings: 1 },
    },
    { name: 'own empty is absent', input: { own: '', inherited: ['en'] }, expected: { lang: 'en', warnings: 0 } },
    { name: 'own blank is absent', input: { own: '  ', inherited: ['en'] }, expected: { lang: 'en', warnings: 0 } },
    {
      name: 'nearest supported ancestor, unsupported ones passed over silently',
      input: { own: null, inherited: ['de', null, '', 'en-US', 'ru'] },
      expected: { lang: 'en', warnings: 0 },
    },
    {
      name: 'no supported ancestor: Latvian',
      input: { own: null, inherited: ['de', 'et', undefined] },
      expected: { lang: 'lv', warnings: 0 },
    },
    { name: '<html lang="ru-RU">', input: { own: null, inherited: ['ru-RU'] }, expected: { lang: 'ru', warnings: 0 } },
  ];
  for (const { name, input, expected } of cases) {
    it(`${name} → ${expected.lang}`, () => {
      const warnings: string[] = [];
      expect(resolveLang(input.own, input.inherited, (message) => warnings.push(message))).toBe(expected.lang);
      expect(warnings).toHaveLength(expected.warnings);
      if (expected.warnings) expect(warnings[0]).toContain(`lang=${JSON.stringify(input.own)}`);
    });
  }
});

describe('format', () => {
  const cases: { input: { template: string; values: Record<string, string | number> }; expected: string }[] = [
    { input: { template: 'Kategorija „{category}”', values: { category: 'Analītikas' } }, expected: 'Kategorija „Analītikas”' },
    { input: { template: 'Versija {version}, spēkā no {date}', values: { version: 2, date: '2026-11-25' } }, expected: 'Versija 2, spēkā no 2026-11-25' },
    { input: { template: '{a}{a}', values: { a: 'x' } }, expected: 'xx' },
    { input: { template: 'no placeholders', values: { a: 'x' } }, expected: 'no placeholders' },
    { input: { template: 'keep {missing}', values: {} }, expected: 'keep {missing}' },
    { input: { template: '{toString} {__proto__} {constructor}', values: {} }, expected: '{toString} {__proto__} {constructor}' },
    { input: { template: '{a}', values: { a: '$& $1 $$' } }, expected: '$& $1 $$' },
    { input: { template: '{a}', values: { a: '{b}', b: 'no' } }, expected: '{b}' },
    { input: { template: '{n}', values: { n: 0 } }, expected: '0' },
    { input: { template: '{ a } {}', values: { a: 'x' } }, expected: '{ a } {}' },
  ];
  for (const { input, expected } of cases) {
    it(`${JSON.stringify(input.template)} → ${JSON.stringify(expected)}`, () => {
      expect(format(input.template, input.values)).toBe(expected);
    });
  }
});

describe('plurals', () => {
  const DAYS = {
    lv: '{days} {days:zero=dienu|one=diena|other=dienas}',
    en: '{days} {days:one=day|other=days}',
    ru: '{days} {days:one=день|few=дня|other=дней}',
  };
  const cases: { input: { lang: Lang; days: number | string }; expected: string }[] = [
    { input: { lang: 'lv', days: 1 }, expected: '{days} diena' },
    { input: { lang: 'lv', days: 21 }, expected: '{days} diena' },
    { input: { lang: 'lv', days: 2 }, expected: '{days} dienas' },
    { input: { lang: 'lv', days: 11 }, expected: '{days} dienu' },
    { input: { lang: 'lv', days: 180 }, expected: '{days} dienu' },
    { input: { lang: 'lv', days: 395 }, expected: '{days} dienas' },
    { input: { lang: 'en', days: 1 }, expected: '{days} day' },
    { input: { lang: 'en', days: 21 }, expected: '{days} days' },
    { input: { lang: 'en', days: 0 }, expected: '{days} days' },
    { input: { lang: 'ru', days: 1 }, expected: '{days} день' },
    { input: { lang: 'ru', days: 21 }, expected: '{days} день' },
    { input: { lang: 'ru', days: 3 }, expected: '{days} дня' },
    { input: { lang: 'ru', days: 11 }, expected: '{days} дней' },
    { input: { lang: 'ru', days: 180 }, expected: '{days} дней' },
    // A form the text does not give falls back to `other`; no number, no change.
    { input: { lang: 'ru', days: 1.5 }, expected: '{days} дней' },
    { input: { lang: 'en', days: 'many' }, expected: '{days} {days:one=day|other=days}' },
  ];
  for (const { input, expected } of cases) {
    it(`${input.lang} ${input.days} → ${expected}`, () => {
      expect(plurals(DAYS[input.lang], { days: input.days }, input.lang)).toBe(expected);
    });
  }

  it('leaves a text without such a part, and one whose name has no value, as it is', () => {
    expect(plurals('Sīkdatnes ({count})', { count: 3 }, 'lv')).toBe('Sīkdatnes ({count})');
    expect(plurals('{n:one=a|other=b}', {}, 'en')).toBe('{n:one=a|other=b}');
  });
});

describe('localDate', () => {
  const cases: { input: { value: string; lang: Lang }; expected: string }[] = [
    { input: { value: '2026-11-25', lang: 'en' }, expected: '25 November 2026' },
    { input: { value: '2026-11-25', lang: 'lv' }, expected: '2026. gada 25. novembris' },
    { input: { value: '2026-11-25', lang: 'ru' }, expected: '25 ноября 2026 г.' },
    { input: { value: '2026-01-01', lang: 'en' }, expected: '1 January 2026' },
    { input: { value: 'paraugs-2', lang: 'lv' }, expected: 'paraugs-2' },
    { input: { value: '2026-13-45', lang: 'en' }, expected: '2026-13-45' },
  ];
  for (const { input, expected } of cases) {
    it(`${input.lang} ${input.value} → ${expected}`, () => {
      expect(localDate(input.value, input.lang)).toBe(expected);
    });
  }
});
