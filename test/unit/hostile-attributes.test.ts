/**
 * Hostile attribute values (issue: "hostile input ... nothing breaks"). Every attribute of
 * `<piekritu-consent>` that parseConfig reads, and `lang`, is fed markup, script URLs,
 * control characters, numbers JS reads too kindly, empty and blank values and 1 MB strings.
 *
 * contract.md, "Attributes": a bad value is reported once with console.warn naming the
 * attribute and the value, and the default is used; it never throws, never blocks the page.
 * Here, each warning must also be one short line: the value JSON-escaped, cut to a readable
 * length, with no raw control, invisible, bidi or line-breaking character.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_COOKIE_DAYS, parseConfig, type Config } from '../../src/core/config.js';
import { LANGS, resolveLang } from '../../src/core/locale.js';
import { DEFAULT_CONFIG } from '../support/config-defaults.js';

const HOST = 'www.ankravs.lv';
const MB = 1024 * 1024;
const MAX_MESSAGE = 200;
/** Generous: the slowest linear parse of 1 MB takes a few ms; the quadratic one took 27 s. */
const MAX_MS = 1000;

const DEFAULTS = DEFAULT_CONFIG;

/** Attribute name → the Config field it sets. */
const FIELDS = {
  categories: 'categories',
  revision: 'revision',
  'cookie-name': 'cookieName',
  'cookie-domain': 'cookieDomain',
  'cookie-path': 'cookiePath',
  'cookie-days': 'cookieDays',
  'policy-url': 'policyUrl',
  'log-endpoint': 'logEndpoint',
  'consent-mode': 'consentMode',
  'consent-mode-wait': 'consentModeWait',
  'consent-mode-region': 'consentModeRegion',
  'ignore-gpc': 'ignoreGpc',
  theme: 'theme',
  position: 'position',
} as const satisfies Record<string, keyof Config>;
type Attribute = keyof typeof FIELDS;
const ATTRIBUTES = Object.keys(FIELDS) as Attribute[];

/** 1 MB of distinct, valid category names, then one bad one. */
const MANY_NAMES = Array.from({ length: 140_000 }, (_, i) => `c${i}`);
const HUGE_LIST = `${MANY_NAMES.join(' ')} <script>`;

const HOSTILE = {
  // markup
  'img onerror': '<img src=x onerror=alert(1)>',
  'close quote, script': '"><script>alert(1)</script>',
  'single quote, svg onload': "'><svg/onload=alert(1)>",
  'close style, script': '</style><script>alert(1)</script>',
  'template injection': '{{constructor.constructor("alert(1)")()}}',
  'template literal': '${alert(1)}',
  // script and data URLs
  'javascript:': 'javascript:alert(1)',
  'JaVaScRiPt:': 'JaVaScRiPt:alert(1)',
  'leading spaces, javascript:': '  javascript:alert(1)',
  'leading tabs, javascript:': '\t\tjavascript:alert(1)',
  'leading newlines, javascript:': '\n\njavascript:alert(1)',
  'leading mixed blanks, javascript:': ' \t\r\n\f\vjavascript:alert(1)',
  'leading no-break space, javascript:': '\u00a0javascript:alert(1)',
  'tab inside javascript:': 'java\tscript:alert(1)',
  'newline inside javascript:': 'java\nscript:alert(1)',
  'NUL before javascript:': '\u0000javascript:alert(1)',
  'javascript: with %0a': 'javascript://%0aalert(1)',
  'data: html': 'data:text/html,<script>alert(1)</script>',
  'data: base64': 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:': 'vbscript:msgbox(1)',
  'VBScript:': 'VBScript:MsgBox(1)',
  // control and invisible characters
  NUL: '\u0000',
  'NUL inside': 'a\u0000b',
  BEL: '\u0007',
  'ANSI escape': '\u001b[31mred\u001b[0m',
  'RTL override': '\u202eevil',
  'bidi isolate and override': 'fine\u202e\u2066txt',
  'line separator inside': 'a\u2028b',
  NEL: '\u0085',
  DEL: '\u007f',
  BOM: '\ufeff',
  'valid value, NUL after': 'dark\u0000',
  'valid value, zero-width space after': 'analytics\u200b',
  // numbers
  '-1': '-1',
  '0': '0',
  '-0': '-0',
  '+1': '+1',
  '1.5': '1.5',
  '1e309': '1e309',
  '9999999999999': '9999999999999',
  NaN: 'NaN',
  Infinity: 'Infinity',
  '0x10': '0x10',
  '1e3': '1e3',
  // empty and blank
  empty: '',
  space: ' ',
  'ASCII blanks': '\t\n\r ',
  'Unicode spaces': '\u00a0\u2003\u3000',
  'line and paragraph separators': '\u2028\u2029',
  // Object.prototype names
  __proto__: '__proto__',
  constructor: 'constructor',
  toString: 'toString',
  // 1 MB
  '1 MB of "a"': 'a'.repeat(MB),
  '1 MB of markup': '<img src=x onerror=alert(1)>'.repeat(Math.ceil(MB / 28)),
  '1 MB of NUL': '\u0000'.repeat(MB),
  '1 MB of RTL overrides': '\u202e'.repeat(MB),
  '1 MB of digits': '9'.repeat(MB),
  '1 MB of distinct category names, then <script>': HUGE_LIST,
  // near misses for the domain pattern (backtracking)
  '250 letters then !': `${'a'.repeat(250)}!`,
  '120 × "a-" then !': `${'a-'.repeat(120)}!`,
} as const satisfies Record<string, string>;
type Label = keyof typeof HOSTILE;
const LABELS = Object.keys(HOSTILE) as Label[];

