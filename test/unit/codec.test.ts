import { describe, expect, it } from 'vitest';
import { decode, encode, FORMAT_VERSION, isCategoryName, isToken, type StoredChoice } from '../../src/core/codec.js';

const ID = '3f2c1a9e-7b4d-4c1e-9a6f-0d8b2e5c7a11';
const T = 1764072000; // 2025-11-25T12:00:00Z in seconds

/** A cookie value our encoder writes, with one field replaced. */
const valid = `v=1&id=${ID}&t=${T}&r=3&p=2026-11-25&g=analytics&d=preferences.marketing&s=u`;
const withField = (key: string, value: string): string =>
  valid.replace(new RegExp(`(^|&)${key}=[^&]*`), `$1${key}=${value}`);

describe('encode', () => {
  const cases: { input: Omit<StoredChoice, 'version'>; expected: string }[] = [
    {
      input: {
        id: ID,
        timestamp: T * 1000 + 999,
        revision: '3',
        policyVersion: '2026-11-25',
        granted: ['analytics'],
        denied: ['preferences', 'marketing'],
        source: 'user',
      },
      expected: valid,
    },
    {
      input: { id: ID, timestamp: 0, revision: '', policyVersion: 'p', granted: [], denied: [], source: 'gpc' },
      expected: `v=1&id=${ID}&t=0&r=&p=p&g=&d=&s=g`,
    },
  ];
  for (const { input, expected } of cases) {
    it(`writes ${expected}`, () => {
      expect(encode(input)).toBe(expected);
    });
  }
});

describe('decode: round trip', () => {
  const long = 'r'.repeat(32);
  const cases: { name: string; input: Omit<StoredChoice, 'version'> }[] = [
    {
      name: 'default categories',
      input: {
        id: ID,
        timestamp: T * 1000,
        revision: '3',
        policyVersion: '2026-11-25',
        granted: ['analytics'],
        denied: ['preferences', 'marketing'],
        source: 'user',
      },
    },
    {
      name: 'GPC, nothing granted, empty revision',
      input: {
        id: ID,
        timestamp: T * 1000,
        revision: '',
        policyVersion: '2026-11-25',
        granted: [],
        denied: ['preferences', 'analytics', 'marketing'],
        source: 'gpc',
      },
    },
    {
      name: 'hex id from the getRandomValues fallback, "__proto__" as revision text',
      input: {
        id: '0123456789abcdef0123456789abcdef',
        timestamp: 0,
        revision: '__proto__',
        policyVersion: 'v1.2_3-4',
        granted: ['preferences'],
        denied: [],
        source: 'user',
      },
    },
    {
      name: 'a 32-character revision and policy version, eight categories',
      input: {
        id: ID,
        timestamp: 999_999_999_999 * 1000,
        revision: long,
        policyVersion: 'p'.repeat(32),
        granted: ['preferences', 'analytics', 'marketing', 'personalization'],
        denied: ['video', 'maps', 'ab_testing', 'advertising'],
        source: 'gpc',
      },
    },
  ];
  for (const { name, input } of cases) {
    it(`${name}: decodes to what was encoded, in under 300 bytes`, () => {
      const value = encode(input);
      expect(new TextEncoder().encode(value).length).toBeLessThan(300);
      expect(decode(value)).toEqual({ ...input, version: FORMAT_VERSION });
    });
  }
});

