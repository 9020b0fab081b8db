import { describe, expect, it } from 'vitest';
import { parseRegions, parseWait } from '../../src/core/config.js';
import { defaultCommand } from '../../src/core/consent-mode.js';

function parsed<T>(parse: (raw: string | null, warn: (m: string) => void) => T, raw: string | null) {
  const warnings: string[] = [];
  return { value: parse(raw, (message) => warnings.push(message)), warnings };
}

describe('consent-mode-wait', () => {
  const cases: { input: string | null; expected: number; warns: number }[] = [
    { input: null, expected: 500, warns: 0 },
    { input: '0', expected: 0, warns: 0 },
    { input: ' 2000 ', expected: 2000, warns: 0 },
    { input: '10000', expected: 10000, warns: 0 },
    { input: '10001', expected: 500, warns: 1 },
    { input: '-5', expected: 500, warns: 1 },
    { input: '1e3', expected: 500, warns: 1 },
    { input: '', expected: 500, warns: 1 },
    { input: 'soon', expected: 500, warns: 1 },
  ];
  for (const { input, expected, warns } of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => {
      const { value, warnings } = parsed(parseWait, input);
      expect(value).toBe(expected);
      expect(warnings).toHaveLength(warns);
      if (warns) expect(warnings[0]).toContain('consent-mode-wait');
    });
  }
});

describe('consent-mode-region', () => {
  const cases: { input: string | null; expected: string[]; warns: number }[] = [
    { input: null, expected: [], warns: 0 },
    { input: 'LV', expected: ['LV'], warns: 0 },
    { input: 'lv, ee  lt', expected: ['LV', 'EE', 'LT'], warns: 0 },
    { input: 'US-CA', expected: ['US-CA'], warns: 0 },
    { input: 'Latvia', expected: [], warns: 1 },
    { input: 'LV <script>', expected: [], warns: 1 },
  ];
  for (const { input, expected, warns } of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      const { value, warnings } = parsed(parseRegions, input);
      expect(value).toEqual(expected);
      expect(warnings).toHaveLength(warns);
    });
  }

  it('reaches the default command only when given', () => {
    expect(defaultCommand({ waitForUpdate: 800, region: ['LV'] })).toMatchObject({ wait_for_update: 800, region: ['LV'] });
    expect(defaultCommand({ waitForUpdate: 500, region: [] })).not.toHaveProperty('region');
  });
});

describe('categories stay within the cookie size', () => {
  it('keeps the first 8 and reports the rest', async () => {
    const { parseCategories } = await import('../../src/core/config.js');
    const warnings: string[] = [];
    const names = Array.from({ length: 10 }, (_, i) => `c${i}`);
    expect(parseCategories(names.join(' '), (m) => warnings.push(m))).toEqual(names.slice(0, 8));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"c8 c9"');
  });

  it('refuses a name of 20 characters, keeps one of 19', async () => {
    const { parseCategories } = await import('../../src/core/config.js');
    const warnings: string[] = [];
    expect(parseCategories(`${'a'.repeat(19)} ${'b'.repeat(20)}`, (m) => warnings.push(m))).toEqual(['a'.repeat(19)]);
    expect(warnings).toHaveLength(1);
  });
});