const BLANKS: Label[] = ['empty', 'space', 'ASCII blanks', 'Unicode spaces', 'line and paragraph separators', 'BOM'];
/** Letters, digits, "-", "." and "_" only: well-formed tokens, cookie names and relative paths. */
const NUMBERS_AND_NAMES: Label[] = [
  ...['-1', '0', '-0', '1.5', '1e309', '9999999999999', 'NaN', 'Infinity', '0x10', '1e3'],
  ...['toString', 'constructor', '__proto__'],
] as Label[];

interface Outcome {
  value: unknown;
  warns: 0 | 1;
}

/** `warns` 0 for each label, the value being the label's own value (or `value` when given). */
const as = (labels: readonly Label[], ...value: [] | [unknown]): [Label, Outcome][] =>
  labels.map((label) => [label, { value: value.length ? value[0] : HOSTILE[label], warns: 0 }]);

/** Relative URLs resolve to the page's own scheme: blank is "none", the rest are paths. */
const URL_ACCEPTS: [Label, Outcome][] = [
  ...as(BLANKS, null),
  ...as(NUMBERS_AND_NAMES),
  ...as(['+1', 'template literal']),
  // Paths: the URL parser percent-encodes what is left, and the scheme stays the page's.
  ...as(['250 letters then !', '120 × "a-" then !']),
  // Invisible, bidi and C1 characters are not stripped by the URL parser (only C0 controls
  // and space are), so they cannot hide a scheme: a path, percent-encoded, like the above.
  ...as(['RTL override', 'bidi isolate and override', 'NEL', 'valid value, zero-width space after']),
];

/**
 * Hostile values an attribute legitimately accepts, with why. Anything not listed here must
 * give the documented default and exactly one warning. Maps, not objects: a label like
 * "constructor" must not find Object.prototype.constructor.
 */
