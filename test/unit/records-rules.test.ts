import { describe, expect, it } from 'vitest';
import type { AcceptType } from '../../src/core/consent.js';
import { GENESIS, acceptTypeOf, linkBatch, sha256, type RecordEntry } from '../../src/server/records/chain.js';
import { csvCell } from '../../src/server/records/export.js';
import { maskIp } from '../../src/server/records/request.js';
import { purgeCut, retentionCutoff, type PurgeCut, type PurgeRow } from '../../src/server/records/retention.js';
import { canonical } from '../../src/server/records/shown.js';
import { record } from '../records/record.js';

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

describe('linkBatch', () => {
  const entry = (n: number): RecordEntry => ({ ...record(n), userAgent: 'Mozilla/5.0 Test', ip: null, shownHash: sha256('shown'), choice: 'custom' });
  const receivedAt = '2026-11-25T12:00:02.000Z';

  it('links each entry to the one before, from the chain\'s end, with the hash rows have always had', () => {
    const { rows, lastSeq, lastHash } = linkBatch([entry(1), entry(3)], { lastSeq: 0, lastHash: GENESIS }, receivedAt, () => false);
    // The hash of row 1 as databases hold it (sha256 of the JSON array of the hashed fields).
    expect(rows[0]).toMatchObject({ seq: 1, prevHash: GENESIS, receivedAt, hash: '1be848b78e68e41f07fc29f121d39946143fe5a78af8045169dba157a38d61e4' });
    expect(rows[1]).toMatchObject({ seq: 2, prevHash: rows[0]!.hash, receivedAt });
    expect({ lastSeq, lastHash }).toEqual({ lastSeq: 2, lastHash: rows[1]!.hash });
  });

  it('a re-send, kept already or twice in the batch, gives null and the next row links past it', () => {
    const kept = entry(2);
    const { rows, lastSeq } = linkBatch([entry(1), kept, entry(1), entry(3)], { lastSeq: 7, lastHash: 'end' }, receivedAt, (each) => each.id === kept.id);
    expect(rows.map((row) => row && [row.seq, row.id, row.prevHash])).toEqual([
      [8, entry(1).id, 'end'],
      null,
      null,
      [9, entry(3).id, rows[0]!.hash],
    ]);
    expect(lastSeq).toBe(9);
  });

  it('a batch of re-sends leaves the chain\'s end as it was', () => {
    expect(linkBatch([entry(1)], { lastSeq: 7, lastHash: 'end' }, receivedAt, () => true)).toEqual({ rows: [null], lastSeq: 7, lastHash: 'end' });
  });
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

describe('purgeCut', () => {
  // Rows 1–5, received at minute n; each row's link and hash are told apart (`link n`,
  // `hash n`) so that the case shows which one the chain starts again from.
  const row = (seq: number, minute = seq): PurgeRow => ({
    seq,
    receivedAt: `2026-11-25T12:0${minute}:00.000Z`,
    prevHash: `link ${seq}`,
    hash: `hash ${seq}`,
  });
  const rows = [1, 2, 3, 4, 5].map((seq) => row(seq));
  const chain = { firstSeq: 1, firstPrev: '0'.repeat(64), lastSeq: 5, lastHash: 'hash 5' };
  const cases: { name: string; oldest: PurgeRow[]; before: string; limit: number; expected: PurgeCut | null }[] = [
    { name: 'nothing received before the cut-off', oldest: rows, before: '2026-11-25T12:01:00.000Z', limit: 10, expected: null },
    { name: 'an empty table', oldest: [], before: '2026-11-25T12:09:00.000Z', limit: 10, expected: null },
    {
      name: 'the rows before the first one kept; the chain starts at that row, on its own link',
      oldest: rows,
      before: '2026-11-25T12:03:00.000Z',
      limit: 10,
      expected: { firstSeq: 3, firstPrev: 'link 3', deleted: 2 },
    },
    {
      name: 'the whole table: the chain starts past its end, on its last hash',
      oldest: rows,
      before: '2026-11-25T12:09:00.000Z',
      limit: 10,
      expected: { firstSeq: 6, firstPrev: 'hash 5', deleted: 5 },
    },
    {
      name: 'a whole batch with more after it: the chain starts at the next row, on its link',
      oldest: rows.slice(0, 4),
      before: '2026-11-25T12:09:00.000Z',
      limit: 3,
      expected: { firstSeq: 4, firstPrev: 'link 4', deleted: 3 },
    },
    {
      name: 'a whole batch, the next row deleted by hand: the chain starts at the gap, on the last hash deleted',
      oldest: [1, 2, 3, 5].map((seq) => row(seq)),
      before: '2026-11-25T12:09:00.000Z',
      limit: 3,
      expected: { firstSeq: 4, firstPrev: 'hash 3', deleted: 3 },
    },
    {
      name: 'only a prefix goes: a row kept stops the purge though an older one follows it',
      oldest: [row(1, 1), row(2, 8), row(3, 2)],
      before: '2026-11-25T12:05:00.000Z',
      limit: 10,
      expected: { firstSeq: 2, firstPrev: 'link 2', deleted: 1 },
    },
  ];
  for (const { name, oldest, before, limit, expected } of cases) it(name, () => expect(purgeCut(chain, oldest, before, limit)).toEqual(expected));
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
