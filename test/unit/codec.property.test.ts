/**
 * Property-based tests of the consent cookie codec (issue: "hostile input ... nothing breaks").
 *
 * (a) Any string decodes to `null` or to a strictly valid choice, never throws and never
 *     touches Object.prototype.
 * (b) Every valid choice survives encode → decode, in a known number of bytes.
 * (c) Whatever the cookie says, restoring it never grants a category it did not grant.
 *
 * A failing run prints the seed and the shrunk counterexample; re-run it with
 * `fc.assert(..., { seed, path })`.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { decode, encode, FORMAT_VERSION, type StoredChoice } from '../../src/core/codec.js';
import { parseCategories } from '../../src/core/config.js';
import {
  allows,
  grantedOf,
  NECESSARY,
  restore,
  undecided,
  voidReason,
  type ConsentContext,
} from '../../src/core/consent.js';

/** Runs per property; raise it for a longer hunt: `FC_RUNS=20000 npx vitest run ...`. */
const RUNS = Number(process.env.FC_RUNS) || 1000;
// A property runs in well under a second at 1,000 runs; leave room for slow machines and long hunts.
vi.setConfig({ testTimeout: Math.max(20_000, RUNS * 20) });
const DAY = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------
// The oracle: what a decoded choice must look like, written from contract.md and the
// README's format table, not from codec.ts.
// ---------------------------------------------------------------------------------------

const ID = /^[A-Za-z0-9-]{8,64}$/;
const TOKEN = /^[A-Za-z0-9._-]{0,32}$/;
const CATEGORY = /^[a-z][a-z0-9_-]{0,31}$/;
const FIELDS = ['version', 'id', 'timestamp', 'revision', 'policyVersion', 'granted', 'denied', 'source'];

const isNameList = (value: unknown): value is string[] =>
  Array.isArray(value) &&
  Object.getPrototypeOf(value) === Array.prototype &&
  value.every((name) => typeof name === 'string' && CATEGORY.test(name));

/** Everything wrong with a decoded value; `[]` when it is a strictly valid StoredChoice. */
function problems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['not an object'];
  const found: string[] = [];
  if (Object.getPrototypeOf(value) !== Object.prototype) found.push('prototype is not Object.prototype');
  const keys = Reflect.ownKeys(value).map(String).sort();
  if (JSON.stringify(keys) !== JSON.stringify([...FIELDS].sort())) found.push(`keys ${JSON.stringify(keys)}`);
  const choice = value as Record<string, unknown>;
  if (choice.version !== 1) found.push('version is not 1');
  if (typeof choice.id !== 'string' || !ID.test(choice.id)) found.push('bad id');
  const t = choice.timestamp;
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || t % 1000 !== 0 || !Number.isSafeInteger(t)) {
    found.push(`bad timestamp ${String(t)}`);
  }
  if (typeof choice.revision !== 'string' || !TOKEN.test(choice.revision)) found.push('bad revision');
  if (typeof choice.policyVersion !== 'string' || !TOKEN.test(choice.policyVersion)) found.push('bad policyVersion');
  if (!isNameList(choice.granted)) found.push('bad granted list');
  if (!isNameList(choice.denied)) found.push('bad denied list');
  if (isNameList(choice.granted) && isNameList(choice.denied)) {
    const denied = choice.denied;
    if (choice.granted.some((name) => denied.includes(name))) found.push('granted and denied overlap');
  }
  if (choice.source !== 'user' && choice.source !== 'gpc') found.push(`bad source ${String(choice.source)}`);
  return found;
}

// ---------------------------------------------------------------------------------------
// Prototype pollution: nothing decoded may add to, or change, Object.prototype.
// ---------------------------------------------------------------------------------------

const PROTO_KEYS = Reflect.ownKeys(Object.prototype);
const ARRAY_PROTO_KEYS = Reflect.ownKeys(Array.prototype);

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect(Reflect.ownKeys(Object.prototype)).toEqual(PROTO_KEYS);
  expect(Reflect.ownKeys(Array.prototype)).toEqual(ARRAY_PROTO_KEYS);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  expect(Object.prototype.toString.call({})).toBe('[object Object]');
}

afterAll(() => {
  expectNoPollution();
});

/** How often the hostile inputs decoded: a generator that never reaches a valid value proves little. */
const outcomes = { decoded: 0, refused: 0 };