const ACCEPTED: Record<Attribute, Map<Label, Outcome>> = {
  categories: new Map<Label, Outcome>([
    // Blank (what JS calls whitespace, BOM and U+2028 included): no optional categories.
    ...as(BLANKS, []),
    // U+2028 is whitespace: two valid names.
    ['line separator inside', { value: ['a', 'b'], warns: 0 }],
    // "constructor" is an Object.prototype member: refused (the default, one warning), like toString.
    // Valid names are kept; the rest is reported once.
    ['tab inside javascript:', { value: ['java'], warns: 1 }],
    ['newline inside javascript:', { value: ['java'], warns: 1 }],
    ['1 MB of distinct category names, then <script>', { value: MANY_NAMES.slice(0, 8), warns: 1 }],
  ]),
  revision: new Map([
    // Trimmed to "": the default.
    ...as(BLANKS, ''),
    // Letters, digits, ".", "-", "_": a revision is any such token.
    ...as(NUMBERS_AND_NAMES),
  ]),
  // RFC 6265 token characters. Not Object.prototype names: js-cookie reads those back as
  // Object.prototype members (a function), never as the cookie, and the choice is lost.
  'cookie-name': new Map(as([...NUMBERS_AND_NAMES.filter((label) => !['toString', 'constructor', '__proto__'].includes(label)), '+1'])),
  // Blank: host-only, the default.
  'cookie-domain': new Map(as(BLANKS, undefined)),
  'cookie-path': new Map(),
  'cookie-days': new Map([
    // A whole number of days, clamped to 13 months: reported, but the clamp is the answer.
    ['9999999999999', { value: MAX_COOKIE_DAYS, warns: 1 }],
    ['1 MB of digits', { value: MAX_COOKIE_DAYS, warns: 1 }],
  ]),
  'policy-url': new Map(URL_ACCEPTS),
  'log-endpoint': new Map(URL_ACCEPTS),
  // Presence attributes: on, whatever the value.
  'consent-mode': new Map(as(LABELS, true)),
  // Whole milliseconds up to 10 000: of all these, only "0".
  'consent-mode-wait': new Map([['0', { value: 0, warns: 0 }]]),
  // Region codes; a blank list is no list (every region), not an error.
  'consent-mode-region': new Map(as(BLANKS, [])),
  'ignore-gpc': new Map(as(LABELS, true)),
  theme: new Map(),
  position: new Map(),
};

const isAccepted = (attribute: Attribute, label: Label): boolean => ACCEPTED[attribute].has(label);

function expected(attribute: Attribute, label: Label): Outcome {
  return ACCEPTED[attribute].get(label) ?? { value: DEFAULTS[FIELDS[attribute]], warns: 1 };
}

/** Hostile inputs tried, by group; the total is quoted in the closing note. */
const tried = { oneAttribute: 0, allAttributes: 0, urlResolution: 0, langOwn: 0, langInherited: 0 };

afterAll(() => {
  const total = Object.values(tried).reduce((sum, n) => sum + n, 0);
  console.info(
    `hostile-attributes: ${total} hostile inputs tried ` +
      `(${tried.oneAttribute} one attribute at a time [${LABELS.length} values × ${ATTRIBUTES.length} attributes], ` +
      `${tried.allAttributes} with every attribute at once, ${tried.urlResolution} URL resolutions, ` +
      `${tried.langOwn} as own lang, ${tried.langInherited} as inherited lang).`,
  );
});

/** What a console shows as a line break, hides, or uses to reorder text. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** Test titles stay readable (and printable) whatever the input. */
const title = (text: string): string => {
  const shown = JSON.stringify(text.length > 40 ? text.slice(0, 40) : text).replace(new RegExp(UNSAFE.source, 'gu'), '?');
  return text.length > 40 ? `${shown}…(${text.length})` : shown;
};

/** The JSON string literal right after `prefix`, parsed; the trailing "…" of a cut value removed. */
function quotedValue(message: string, prefix: string): { text: string; cut: boolean } {
  expect(message.startsWith(`${prefix}"`)).toBe(true);
  let end = prefix.length + 1;
  while (end < message.length && message[end] !== '"') end += message[end] === '\\' ? 2 : 1;
  const text = JSON.parse(message.slice(prefix.length, end + 1)) as string;
  return text.endsWith('…') ? { text: text.slice(0, -1), cut: true } : { text, cut: false };
}

