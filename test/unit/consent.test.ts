import { describe, expect, it } from 'vitest';
import {
  acceptAll,
  allows,
  changedBetween,
  contextOf,
  decide,
  DEFAULT_CATEGORIES,
  grantedOf,
  rejectAll,
  renewReason,
  restore,
  undecided,
  voidReason,
  type AcceptType,
  type Categories,
  type Consent,
  type ConsentContext,
  type ConsentSource,
  type VoidReason,
  withdrawnBetween,
} from '../../src/core/consent.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const ID = '3f2c1a9e-7b4d-4c1e-9a6f-0d8b2e5c7a11';

const context = (overrides: Partial<ConsentContext> = {}): ConsentContext => ({
  offered: DEFAULT_CATEGORIES,
  revision: '1',
  policyVersion: '2026-11-25',
  gpc: false,
  ...overrides,
});

describe('undecided', () => {
  const cases: { input: ConsentContext; expected: Consent }[] = [
    {
      input: context(),
      expected: {
        categories: { necessary: true, preferences: false, analytics: false, marketing: false },
        decided: false,
        id: '',
        revision: '1',
        policyVersion: '2026-11-25',
        timestamp: 0,
        source: 'default',
      },
    },
    {
      input: context({ offered: ['analytics', 'video'], revision: '', gpc: true }),
      expected: {
        categories: { necessary: true, analytics: false, video: false },
        decided: false,
        id: '',
        revision: '',
        policyVersion: '2026-11-25',
        timestamp: 0,
        source: 'default',
      },
    },
    {
      input: context({ offered: [] }),
      expected: {
        categories: { necessary: true },
        decided: false,
        id: '',
        revision: '1',
        policyVersion: '2026-11-25',
        timestamp: 0,
        source: 'default',
      },
    },
  ];
  for (const { input, expected } of cases) {
    it(`starts with every optional category off: ${input.offered.join(' ') || '(none)'}`, () => {
      expect(undecided(input)).toEqual(expected);
    });
  }
});

describe('acceptAll / rejectAll', () => {
  const cases: {
    name: string;
    input: { ctx: ConsentContext; action: 'accept' | 'reject' };
    expected: { categories: Categories; source: ConsentSource };
  }[] = [
    {
      name: 'accept without GPC grants everything offered',
      input: { ctx: context(), action: 'accept' },
      expected: {
        categories: { necessary: true, preferences: true, analytics: true, marketing: true },
        source: 'user',
      },
    },
    {
      name: 'accept under GPC keeps marketing off and says so',
      input: { ctx: context({ gpc: true }), action: 'accept' },
      expected: {
        categories: { necessary: true, preferences: true, analytics: true, marketing: false },
        source: 'gpc',
      },
    },
    {
      name: 'accept under GPC without marketing on offer changes nothing',
      input: { ctx: context({ gpc: true, offered: ['preferences', 'analytics'] }), action: 'accept' },
      expected: { categories: { necessary: true, preferences: true, analytics: true }, source: 'user' },
    },
    {
      name: 'reject denies every optional category',
      input: { ctx: context(), action: 'reject' },
      expected: {
        categories: { necessary: true, preferences: false, analytics: false, marketing: false },
        source: 'user',
      },
    },
    {
      name: 'reject under GPC is the visitor’s own choice',
      input: { ctx: context({ gpc: true }), action: 'reject' },
      expected: {
        categories: { necessary: true, preferences: false, analytics: false, marketing: false },
        source: 'user',
      },
    },
  ];
  for (const { name, input, expected } of cases) {
    it(name, () => {
      const run = input.action === 'accept' ? acceptAll : rejectAll;
      expect(run(input.ctx, NOW, ID)).toEqual({
        ...expected,
        decided: true,
        id: ID,
        revision: input.ctx.revision,
        policyVersion: input.ctx.policyVersion,
        timestamp: NOW,
      });
    });
  }
});