/** Decode, and hold the result to the oracle: null, or strictly valid and stable. */
function checkDecode(raw: unknown): StoredChoice | null {
  const result = decode(raw);
  expectNoPollution();
  if (result === null) {
    outcomes.refused += 1;
    return null;
  }
  outcomes.decoded += 1;
  expect(problems(result)).toEqual([]);
  // A decoded choice is what the encoder would write for it (up to leading zeros in `t`).
  expect(decode(encode(result))).toEqual(result);
  return result;
}

// ---------------------------------------------------------------------------------------
// Arbitraries: valid parts, and ways of breaking them.
// ---------------------------------------------------------------------------------------

const idArb = fc.stringMatching(ID);
/** The ids the library itself writes: crypto.randomUUID(), or 32 hex digits without it. */
const libraryIdArb = fc.oneof(fc.uuid(), fc.stringMatching(/^[0-9a-f]{32}$/));
const tokenArb = fc.stringMatching(TOKEN);
const categoryArb = (maxLength = 32): fc.Arbitrary<string> =>
  fc.stringMatching(new RegExp(`^[a-z][a-z0-9_-]{0,${maxLength - 1}}$`));
/** Valid category names that look like Object.prototype members ("constructor" itself is refused). */
const trickyCategoryArb = fc.constantFrom('tostring', 'valueof', 'hasownproperty', 'isprototypeof', 'proto');
/** Milliseconds up to the largest time the format holds: 12 digits of seconds. */
const timestampArb = fc.integer({ min: 0, max: 999_999_999_999 * 1000 + 999 });

interface ChoiceOptions {
  id?: fc.Arbitrary<string>;
  categoryLength?: number;
  maxCategories?: number;
}

/** A valid choice: granted and denied are disjoint sets of valid names. */
function choiceArb(options: ChoiceOptions = {}): fc.Arbitrary<Omit<StoredChoice, 'version'>> {
  const { id = idArb, categoryLength = 19, maxCategories = 8 } = options;
  const nameArb = categoryLength >= 15 ? fc.oneof(categoryArb(categoryLength), trickyCategoryArb) : categoryArb(categoryLength);
  return fc
    .record({
      id,
      timestamp: timestampArb,
      revision: tokenArb,
      policyVersion: tokenArb,
      names: fc.uniqueArray(fc.tuple(nameArb, fc.boolean()), {
        maxLength: maxCategories,
        selector: ([name]) => name,
      }),
      source: fc.constantFrom('user' as const, 'gpc' as const),
    })
    .map(({ names, ...rest }) => ({
      ...rest,
      granted: names.filter(([, granted]) => granted).map(([name]) => name),
      denied: names.filter(([, granted]) => !granted).map(([name]) => name),
    }));
}

const KEYS = ['v', 'id', 't', 'r', 'p', 'g', 'd', 's'] as const;
const PROTO_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  '__proto__[polluted]',
  'constructor[prototype][polluted]',
  'constructor.prototype.polluted',
  '__proto__.polluted',
  'hasOwnProperty',
  'toString',
  '__defineGetter__',
] as const;

/** Values that have broken parsers before: numbers JS reads too kindly, encodings, controls. */
const hostileValueArb = fc.oneof(
  fc.constantFrom(
    '1e309',
    '1e3',
    '9'.repeat(13),
    '9'.repeat(400),
    '999999999999',
    '1000000000000',
    String(Number.MAX_SAFE_INTEGER),
    '-1',
    '-0',
    '+1',
    '0x10',
    '0b1',
    '0o7',
    'NaN',
    'Infinity',
    '-Infinity',
    '1.5',
    '1_000',
    ' 1',
    '1 ',
    '١٢٣', // Arabic-Indic digits
    '１２３', // full-width digits
    '__proto__',
    'constructor',
    'prototype',
    'polluted',
    'ā',
    '𝔘𝔫𝔦',
    '\u0000',
    '\u0007',
    '\u001b[31m',
    '\u202e',
    '\u2028',
    '\ufeff',
    '\r\n',
    '%00',
    '%26',
    '%3D',
    '%2E',
    '%5F%5Fproto%5F%5F',
    '%E2%80%AE',
    'analytics..marketing',
    'analytics.',
    '.analytics',
    'Analytics',
    'analytics.analytics',
    'u',
    'g',
    'd',
    'user',
    'gpc',
    '1',
    '2',
    '',
    '=',
    '==',
    '&',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  categoryArb(),
  idArb,
  fc.nat().map(String),
  fc.integer().map(String),
  fc.double().map(String),
);

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; key: string; value: string }
  | { kind: 'swap'; a: string; b: string }
  | { kind: 'copy'; from: string; to: string }
  | { kind: 'inject'; key: string; value: string; at: number }
  | { kind: 'set'; key: string; value: string }
  | { kind: 'drop'; key: string }
  | { kind: 'insertChar'; at: number; char: string }
  | { kind: 'deleteChar'; at: number }
  | { kind: 'percentEncode'; from: number; to: number }
  | { kind: 'separator'; sep: string }
  | { kind: 'upperKey'; key: string }
  | { kind: 'shuffle'; order: number[] };