describe('decode: anything else is no choice', () => {
  const cases: { name: string; input: unknown }[] = [
    { name: 'undefined (no cookie)', input: undefined },
    { name: 'null', input: null },
    { name: 'a number', input: 1 },
    { name: 'an object', input: { v: '1' } },
    { name: 'an array', input: [valid] },
    { name: 'a String object', input: new String(valid) },
    { name: 'empty', input: '' },
    { name: 'garbage', input: 'hello' },
    { name: 'JSON', input: JSON.stringify({ v: 1, id: ID }) },
    { name: 'longer than 1024 characters', input: `${valid}&x=${'a'.repeat(1024)}` },
    { name: 'URI-encoded', input: encodeURIComponent(valid) },
    { name: 'a pair without "="', input: `${valid}&x` },
    { name: 'a pair with an empty key', input: `${valid}&=1` },
    { name: 'a trailing "&"', input: `${valid}&` },
    { name: 'a leading "&"', input: `&${valid}` },
    { name: 'duplicated key v', input: `${valid}&v=1` },
    { name: 'duplicated key g', input: `${valid}&g=marketing` },
    { name: 'duplicated key s', input: `${valid}&s=g` },
    { name: '"__proto__" key', input: `${valid}&__proto__=x` },
    { name: '"__proto__" key first', input: `__proto__=1&${valid}` },
    { name: '"constructor" key', input: `${valid}&constructor=x` },
    { name: 'an unknown key', input: `${valid}&x=1` },
    { name: '"__proto__" as a granted category', input: withField('g', '__proto__') },
    { name: 'an uppercase category', input: withField('g', 'Analytics') },
    { name: 'a category with a space', input: withField('g', 'ana lytics') },
    { name: 'an empty category between dots', input: withField('g', 'analytics..video') },
    { name: 'a trailing dot in a list', input: withField('d', 'preferences.') },
    { name: 'a category longer than 32 characters', input: withField('g', `a${'b'.repeat(32)}`) },
    { name: 'granted and denied overlap', input: withField('d', 'preferences.analytics') },
    { name: 'newer version v=2', input: withField('v', '2') },
    { name: 'version v=0', input: withField('v', '0') },
    { name: 'version v=01', input: withField('v', '01') },
    { name: 'version v=1.0', input: withField('v', '1.0') },
    { name: 'version empty', input: withField('v', '') },
    { name: 'no version', input: valid.replace('v=1&', '') },
    { name: 'no id', input: valid.replace(`id=${ID}&`, '') },
    { name: 'id too short', input: withField('id', 'abc1234') },
    { name: 'id too long', input: withField('id', 'a'.repeat(65)) },
    { name: 'id with "_"', input: withField('id', 'abcd_efgh_ijkl') },
    { name: 'id with "."', input: withField('id', 'abcd.efgh.ijkl') },
    { name: 'id with "%"', input: withField('id', 'abcd%20efghijkl') },
    { name: 'id empty', input: withField('id', '') },
    { name: 'no time', input: valid.replace(`t=${T}&`, '') },
    { name: 'negative time', input: withField('t', '-1') },
    { name: 'fractional time', input: withField('t', '1764072000.5') },
    { name: 'time in exponent form', input: withField('t', '1e9') },
    { name: 'time with 13 digits', input: withField('t', '1764072000000') },
    { name: 'time empty', input: withField('t', '') },
    { name: 'no revision', input: valid.replace('r=3&', '') },
    { name: 'revision with a space', input: withField('r', 'a b') },
    { name: 'revision longer than 32', input: withField('r', 'r'.repeat(33)) },
    { name: 'no policy version', input: valid.replace('p=2026-11-25&', '') },
    { name: 'policy version with "/"', input: withField('p', '2026/11/25') },
    { name: 'no granted list', input: valid.replace('g=analytics&', '') },
    { name: 'no denied list', input: valid.replace('d=preferences.marketing&', '') },
    { name: 'no source', input: valid.replace('&s=u', '') },
    { name: 'source "default"', input: withField('s', 'd') },
    { name: 'source spelled out', input: withField('s', 'user') },
    { name: 'source uppercase', input: withField('s', 'U') },
  ];
  for (const { name, input } of cases) {
    it(`${name} → null`, () => {
      expect(() => decode(input)).not.toThrow();
      expect(decode(input)).toBeNull();
    });
  }

  it('the base value itself decodes (so the cases above fail for the stated reason)', () => {
    expect(decode(valid)).toEqual({
      version: 1,
      id: ID,
      timestamp: T * 1000,
      revision: '3',
      policyVersion: '2026-11-25',
      granted: ['analytics'],
      denied: ['preferences', 'marketing'],
      source: 'user',
    });
  });

  it('every truncation of a valid value → null', () => {
    const truncated = Array.from({ length: valid.length }, (_, n) => valid.slice(0, n));
    expect(truncated.map(decode).filter((result) => result !== null)).toEqual([]);
  });

  it('does not pollute Object.prototype', () => {
    decode(`${valid}&__proto__=polluted`);
    decode(withField('r', '__proto__'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe('isCategoryName', () => {
  const cases: { input: string; expected: boolean }[] = [
    { input: 'analytics', expected: true },
    { input: 'social-media', expected: true },
    { input: 'ab_testing', expected: true },
    { input: 'a2', expected: true },
    { input: 'a', expected: true },
    { input: `a${'b'.repeat(18)}`, expected: true },
    { input: `a${'b'.repeat(19)}`, expected: false },
    { input: 'constructor', expected: false },
    { input: 'hasownproperty', expected: true },
    { input: '', expected: false },
    { input: '2fa', expected: false },
    { input: '-x', expected: false },
    { input: '_x', expected: false },
    { input: '__proto__', expected: false },
    { input: 'Analytics', expected: false },
    { input: 'a.b', expected: false },
    { input: 'a b', expected: false },
    { input: 'ārzemju', expected: false },
  ];
  for (const { input, expected } of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => {
      expect(isCategoryName(input)).toBe(expected);
    });
  }
});

describe('isToken', () => {
  const cases: { input: string; expected: boolean }[] = [
    { input: '', expected: true },
    { input: '3', expected: true },
    { input: '2026-11-25', expected: true },
    { input: 'v1.2_rc-1', expected: true },
    { input: 'x'.repeat(32), expected: true },
    { input: 'x'.repeat(33), expected: false },
    { input: 'a b', expected: false },
    { input: 'a&b', expected: false },
    { input: 'a=b', expected: false },
    { input: 'a;b', expected: false },
    { input: 'rev/2', expected: false },
    { input: 'ā', expected: false },
  ];
  for (const { input, expected } of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => {
      expect(isToken(input)).toBe(expected);
    });
  }
});
