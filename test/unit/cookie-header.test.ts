import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode, type StoredChoice } from '../../src/core/codec.js';
import { cookieValues, newestChoice, type CookieHeader } from '../../src/core/cookie-header.js';

describe('cookieValues', () => {
  const cases: { name: string; header: unknown; cookie?: string; expected: string[] }[] = [
    { name: 'no header', header: undefined, expected: [] },
    { name: 'a null header', header: null, expected: [] },
    { name: 'an empty header', header: '', expected: [] },
    { name: 'only separators and blanks', header: ' ; ;;\t;', expected: [] },
    { name: 'one pair among others', header: 'a=1; piekritu=x; b=2', expected: ['x'] },
    { name: 'no space after ";"', header: 'a=1;piekritu=x;b=2', expected: ['x'] },
    { name: 'spaces and tabs around the name and the value', header: 'a=1;\t piekritu \t=\t x \t; b=2', expected: ['x'] },
    { name: '"=" in the value', header: 'piekritu=v=1&id=a=b', expected: ['v=1&id=a=b'] },
    { name: 'names that hold ours, and other case', header: 'piekritu_x=1; xpiekritu=2; piekritu2=3; PIEKRITU=4; piekritu x=5', expected: [] },
    { name: 'our name inside another value', header: 'a=piekritu=1; b="piekritu=2"', expected: [] },
    { name: 'a pair with no "="', header: 'piekritu; piekritu=1', expected: ['1'] },
    { name: 'an empty value', header: 'piekritu=', expected: [''] },
    { name: 'one value per scope, in header order', header: 'piekritu=1; a=0; piekritu=2;piekritu=3', expected: ['1', '2', '3'] },
    { name: 'percent-encoding', header: 'piekritu=v%3D1%26id%3Dx; other=%C4%81', cookie: 'other', expected: ['ā'] },
    { name: 'percent-encoding of our value', header: 'piekritu=v%3D1%26id%3Dx', expected: ['v=1&id=x'] },
    { name: 'broken percent-encoding: kept as it came', header: 'piekritu=%E0%A4%A; piekritu=%zz; piekritu=100%', expected: ['%E0%A4%A', '%zz', '100%'] },
    { name: 'broken percent-encoding in one value leaves the others decoded', header: 'piekritu=%; piekritu=a%20b', expected: ['%', 'a b'] },
    { name: 'a name is not decoded', header: 'piekritu%5Fx=1; pie%6Britu=2', expected: [] },
    { name: 'quotes are kept', header: 'piekritu="v=1"', expected: ['"v=1"'] },
    { name: '"__proto__" as a name', header: '__proto__=1; constructor=2', cookie: '__proto__', expected: ['1'] },
    { name: '"constructor" as a name', header: '__proto__=1; constructor=2', cookie: 'constructor', expected: ['2'] },
    { name: 'an Object.prototype member that is not there', header: '__proto__=1; constructor=2', cookie: 'toString', expected: [] },
    { name: 'an empty name matches nothing, not even "=x"', header: '=x; piekritu=1', cookie: '', expected: [] },
    { name: 'several header lines (an array), in order', header: ['piekritu=1; a=2', 'piekritu=3'], expected: ['1', '3'] },
    { name: 'an array with lines that are not strings', header: [42, null, 'piekritu=1', { piekritu: 2 }], expected: ['1'] },
    { name: 'an empty array', header: [], expected: [] },
    { name: 'a number', header: 42, expected: [] },
    { name: 'an object keyed by the name', header: { piekritu: 'x', toString: () => 'piekritu=x' }, expected: [] },
  ];
  for (const { name, header, cookie = 'piekritu', expected } of cases) {
    it(`${name}: ${JSON.stringify(expected)}`, () => {
      expect(cookieValues(header as CookieHeader, cookie)).toEqual(expected);
    });
  }

  it('a name that is not a string: none', () => {
    expect(cookieValues('piekritu=1', undefined as unknown as string)).toEqual([]);
    expect(cookieValues('1=1', 1 as unknown as string)).toEqual([]);
  });

  it('a huge header of many pairs: every value of ours, in order, in one pass', () => {
    const pairs: string[] = [];
    for (let i = 0; i < 40_000; i++) pairs.push(i % 40 === 0 ? `piekritu=${i}` : `piekritu_${i}=${'x'.repeat(20)}`);
    const header = pairs.join(';');
    expect(header.length).toBeGreaterThan(1_000_000);
    const values = cookieValues(header, 'piekritu');
    expect(values).toHaveLength(1000);
    expect(values[0]).toBe('0');
    expect(values[999]).toBe('39960');
  });

  it('never throws, and gives only strings, whatever the header', () => {
    fc.assert(
      fc.property(fc.anything(), fc.string(), (header, name) => {
        const values = cookieValues(header as CookieHeader, name);
        expect(values.every((value) => typeof value === 'string')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds exactly the values set under the name, among any others', () => {
    const other = fc.string({ minLength: 1 }).filter((name) => name.trim() === name && !/[;=]/.test(name) && name !== 'piekritu');
    const value = fc.string().map((text) => encodeURIComponent(text));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), other, value)), (pairs) => {
        const header = pairs.map(([ours, name, encoded]) => `${ours ? 'piekritu' : name}=${encoded}`).join('; ');
        const expected = pairs.filter(([ours]) => ours).map(([, , encoded]) => decodeURIComponent(encoded));
        expect(cookieValues(header, 'piekritu')).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('newestChoice', () => {
  const T = 1764072000;
  const value = (id: string, seconds: number): string =>
    encode({ id, timestamp: seconds * 1000, revision: '3', policyVersion: '2026-11-25', granted: ['analytics'], denied: [], source: 'user' } satisfies Omit<StoredChoice, 'version'>);
  const older = value('aaaaaaaa-older', T - 60);
  const newer = value('bbbbbbbb-newer', T);
  const sameSecond = value('cccccccc-same', T);
  const cases: { name: string; values: string[]; expected: string | undefined }[] = [
    { name: 'none', values: [], expected: undefined },
    { name: 'none readable', values: ['', 'junk', 'v=1&id=x', '%E0%A4%A'], expected: undefined },
    { name: 'one', values: [older], expected: older },
    { name: 'the newer one, last', values: [older, newer], expected: newer },
    { name: 'the newer one, first', values: [newer, older], expected: newer },
    { name: 'unreadable ones between are passed over', values: ['junk', older, '', newer, 'v=2'], expected: newer },
    { name: 'of the same second, the first', values: [sameSecond, newer, older], expected: sameSecond },
    { name: 'of the same second, the first (other order)', values: [newer, sameSecond], expected: newer },
  ];
  for (const { name, values, expected } of cases) {
    it(`${name}: ${expected === undefined ? 'none' : expected.slice(0, 20)}`, () => {
      const found = newestChoice(values);
      expect(found?.value).toBe(expected);
      if (found) expect(encode(found.choice)).toBe(found.value);
    });
  }
});