const keyArb = fc.constantFrom(...KEYS);
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), key: keyArb, value: hostileValueArb }),
  fc.record({ kind: fc.constant('swap' as const), a: keyArb, b: keyArb }),
  fc.record({ kind: fc.constant('copy' as const), from: keyArb, to: keyArb }),
  fc.record({
    kind: fc.constant('inject' as const),
    key: fc.oneof(fc.constantFrom(...PROTO_NAMES), fc.string({ unit: 'binary', maxLength: 8 })),
    value: hostileValueArb,
    at: fc.nat(),
  }),
  fc.record({ kind: fc.constant('set' as const), key: keyArb, value: hostileValueArb }),
  fc.record({ kind: fc.constant('drop' as const), key: keyArb }),
  fc.record({ kind: fc.constant('insertChar' as const), at: fc.nat(), char: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }),
  fc.record({ kind: fc.constant('deleteChar' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('percentEncode' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('separator' as const), sep: fc.constantFrom(';', '&&', '&amp;', ',', '\n', '; ', '&\u0000') }),
  fc.record({ kind: fc.constant('upperKey' as const), key: keyArb }),
  fc.record({ kind: fc.constant('shuffle' as const), order: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }) }),
);

/** Apply one mutation to a cookie value. Pure string surgery: it never consults the codec. */
function mutate(raw: string, mutation: Mutation): string {
  const pairs = raw.split('&');
  const keyOf = (pair: string) => pair.slice(0, Math.max(0, pair.indexOf('=')));
  const index = (key: string) => pairs.findIndex((pair) => keyOf(pair) === key);
  switch (mutation.kind) {
    case 'truncate':
      return raw.slice(0, mutation.at % (raw.length + 1));
    case 'duplicate':
      return `${raw}&${mutation.key}=${mutation.value}`;
    case 'swap': {
      const a = index(mutation.a);
      const b = index(mutation.b);
      if (a < 0 || b < 0) return raw;
      const valueA = pairs[a].slice(pairs[a].indexOf('=') + 1);
      const valueB = pairs[b].slice(pairs[b].indexOf('=') + 1);
      pairs[a] = `${mutation.a}=${valueB}`;
      pairs[b] = `${mutation.b}=${valueA}`;
      return pairs.join('&');
    }
    case 'copy': {
      const from = index(mutation.from);
      const to = index(mutation.to);
      if (from < 0 || to < 0) return raw;
      pairs[to] = `${mutation.to}=${pairs[from].slice(pairs[from].indexOf('=') + 1)}`;
      return pairs.join('&');
    }
    case 'inject':
      pairs.splice(mutation.at % (pairs.length + 1), 0, `${mutation.key}=${mutation.value}`);
      return pairs.join('&');
    case 'set': {
      const at = index(mutation.key);
      if (at >= 0) pairs[at] = `${mutation.key}=${mutation.value}`;
      return pairs.join('&');
    }
    case 'drop':
      return pairs.filter((pair) => keyOf(pair) !== mutation.key).join('&');
    case 'insertChar': {
      const at = mutation.at % (raw.length + 1);
      return raw.slice(0, at) + mutation.char + raw.slice(at);
    }
    case 'deleteChar': {
      const at = mutation.at % (raw.length + 1);
      return raw.slice(0, at) + raw.slice(at + 1);
    }
    case 'percentEncode': {
      const from = mutation.from % (raw.length + 1);
      const to = from + (mutation.to % (raw.length - from + 1));
      const encoded = Array.from(raw.slice(from, to), (char) =>
        Array.from(new TextEncoder().encode(char), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
      ).join('');
      return raw.slice(0, from) + encoded + raw.slice(to);
    }
    case 'separator':
      return pairs.join(mutation.sep);
    case 'upperKey': {
      const at = index(mutation.key);
      if (at >= 0) pairs[at] = pairs[at].replace(mutation.key, mutation.key.toUpperCase());
      return pairs.join('&');
    }
    case 'shuffle': {
      const order = pairs.map((pair, i) => ({ pair, rank: mutation.order[i % 8] }));
      return order
        .sort((x, y) => x.rank - y.rank)
        .map(({ pair }) => pair)
        .join('&');
    }
  }
}

const mutatedArb = fc
  .tuple(choiceArb(), fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
  .map(([choice, mutations]) => ({ choice, mutations, raw: mutations.reduce(mutate, encode(choice)) }));

/** Pieces of the format itself, glued together at random. */
const FRAGMENTS = [
  'v=1',
  'v=2',
  'v=0',
  'v=',
  'id=3f2c1a9e-7b4d-4c1e-9a6f-0d8b2e5c7a11',
  'id=abcdefgh',
  'id=',
  't=1764072000',
  't=0',
  't=-1',
  't=1e309',
  't=',
  'r=3',
  'r=',
  'p=2026-11-25',
  'p=',
  'g=analytics',
  'g=',
  'g=__proto__',
  'g=constructor',
  'd=preferences.marketing',
  'd=analytics',
  'd=',
  's=u',
  's=g',
  's=d',
  '__proto__=1',
  'constructor=1',
  'prototype=1',
  '&',
  '=',
  '.',
  '%26',
  '\u0000',
];
const fragmentsArb = fc
  .tuple(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 16 }), fc.constantFrom('&', '', '&&', ';'))
  .map(([parts, glue]) => parts.join(glue));

