import { describe, expect, it } from 'vitest';
import type { Consent } from '../../src/core/consent.js';
import { pageWithoutQuery, recordOf, type ConsentRecord } from '../../src/core/record.js';

const ID = '3f2c1a9e-7b4d-4c1e-9a6f-0d8b2e5c7a11';
const NOW = Date.UTC(2026, 10, 25, 12, 30, 15, 250);

const consent = (overrides: Partial<Consent> = {}): Consent => ({
  categories: { necessary: true, preferences: false, analytics: true, marketing: false },
  decided: true,
  id: ID,
  revision: '3',
  policyVersion: '2026-11-25',
  timestamp: NOW,
  source: 'user',
  ...overrides,
});

describe('pageWithoutQuery', () => {
  const cases: { input: string; expected: string }[] = [
    { input: 'https://ankravs.lv/', expected: 'https://ankravs.lv/' },
    { input: 'https://ankravs.lv/lv/kontakti', expected: 'https://ankravs.lv/lv/kontakti' },
    { input: 'https://ankravs.lv/p?email=jana@example.lv', expected: 'https://ankravs.lv/p' },
    { input: 'https://ankravs.lv/p#token=abc', expected: 'https://ankravs.lv/p' },
    { input: 'https://ankravs.lv/p?a=1#b', expected: 'https://ankravs.lv/p' },
    { input: 'https://ankravs.lv/p#b?a=1', expected: 'https://ankravs.lv/p' },
    { input: 'https://ankravs.lv/p?', expected: 'https://ankravs.lv/p' },
    { input: 'https://ankravs.lv/p#', expected: 'https://ankravs.lv/p' },
    { input: 'https://ankravs.lv?x=1', expected: 'https://ankravs.lv' },
    { input: '', expected: '' },
  ];
  for (const { input, expected } of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      expect(pageWithoutQuery(input)).toBe(expected);
    });
  }
});

describe('recordOf', () => {
  const cases: {
    name: string;
    input: { consent: Consent; language: string; href: string };
    expected: ConsentRecord;
  }[] = [
    {
      name: 'a custom choice on a page with a query and hash',
      input: { consent: consent(), language: 'lv', href: 'https://ankravs.lv/pieteikums?vards=Jānis&tel=2000#forma' },
      expected: {
        id: ID,
        timestamp: '2026-11-25T12:30:15.250Z',
        revision: '3',
        policyVersion: '2026-11-25',
        granted: ['analytics'],
        denied: ['preferences', 'marketing'],
        source: 'user',
        language: 'lv',
        url: 'https://ankravs.lv/pieteikums',
      },
    },
    {
      name: 'accept all under GPC',
      input: {
        consent: consent({
          categories: { necessary: true, preferences: true, analytics: true, marketing: false },
          source: 'gpc',
        }),
        language: 'en',
        href: 'https://ankravs.lv/en/#cookies',
      },
      expected: {
        id: ID,
        timestamp: '2026-11-25T12:30:15.250Z',
        revision: '3',
        policyVersion: '2026-11-25',
        granted: ['preferences', 'analytics'],
        denied: ['marketing'],
        source: 'gpc',
        language: 'en',
        url: 'https://ankravs.lv/en/',
      },
    },
    {
      name: 'reject all, only necessary is never listed',
      input: {
        consent: consent({
          categories: { necessary: true, preferences: false, analytics: false, marketing: false },
          revision: '',
          timestamp: 0,
        }),
        language: 'ru',
        href: 'http://localhost:8000/',
      },
      expected: {
        id: ID,
        timestamp: '1970-01-01T00:00:00.000Z',
        revision: '',
        policyVersion: '2026-11-25',
        granted: [],
        denied: ['preferences', 'analytics', 'marketing'],
        source: 'user',
        language: 'ru',
        url: 'http://localhost:8000/',
      },
    },
  ];
  for (const { name, input, expected } of cases) {
    it(name, () => {
      expect(recordOf(input.consent, input.language, input.href)).toStrictEqual(expected);
    });
  }

  it('the record is plain JSON with exactly the documented fields', () => {
    const record = recordOf(consent(), 'lv', 'https://ankravs.lv/?q=1');
    expect(JSON.parse(JSON.stringify(record))).toStrictEqual(record);
    expect(Object.keys(record).sort()).toEqual(
      ['denied', 'granted', 'id', 'language', 'policyVersion', 'revision', 'source', 'timestamp', 'url'],
    );
  });
});