/** One short line, naming the attribute, with the value escaped and at most cut short. */
function expectSafeWarning(message: string, attribute: string, raw: string, shown: 'prefix' | 'words'): void {
  expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE);
  expect(message).not.toMatch(UNSAFE);
  const prefix = `piekritu: ${attribute}=`;
  const { text, cut } = quotedValue(message, prefix);
  if (shown === 'prefix') {
    expect(raw.startsWith(text)).toBe(true);
    expect(cut || text === raw).toBe(true);
  } else {
    // categories reports only the rejected names: each whole one is a name from the value.
    const words = new Set(raw.split(/[\s,]+/));
    const whole = cut ? text.split(' ').slice(0, -1) : text.split(' ');
    for (const word of whole) expect(words.has(word)).toBe(true);
  }
}

function run(read: (name: string) => string | null): { config: Config; warnings: string[]; ms: number } {
  const warnings: string[] = [];
  const start = performance.now();
  const config = parseConfig(read, HOST, (message) => warnings.push(message));
  return { config, warnings, ms: performance.now() - start };
}

describe('parseConfig: one hostile attribute at a time', () => {
  for (const attribute of ATTRIBUTES) {
    describe(attribute, () => {
      for (const label of LABELS) {
        const raw = HOSTILE[label];
        const outcome = expected(attribute, label);
        const accepted = isAccepted(attribute, label);
        it(`${label} ${title(raw)} → ${accepted ? title(JSON.stringify(outcome.value) ?? 'undefined') : 'the default'}${outcome.warns ? ', one warning' : ''}`, () => {
          tried.oneAttribute += 1;
          const { config, warnings, ms } = run((name) => (name === attribute ? raw : null));
          expect(ms).toBeLessThan(MAX_MS);
          // The attribute's own field gets the outcome; nothing else moves.
          expect(config).toEqual({ ...DEFAULTS, [FIELDS[attribute]]: outcome.value });
          expect(warnings).toHaveLength(outcome.warns);
          for (const message of warnings) {
            expectSafeWarning(message, attribute, raw, attribute === 'categories' && accepted ? 'words' : 'prefix');
          }
        });
      }
    });
  }
});

describe('parseConfig: every attribute hostile at once', () => {
  for (const label of LABELS) {
    const raw = HOSTILE[label];
    it(`${label} ${title(raw)}: one warning per bad attribute, each naming it`, () => {
      tried.allAttributes += 1;
      const { config, warnings, ms } = run((name) => (Object.hasOwn(FIELDS, name) ? raw : null));
      expect(ms).toBeLessThan(MAX_MS * 2);
      const bad = ATTRIBUTES.filter((attribute) => expected(attribute, label).warns === 1);
      // In the order they are parsed: the cookie's domain and path last (they are read with the runtime).
      const named = warnings.map((message) => message.slice('piekritu: '.length, message.indexOf('=')) as Attribute);
      expect([...named].sort()).toEqual([...bad].sort());
      for (const attribute of ATTRIBUTES) expect(config[FIELDS[attribute]]).toEqual(expected(attribute, label).value);
      warnings.forEach((message, i) =>
        expectSafeWarning(message, named[i], raw, named[i] === 'categories' && isAccepted('categories', label) ? 'words' : 'prefix'),
      );
    });
  }
});