/** Characters of the format's own alphabet, plus the few that break it. */
const ALPHABET = [...'v=1&id.tgrpds_-0123456789abcdefxyzAFZ%', '\u0000', ' ', '\u202e', 'ā'];

// ---------------------------------------------------------------------------------------
// (a) any input → null or a strictly valid choice; never throws; never pollutes
// ---------------------------------------------------------------------------------------

describe('decode: any input is null or a strictly valid choice, and never pollutes Object.prototype', () => {
  const sources: { name: string; arb: fc.Arbitrary<string> }[] = [
    { name: 'fc.string (ASCII graphemes, up to 1,500 characters: past the 1,024 limit)', arb: fc.string({ maxLength: 1500 }) },
    { name: 'full Unicode (fc.string unit "binary", the v4 form of fc.fullUnicodeString)', arb: fc.string({ unit: 'binary', maxLength: 300 }) },
    { name: 'Unicode graphemes', arb: fc.string({ unit: 'grapheme', maxLength: 200 }) },
    { name: "the format's own alphabet", arb: fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 200 }) },
    { name: "the format's own fragments, glued at random", arb: fragmentsArb },
  ];
  for (const { name, arb } of sources) {
    it(name, () => {
      fc.assert(
        fc.property(arb, (raw) => {
          checkDecode(raw);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('valid values mutated: truncated, keys duplicated, swapped, dropped, injected (__proto__ …), hostile numbers, Unicode, percent-encoding, control characters', () => {
    const before = { ...outcomes };
    fc.assert(
      fc.property(
        mutatedArb.map(({ raw }) => raw),
        (raw) => {
          checkDecode(raw);
        },
      ),
      {
        numRuns: RUNS * 3,
        examples: [
          ['v=1&id=abcdefgh&t=0&r=&p=&g=&d=&s=u&__proto__=x'],
          ['__proto__[polluted]=1&v=1&id=abcdefgh&t=0&r=&p=&g=&d=&s=u'],
          ['v=1&id=abcdefgh&t=1e309&r=&p=&g=&d=&s=u'],
          ['v=1&id=abcdefgh&t=9999999999999&r=&p=&g=&d=&s=u'],
          ['v=1&id=abcdefgh&t=-1000&r=&p=&g=&d=&s=u'],
          ['v=1&id=abcdefgh&t=0&r=&p=&g=constructor&d=&s=u'],
        ],
      },
    );
    // The mutations keep some values valid (a swap of equal-shaped fields, a set to a valid
    // name) and break most: both outcomes must be reached, or the property proves little.
    expect(outcomes.decoded - before.decoded).toBeGreaterThan(RUNS / 50);
    expect(outcomes.refused - before.refused).toBeGreaterThan(RUNS);
  });

  it('anything that is not a string (including a String object) is null', () => {
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withObjectString: true }), (value) => {
        fc.pre(typeof value !== 'string');
        expect(checkDecode(value)).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------
// (b) valid choices round-trip, in a known size
// ---------------------------------------------------------------------------------------

/** The size the README's format implies: 26 bytes of keys and separators, then the values. */
function expectedBytes(choice: Omit<StoredChoice, 'version'>): number {
  const list = (names: string[]) => names.join('').length + Math.max(0, names.length - 1);
  return (
    '&v=1&id=&t=&r=&p=&g=&d=&s=u'.length -
    1 +
    choice.id.length +
    String(Math.floor(choice.timestamp / 1000)).length +
    choice.revision.length +
    choice.policyVersion.length +
    list(choice.granted) +
    list(choice.denied)
  );
}

const bytesOf = (value: string): number => new TextEncoder().encode(value).length;

/** Just past the banner's bounds: a UUID, 12-digit seconds, 2 × 32-character tokens, 8 × 20-character categories. */
const WORST_20: Omit<StoredChoice, 'version'> = {
  id: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
  timestamp: 999_999_999_999_000,
  revision: 'r'.repeat(32),
  policyVersion: 'p'.repeat(32),
  granted: Array.from({ length: 8 }, (_, i) => `c${i}${'x'.repeat(18)}`),
  denied: [],
  source: 'user',
};
/** The same with 19-character categories: the largest the banner allows (see parseCategories). */
const WORST_19: Omit<StoredChoice, 'version'> = {
  ...WORST_20,
  granted: WORST_20.granted.map((name) => name.slice(0, 19)),
};

describe('encode → decode: every valid choice survives', () => {
  it('decodes to exactly what was encoded, the time floored to whole seconds', () => {
    fc.assert(
      fc.property(choiceArb(), (choice) => {
        const value = encode(choice);
        const back = checkDecode(value);
        expect(back).toEqual({ ...choice, version: FORMAT_VERSION, timestamp: Math.floor(choice.timestamp / 1000) * 1000 });
      }),
      { numRuns: RUNS },
    );
  });

  it('encodes to printable ASCII in exactly the bytes the format implies', () => {
    fc.assert(
      fc.property(choiceArb(), (choice) => {
        const value = encode(choice);
        expect(value).toMatch(/^[\x21-\x7e]+$/);
        expect(bytesOf(value)).toBe(value.length);
        expect(value.length).toBe(expectedBytes(choice));
      }),
      { numRuns: RUNS },
    );
  });

  it("under 300 bytes with the library's own ids (UUID or 32 hex), at most 8 categories of at most 19 characters, revision and policy version of at most 32", () => {
    fc.assert(
      fc.property(choiceArb({ id: libraryIdArb, categoryLength: 19, maxCategories: 8 }), (choice) => {
        expect(bytesOf(encode(choice))).toBeLessThan(300);
      }),
      { numRuns: RUNS, examples: [[WORST_19]] },
    );
    expect(bytesOf(encode(WORST_19))).toBe(297);
  });

  // Past the bounds the banner enforces (parseCategories: at most 8 names of at most 19
  // characters) the format can pass 300 bytes: 305 with 8 × 20. That is why the bounds exist.
  it('the format itself would pass 300 bytes with 8 categories of 20 characters, so the codec refuses them', () => {
    expect(bytesOf(encode(WORST_20))).toBe(305);
    expect(decode(encode(WORST_20))).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------
// (c) restoring a stored choice never grants what it did not grant
// ---------------------------------------------------------------------------------------

/** A stored choice from a cookie (valid or mutated), and today's offer around it. */
const restoreCaseArb = fc
  .record({
    stored: fc.oneof(
      choiceArb({ categoryLength: 16 }).map((choice) => decode(encode(choice))),
      mutatedArb.map(({ raw }) => decode(raw)),
    ),
    keepGranted: fc.array(fc.boolean(), { maxLength: 12 }),
    keepDenied: fc.array(fc.boolean(), { maxLength: 12 }),
    added: fc.uniqueArray(fc.oneof(categoryArb(12), trickyCategoryArb), { maxLength: 4 }),
    sameRevision: fc.boolean(),
    samePolicy: fc.boolean(),
    revision: tokenArb,
    policyVersion: tokenArb,
    gpc: fc.boolean(),
    age: fc.oneof(fc.integer({ min: -2 * DAY, max: 400 * DAY }), fc.integer({ min: -1e15, max: 1e15 })),
    maxAgeDays: fc.integer({ min: 1, max: 395 }),
  })
  .filter(({ stored }) => stored !== null)
  .map((input) => {
    const stored = input.stored!;
    const keep = (names: string[], flags: boolean[]) => names.filter((_, i) => flags[i] ?? true);
    // Today's offer goes through the attribute parser, as on a real page.
    const offered = parseCategories(
      [...keep(stored.granted, input.keepGranted), ...keep(stored.denied, input.keepDenied), ...input.added].join(' '),
      () => {},
    );
    const ctx: ConsentContext = {
      offered,
      revision: input.sameRevision ? stored.revision : input.revision,
      policyVersion: input.samePolicy ? stored.policyVersion : input.policyVersion,
      gpc: input.gpc,
    };
    return { stored, ctx, now: stored.timestamp + input.age, maxAgeDays: input.maxAgeDays };
  });

/** Names a page might require in `data-consent`, including Object.prototype members. */
const PROBES = ['necessary', 'preferences', 'analytics', 'marketing', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

describe('restore / voidReason: a stored choice never grants more than it granted', () => {
  it('restore grants only necessary and names in the stored granted list (and only those offered today)', () => {
    fc.assert(
      fc.property(restoreCaseArb, ({ stored, ctx }) => {
        const consent = restore(ctx, stored);
        expect(consent.categories[NECESSARY]).toBe(true);
        for (const [name, on] of Object.entries(consent.categories)) {
          if (on !== false) expect(name === NECESSARY || (on === true && stored.granted.includes(name))).toBe(true);
        }
        for (const name of grantedOf(consent.categories)) {
          expect(stored.granted).toContain(name);
          expect(ctx.offered).toContain(name);
        }
        for (const name of [...PROBES, ...stored.denied, ...ctx.offered]) {
          if (allows(consent.categories, [name])) expect(name === NECESSARY || stored.granted.includes(name)).toBe(true);
        }
        expect(Object.keys(consent.categories).sort()).toEqual([NECESSARY, ...ctx.offered].sort());
        expect(consent.id).toBe(stored.id);
        expect(consent.source).toBe(stored.source);
        expectNoPollution();
      }),
      { numRuns: RUNS },
    );
  });

  it('load = voidReason ? undecided : restore grants nothing beyond the stored list, and a void choice grants nothing', () => {
    let kept = 0;
    let voided = 0;
    fc.assert(
      fc.property(restoreCaseArb, ({ stored, ctx, now, maxAgeDays }) => {
        const reason = voidReason(stored, ctx, now, maxAgeDays);
        const consent = reason ? undecided(ctx) : restore(ctx, stored);
        if (reason) {
          voided += 1;
          expect(grantedOf(consent.categories)).toEqual([]);
          expect(consent.decided).toBe(false);
        } else {
          kept += 1;
          // A kept choice is one the rules allow: same revision and policy, not expired, not from the far future.
          expect(stored.revision).toBe(ctx.revision);
          expect(stored.policyVersion).toBe(ctx.policyVersion);
          expect(now - stored.timestamp).toBeLessThan(maxAgeDays * DAY);
          expect(stored.timestamp - now).toBeLessThanOrEqual(DAY);
        }
        for (const name of grantedOf(consent.categories)) expect(stored.granted).toContain(name);
        for (const name of PROBES) {
          if (name !== NECESSARY && allows(consent.categories, [name])) expect(stored.granted).toContain(name);
        }
      }),
      { numRuns: RUNS },
    );
    expect(kept).toBeGreaterThan(0);
    expect(voided).toBeGreaterThan(0);
  });
});
