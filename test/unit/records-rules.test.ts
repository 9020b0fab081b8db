import { describe, expect, it } from 'vitest';
import type { AcceptType } from '../../src/core/consent.js';
import { acceptTypeOf } from '../../src/server/records/chain.js';
import { csvCell } from '../../src/server/records/export.js';
import { maskIp } from '../../src/server/records/request.js';
import { retentionCutoff } from '../../src/server/records/retention.js';
import { canonical } from '../../src/server/records/shown.js';

describe('maskIp', () => {
  const cases: { input: string; expected: string | null }[] = [
    { input: '203.0.113.77', expected: '203.0.113.0' },
    { input: '::ffff:203.0.113.77', expected: '203.0.113.0' },
    { input: '2001:db8:85a3:8d3:1319:8a2e:370:7348', expected: '2001:db8:85a3::' },
    { input: '2001:db8::1', expected: '2001:db8:0::' },
    { input: '[2001:db8:1:2::5]', expected: '2001:db8:1::' },
    { input: 'fe80::1%eth0', expected: 'fe80:0:0::' },
    { input: '::1', expected: '0:0:0::' },
    { input: 'not an address', expected: null },
    { input: '', expected: null },
  ];
  for (const { input, expected } of cases) it(`${JSON.stringify(input)} → ${expected}`, () => expect(maskIp(input)).toBe(expected));
});

describe('acceptTypeOf', () => {
  const cases: { input: { granted: string[]; denied: string[] }; expected: AcceptType }[] = [
    { input: { granted: ['preferences', 'analytics', 'marketing'], denied: [] }, expected: 'all' },
    { input: { granted: [], denied: ['preferences', 'analytics', 'marketing'] }, expected: 'necessary' },
    { input: { granted: ['analytics'], denied: ['preferences', 'marketing'] }, expected: 'custom' },
    // Nothing offered but `necessary`: nothing was granted.
    { input: { granted: [], denied: [] }, expected: 'necessary' },
  ];
  for (const { input, expected } of cases) it(`${JSON.stringify(input)} → ${expected}`, () => expect(acceptTypeOf(input)).toBe(expected));
});

describe('retentionCutoff', () => {
  const now = new Date('2026-11-30T12:00:00.000Z');
  const cases = [
    { input: '3y', expected: '2023-11-30T12:00:00.000Z' },
    { input: '18m', expected: '2025-05-30T12:00:00.000Z' },
    { input: '400d', expected: '2025-10-26T12:00:00.000Z' },
    { input: ' 1d ', expected: '2026-11-29T12:00:00.000Z' },
  ];
  for (const { input, expected } of cases) it(`${input} → ${expected}`, () => expect(retentionCutoff(input, now).toISOString()).toBe(expected));
  for (const bad of ['', '0d', '3 years', '-1y', '1w', 'y'])
    it(`refuses ${JSON.stringify(bad)}`, () => expect(() => retentionCutoff(bad, now)).toThrow(/a number and d, m or y/));
});

describe('csvCell', () => {
  const cases: { input: unknown; expected: string }[] = [
    { input: 'plain', expected: 'plain' },
    { input: 12, expected: '12' },
    { input: null, expected: '' },
    { input: ['analytics', 'marketing'], expected: 'analytics marketing' },
    { input: 'a,b', expected: '"a,b"' },
    { input: 'say "hi"', expected: '"say ""hi"""' },
    { input: 'two\nlines', expected: '"two\nlines"' },
    { input: '=HYPERLINK("x")', expected: `"'=HYPERLINK(""x"")"` },
    { input: '+1', expected: "'+1" },
    { input: '@sum', expected: "'@sum" },
  ];
  for (const { input, expected } of cases) it(`${JSON.stringify(input)} → ${expected}`, () => expect(csvCell(input)).toBe(expected));
});

describe('canonical', () => {
  it('sorts keys at every depth and keeps array order: equal content, equal text', () => {
    expect(canonical({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
    expect(canonical({ a: { c: null, d: [3, 1] }, b: 1 })).toBe(canonical({ b: 1, a: { d: [3, 1], c: null } }));
  });
});