describe('policy-url and log-endpoint: only http(s) and relative URLs get through', () => {
  const BASES = ['https://www.ankravs.lv/lv/page?x=1', 'http://localhost:8080/'];
  /** Well-formed http(s) and relative URLs: these must get through, as written. */
  const ACCEPTED = ['https://ankravs.lv/privatums', 'HTTP://ankravs.lv/', '//cdn.ankravs.lv/x', '/privatums', 'privatums.html', '?view=policy', '#policy'];
  const extra = [
    ...ACCEPTED,
    '%6Aavascript:alert(1)',
    'javascript&colon;alert(1)',
    './javascript:alert(1)',
    'https:evil.com',
    '\u200bjavascript:alert(1)',
    '\u0085javascript:alert(1)',
    '\u202ejavascript:alert(1)',
    '\ufeffjavascript:alert(1)',
    '\u3000javascript:alert(1)',
    'javascript\u0000:alert(1)',
    'jav&#x09;ascript:alert(1)',
    '\\\\evil.com\\x',
  ];
  for (const raw of [...Object.values(HOSTILE), ...extra]) {
    it(`${title(raw)}: null, or resolves to http(s) against the page`, () => {
      for (const attribute of ['policy-url', 'log-endpoint'] as const) {
        tried.urlResolution += 1;
        const { config } = run((name) => (name === attribute ? raw : null));
        const url = config[FIELDS[attribute]];
        if (url === null) continue;
        // What the parser documents it refuses: C0 controls, DEL, whitespace, <>"`\\.
        expect(url).not.toMatch(/[\s\u0000-\u001f\u007f<>"`\\]/);
        for (const base of BASES) expect(['http:', 'https:']).toContain(new URL(url, base).protocol);
      }
    });
  }
  it('well-formed http(s) and relative URLs get through as written', () => {
    for (const raw of ACCEPTED) {
      for (const attribute of ['policy-url', 'log-endpoint'] as const) {
        const { config, warnings } = run((name) => (name === attribute ? raw : null));
        expect(config[FIELDS[attribute]]).toBe(raw);
        expect(warnings).toEqual([]);
      }
    }
  });
});

describe('resolveLang: hostile lang values', () => {
  const cases: { name: string; own: string; expected: { lang: string; warns: 0 | 1 } }[] = [
    ...LABELS.map((label) => ({
      name: label,
      own: HOSTILE[label],
      // Blank is absent; nothing else here names lv, en or ru.
      expected: { lang: 'ru', warns: (BLANKS.includes(label) ? 0 : 1) as 0 | 1 },
    })),
    // The primary subtag decides, as for "en-GB": the rest is never used.
    { name: 'regional tag with markup', own: 'en-<img src=x onerror=alert(1)>', expected: { lang: 'en', warns: 0 } },
    { name: 'regional tag with RTL override', own: 'lv_\u202e', expected: { lang: 'lv', warns: 0 } },
    { name: 'language with NUL', own: 'en\u0000', expected: { lang: 'ru', warns: 1 } },
    { name: 'language with zero-width space', own: 'lv\u200b', expected: { lang: 'ru', warns: 1 } },
    { name: 'Cyrillic look-alike "ру"', own: 'ру', expected: { lang: 'ru', warns: 1 } },
    { name: 'prototype member', own: 'hasOwnProperty', expected: { lang: 'ru', warns: 1 } },
  ];
  for (const { name, own, expected: want } of cases) {
    it(`own ${name} ${title(own)} → ${want.lang}${want.warns ? ', one warning' : ''}`, () => {
      tried.langOwn += 1;
      const warnings: string[] = [];
      const start = performance.now();
      const lang = resolveLang(own, ['ru', 'en'], (message) => warnings.push(message));
      expect(performance.now() - start).toBeLessThan(MAX_MS);
      expect(lang).toBe(want.lang);
      expect(warnings).toHaveLength(want.warns);
      for (const message of warnings) expectSafeWarning(message, 'lang', own, 'prefix');
    });
  }

  for (const label of LABELS) {
    it(`inherited ${label} ${title(HOSTILE[label])} is passed over silently`, () => {
      tried.langInherited += 1;
      const warnings: string[] = [];
      expect(resolveLang(null, [HOSTILE[label], null, undefined, 'en-GB'], (message) => warnings.push(message))).toBe('en');
      expect(resolveLang(null, [HOSTILE[label]], (message) => warnings.push(message))).toBe('lv');
      expect(warnings).toEqual([]);
    });
  }

  it('always one of the bundled languages', () => {
    for (const raw of Object.values(HOSTILE)) {
      expect(LANGS).toContain(resolveLang(raw, [raw], () => {}));
    }
  });
});