describe('decide', () => {
  const cases: {
    name: string;
    input: { gpc: boolean; granted: string[]; type: AcceptType };
    expected: { categories: Categories; source: ConsentSource };
  }[] = [
    {
      name: 'an explicit custom save under GPC keeps marketing on',
      input: { gpc: true, granted: ['marketing'], type: 'custom' },
      expected: {
        categories: { necessary: true, preferences: false, analytics: false, marketing: true },
        source: 'user',
      },
    },
    {
      name: 'a custom save that switches every category on under GPC keeps marketing on',
      input: { gpc: true, granted: ['preferences', 'analytics', 'marketing'], type: 'custom' },
      expected: {
        categories: { necessary: true, preferences: true, analytics: true, marketing: true },
        source: 'user',
      },
    },
    {
      name: '"all" under GPC drops marketing even when listed',
      input: { gpc: true, granted: ['analytics', 'marketing'], type: 'all' },
      expected: {
        categories: { necessary: true, preferences: false, analytics: true, marketing: false },
        source: 'gpc',
      },
    },
    {
      name: 'categories that are not offered are ignored',
      input: { gpc: false, granted: ['analytics', 'tracking', 'necessary'], type: 'custom' },
      expected: {
        categories: { necessary: true, preferences: false, analytics: true, marketing: false },
        source: 'user',
      },
    },
    {
      name: 'nothing granted leaves only necessary',
      input: { gpc: false, granted: [], type: 'necessary' },
      expected: {
        categories: { necessary: true, preferences: false, analytics: false, marketing: false },
        source: 'user',
      },
    },
  ];
  for (const { name, input, expected } of cases) {
    it(name, () => {
      const result = decide(context({ gpc: input.gpc }), { granted: input.granted, type: input.type, now: NOW, id: ID });
      expect(result).toEqual({
        ...expected,
        decided: true,
        id: ID,
        revision: '1',
        policyVersion: '2026-11-25',
        timestamp: NOW,
      });
    });
  }

  it('does not change the granted list it was given', () => {
    const granted = ['analytics', 'marketing'];
    decide(context({ gpc: true }), { granted, type: 'all', now: NOW, id: ID });
    expect(granted).toEqual(['analytics', 'marketing']);
  });
});


describe('voidReason', () => {
  const ctx = context();
  const stored = { revision: '1', policyVersion: '2026-11-25', timestamp: NOW - DAY };
  const cases: {
    name: string;
    input: { stored: typeof stored; now: number; days: number };
    expected: VoidReason | null;
  }[] = [
    { name: 'a fresh matching choice counts', input: { stored, now: NOW, days: 180 }, expected: null },
    { name: 'another revision', input: { stored: { ...stored, revision: '2' }, now: NOW, days: 180 }, expected: 'revision' },
    { name: 'a revision where none was set', input: { stored: { ...stored, revision: '' }, now: NOW, days: 180 }, expected: 'revision' },
    {
      name: 'another policy version',
      input: { stored: { ...stored, policyVersion: '2025-01-01' }, now: NOW, days: 180 },
      expected: 'policy',
    },
    {
      name: 'revision wins over policy',
      input: { stored: { ...stored, revision: '0', policyVersion: 'old' }, now: NOW, days: 180 },
      expected: 'revision',
    },
    {
      name: 'one millisecond before cookie-days',
      input: { stored: { ...stored, timestamp: NOW - 180 * DAY + 1 }, now: NOW, days: 180 },
      expected: null,
    },
    {
      name: 'exactly cookie-days old',
      input: { stored: { ...stored, timestamp: NOW - 180 * DAY }, now: NOW, days: 180 },
      expected: 'expired',
    },
    {
      name: 'older than cookie-days',
      input: { stored: { ...stored, timestamp: NOW - 400 * DAY }, now: NOW, days: 395 },
      expected: 'expired',
    },
    {
      name: 'exactly one day old with cookie-days 1',
      input: { stored: { ...stored, timestamp: NOW - DAY }, now: NOW, days: 1 },
      expected: 'expired',
    },
    {
      name: 'a timestamp of zero',
      input: { stored: { ...stored, timestamp: 0 }, now: NOW, days: 395 },
      expected: 'expired',
    },
    {
      name: 'slightly in the future (clock skew) still counts',
      input: { stored: { ...stored, timestamp: NOW + 60 * 60 * 1000 }, now: NOW, days: 180 },
      expected: null,
    },
    {
      name: 'exactly one day in the future still counts',
      input: { stored: { ...stored, timestamp: NOW + DAY }, now: NOW, days: 180 },
      expected: null,
    },
    {
      name: 'more than one day in the future',
      input: { stored: { ...stored, timestamp: NOW + DAY + 1 }, now: NOW, days: 180 },
      expected: 'future',
    },
    {
      name: 'far in the future',
      input: { stored: { ...stored, timestamp: NOW + 365 * DAY }, now: NOW, days: 395 },
      expected: 'future',
    },
  ];
  for (const { name, input, expected } of cases) {
    it(`${name} → ${expected}`, () => {
      expect(voidReason(input.stored, ctx, input.now, input.days)).toBe(expected);
    });
  }
});

describe('restore', () => {
  const cases: {
    name: string;
    input: { offered: string[]; granted: string[]; source: ConsentSource };
    expected: Categories;
  }[] = [
    {
      name: 'the same offer gives back the same choice',
      input: { offered: ['preferences', 'analytics', 'marketing'], granted: ['analytics'], source: 'user' },
      expected: { necessary: true, preferences: false, analytics: true, marketing: false },
    },
    {
      name: 'a newly offered category starts off',
      input: { offered: ['preferences', 'analytics', 'marketing', 'video'], granted: ['preferences', 'analytics', 'marketing'], source: 'user' },
      expected: { necessary: true, preferences: true, analytics: true, marketing: true, video: false },
    },
    {
      name: 'a category no longer offered is forgotten',
      input: { offered: ['analytics'], granted: ['analytics', 'marketing'], source: 'gpc' },
      expected: { necessary: true, analytics: true },
    },
    {
      name: 'nothing granted',
      input: { offered: ['preferences', 'analytics'], granted: [], source: 'user' },
      expected: { necessary: true, preferences: false, analytics: false },
    },
  ];
  for (const { name, input, expected } of cases) {
    it(name, () => {
      const ctx = context({ offered: input.offered, revision: '7', policyVersion: 'p2' });
      const stored = { id: ID, timestamp: NOW - DAY, granted: input.granted, source: input.source };
      expect(restore(ctx, stored)).toEqual({
        categories: expected,
        decided: true,
        id: ID,
        revision: '7',
        policyVersion: 'p2',
        timestamp: NOW - DAY,
        source: input.source,
      });
    });
  }
});

describe('grantedOf', () => {
  const cases: { input: Categories; expected: string[] }[] = [
    { input: { necessary: true }, expected: [] },
    { input: { necessary: true, preferences: false, analytics: true, marketing: true }, expected: ['analytics', 'marketing'] },
    { input: { necessary: true, analytics: false }, expected: [] },
  ];
  for (const { input, expected } of cases) {
    it(`${JSON.stringify(input)} → [${expected.join(', ')}]`, () => {
      expect(grantedOf(input)).toEqual(expected);
    });
  }
});

describe('changedBetween', () => {
  const cases: { input: { before: Categories; after: Categories }; expected: string[] }[] = [
    {
      input: { before: { necessary: true, analytics: false }, after: { necessary: true, analytics: false } },
      expected: [],
    },
    {
      input: {
        before: { necessary: true, analytics: false, marketing: true },
        after: { necessary: true, analytics: true, marketing: false },
      },
      expected: ['analytics', 'marketing'],
    },
    { input: { before: { necessary: true, video: true }, after: { necessary: true } }, expected: ['video'] },
    { input: { before: { necessary: true }, after: { necessary: true, video: false } }, expected: [] },
    { input: { before: { necessary: true }, after: { necessary: true, video: true } }, expected: ['video'] },
  ];
  for (const { input, expected } of cases) {
    it(`${JSON.stringify(input)} → [${expected.join(', ')}]`, () => {
      expect(changedBetween(input.before, input.after)).toEqual(expected);
    });
  }
});

describe('allows', () => {
  const categories: Categories = { necessary: true, preferences: false, analytics: true, marketing: false };
  const cases: { input: string[]; expected: boolean }[] = [
    { input: [], expected: true },
    { input: ['necessary'], expected: true },
    { input: ['analytics'], expected: true },
    { input: ['marketing'], expected: false },
    { input: ['analytics', 'marketing'], expected: false },
    { input: ['analytics', 'necessary'], expected: true },
    { input: ['unknown'], expected: false },
    { input: ['toString'], expected: false },
  ];
  for (const { input, expected } of cases) {
    it(`[${input.join(', ')}] → ${expected}`, () => {
      expect(allows(categories, input)).toBe(expected);
    });
  }
});

describe('withdrawnBetween', () => {
  const cases: { before: Categories; after: Categories; expected: string[] }[] = [
    { before: { necessary: true, analytics: true }, after: { necessary: true, analytics: false }, expected: ['analytics'] },
    { before: { necessary: true, analytics: false }, after: { necessary: true, analytics: true }, expected: [] },
    { before: { necessary: true, analytics: true, marketing: true }, after: { necessary: true }, expected: ['analytics', 'marketing'] },
    { before: { necessary: true, analytics: true }, after: { necessary: true, analytics: true }, expected: [] },
    { before: {}, after: { necessary: true, analytics: true }, expected: [] },
  ];
  for (const { before, after, expected } of cases) {
    it(`${JSON.stringify(before)} → ${JSON.stringify(after)}: ${JSON.stringify(expected)}`, () => {
      expect(withdrawnBetween(before, after)).toEqual(expected);
    });
  }
});

describe('contextOf', () => {
  const page = { categories: ['analytics', 'marketing'], revision: '3', ignoreGpc: false };
  it('takes the offer, the revision and the policy in force', () => {
    expect(contextOf(page, '2026-11-25', false)).toEqual({ offered: ['analytics', 'marketing'], revision: '3', policyVersion: '2026-11-25', gpc: false });
  });
  it('honours Global Privacy Control unless the site opted out', () => {
    expect(contextOf(page, 'v', true).gpc).toBe(true);
    expect(contextOf({ ...page, ignoreGpc: true }, 'v', true).gpc).toBe(false);
    expect(contextOf({ ...page, ignoreGpc: true }, 'v', false).gpc).toBe(false);
  });
});

describe('renewReason', () => {
  const cases: [VoidReason | null, string][] = [
    ['revision', 'revision'],
    ['policy', 'policy'],
    ['expired', 'expired'],
    // Another device's clock: asked again, no reason given.
    ['future', ''],
    [null, ''],
  ];
  for (const [reason, expected] of cases) {
    it(`${String(reason)} → ${JSON.stringify(expected)}`, () => expect(renewReason(reason)).toBe(expected));
  }
});
