import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COOKIE_DAYS,
  DEFAULT_COOKIE_NAME,
  MAX_COOKIE_DAYS,
  parseBootConfig,
  parseCategories,
  parseConfig,
  parseCookieDays,
  parseCookieDomain,
  parseCookieName,
  parseCookiePath,
  parseJarConfig,
  parseOneOf,
  parseRevision,
  parseUrl,
  POSITIONS,
  THEMES,
  type Config,
  type Warn,
} from '../../src/core/config.js';
import { DEFAULT_CONFIG } from '../support/config-defaults.js';

/** Run a parser with a fresh warning list: no shared state between cases. */
function collect<T>(parse: (warn: Warn) => T): { value: T; warnings: string[] } {
  const warnings: string[] = [];
  const value = parse((message) => warnings.push(message));
  return { value, warnings };
}

/** What JSON.stringify leaves raw but a console would render as a line break, hide or reorder. */
const unsafe = (json: string): string =>
  json.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (char) =>
    Array.from({ length: char.length }, (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );

/** A warning names the attribute and the value as written, a long one cut at 80 (contract.md, "Attributes"). */
const names = (attribute: string, raw: string) =>
  `piekritu: ${attribute}=${unsafe(JSON.stringify(raw.length > 80 ? `${raw.slice(0, 80)}…` : raw))} `;

/** Test titles stay readable when an input is long. */
const title = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…(${text.length})` : text;
};

interface Case<T> {
  input: string | null;
  expected: T;
  /** `true`: exactly one warning, naming the attribute and `input`; `false`: none. */
  warns: boolean;
}

function table<T>(attribute: string, cases: Case<T>[], parse: (raw: string | null, warn: Warn) => T): void {
  for (const { input, expected, warns } of cases) {
    it(`${title(input)} → ${title(expected)}${warns ? ', warns once' : ''}`, () => {
      const { value, warnings } = collect((warn) => parse(input, warn));
      expect(value).toEqual(expected);
      expect(warnings).toHaveLength(warns ? 1 : 0);
      if (warns) expect(warnings[0].startsWith(names(attribute, input!))).toBe(true);
    });
  }
}

describe('parseCategories', () => {
  const defaults = ['preferences', 'analytics', 'marketing'];
  table<string[]>(
    'categories',
    [
      { input: null, expected: defaults, warns: false },
      { input: 'analytics', expected: ['analytics'], warns: false },
      { input: 'analytics marketing', expected: ['analytics', 'marketing'], warns: false },
      { input: 'analytics,marketing', expected: ['analytics', 'marketing'], warns: false },
      { input: ' analytics ,\n marketing\t', expected: ['analytics', 'marketing'], warns: false },
      { input: 'social-media video_embeds', expected: ['social-media', 'video_embeds'], warns: false },
      { input: 'necessary analytics', expected: ['analytics'], warns: false },
      // Only necessary, listed or not: a site that sets no optional cookies.
      { input: 'necessary', expected: [], warns: false },
      { input: '', expected: [], warns: false },
      { input: 'Analytics', expected: defaults, warns: true },
      { input: 'Bad! x!y', expected: defaults, warns: true },
      { input: '__proto__', expected: defaults, warns: true },
      // Object.prototype members read back as functions from a plain object: refused.
      { input: 'constructor', expected: defaults, warns: true },
      { input: 'analytics hasownproperty', expected: ['analytics', 'hasownproperty'], warns: false },
      { input: 'necessary Bad!', expected: defaults, warns: true },
    ],
    parseCategories,
  );

  const partial: { input: string; expected: { value: string[]; rejected: string } }[] = [
    { input: 'analytics Bad!', expected: { value: ['analytics'], rejected: 'Bad!' } },
    { input: 'analytics analytics', expected: { value: ['analytics'], rejected: 'analytics' } },
    { input: 'analytics Bad! x!y analytics', expected: { value: ['analytics'], rejected: 'Bad! x!y analytics' } },
    { input: '2fa analytics', expected: { value: ['analytics'], rejected: '2fa' } },
  ];
  for (const { input, expected } of partial) {
    it(`${JSON.stringify(input)} keeps ${JSON.stringify(expected.value)} and warns once about the rest`, () => {
      const { value, warnings } = collect((warn) => parseCategories(input, warn));
      expect(value).toEqual(expected.value);
      expect(warnings).toHaveLength(1);
      expect(warnings[0].startsWith(names('categories', expected.rejected))).toBe(true);
    });
  }

  it('"constructor analytics": keeps analytics, and the warning names constructor', () => {
    const { value, warnings } = collect((warn) => parseCategories('constructor analytics', warn));
    expect(value).toEqual(['analytics']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"constructor"');
  });
});

describe('parseOneOf: theme', () => {
  table(
    'theme',
    [
      { input: null, expected: 'auto', warns: false },
      { input: 'light', expected: 'light', warns: false },
      { input: 'dark', expected: 'dark', warns: false },
      { input: ' DARK ', expected: 'dark', warns: false },
      { input: 'auto', expected: 'auto', warns: false },
      { input: '', expected: 'auto', warns: true },
      { input: 'blue', expected: 'auto', warns: true },
      { input: 'light dark', expected: 'auto', warns: true },
    ],
    (raw, warn) => parseOneOf('theme', raw, THEMES, 'auto', warn),
  );
});

describe('parseOneOf: position', () => {
  table(
    'position',
    [
      { input: null, expected: 'bottom', warns: false },
      { input: 'top', expected: 'top', warns: false },
      { input: 'bottom-start', expected: 'bottom-start', warns: false },
      { input: 'Bottom-End', expected: 'bottom-end', warns: false },
      { input: 'center', expected: 'bottom', warns: true },
      { input: 'toString', expected: 'bottom', warns: true },
    ],
    (raw, warn) => parseOneOf('position', raw, POSITIONS, 'bottom', warn),
  );
});

describe('parseCookieDays', () => {
  table(
    'cookie-days',
    [
      { input: null, expected: DEFAULT_COOKIE_DAYS, warns: false },
      { input: '180', expected: 180, warns: false },
      { input: '1', expected: 1, warns: false },
      { input: ' 30 ', expected: 30, warns: false },
      { input: '0395', expected: 395, warns: false },
      { input: String(MAX_COOKIE_DAYS), expected: 395, warns: false },
      { input: '396', expected: 395, warns: true },
      { input: '730', expected: 395, warns: true },
      { input: '999999', expected: 395, warns: true },
      { input: '10000000', expected: 395, warns: true },
      { input: '1'.repeat(400), expected: 395, warns: true },
      { input: '0', expected: 180, warns: true },
      { input: '', expected: 180, warns: true },
      { input: '-30', expected: 180, warns: true },
      { input: '+30', expected: 180, warns: true },
      { input: '1.5', expected: 180, warns: true },
      { input: '1e3', expected: 180, warns: true },
      { input: '0x10', expected: 180, warns: true },
      { input: 'Infinity', expected: 180, warns: true },
      { input: 'NaN', expected: 180, warns: true },
      { input: '30 days', expected: 180, warns: true },
    ],
    parseCookieDays,
  );
});

describe('parseRevision', () => {
  table(
    'revision',
    [
      { input: null, expected: '', warns: false },
      { input: '', expected: '', warns: false },
      { input: '1', expected: '1', warns: false },
      { input: ' 2026-11 ', expected: '2026-11', warns: false },
      { input: 'v1.2_rc-3', expected: 'v1.2_rc-3', warns: false },
      { input: 'x'.repeat(32), expected: 'x'.repeat(32), warns: false },
      { input: 'x'.repeat(33), expected: '', warns: true },
      { input: 'a b', expected: '', warns: true },
      { input: 'a&r=2', expected: '', warns: true },
      { input: 'rev;1', expected: '', warns: true },
      { input: 'ā', expected: '', warns: true },
    ],
    parseRevision,
  );
});

describe('parseCookieName', () => {
  table(
    'cookie-name',
    [
      { input: null, expected: DEFAULT_COOKIE_NAME, warns: false },
      { input: 'consent', expected: 'consent', warns: false },
      { input: 'site_consent-v2', expected: 'site_consent-v2', warns: false },
      { input: '__Host-consent', expected: '__Host-consent', warns: false },
      { input: '', expected: 'piekritu', warns: true },
      { input: 'my cookie', expected: 'piekritu', warns: true },
      { input: ' consent', expected: 'piekritu', warns: true },
      { input: 'a=b', expected: 'piekritu', warns: true },
      { input: 'a;b', expected: 'piekritu', warns: true },
      { input: 'a,b', expected: 'piekritu', warns: true },
      { input: 'a"b', expected: 'piekritu', warns: true },
      { input: 'sīkdatne', expected: 'piekritu', warns: true },
      { input: 'x'.repeat(65), expected: 'piekritu', warns: true },
    ],
    parseCookieName,
  );
});

describe('parseCookieDomain', () => {
  const cases: { input: { raw: string | null; host: string }; expected: string | undefined; warns: boolean }[] = [
    { input: { raw: null, host: 'www.ankravs.lv' }, expected: undefined, warns: false },
    { input: { raw: '', host: 'www.ankravs.lv' }, expected: undefined, warns: false },
    { input: { raw: '  ', host: 'www.ankravs.lv' }, expected: undefined, warns: false },
    { input: { raw: 'www.ankravs.lv', host: 'www.ankravs.lv' }, expected: 'www.ankravs.lv', warns: false },
    { input: { raw: 'ankravs.lv', host: 'www.ankravs.lv' }, expected: 'ankravs.lv', warns: false },
    { input: { raw: '.ankravs.lv', host: 'www.ankravs.lv' }, expected: 'ankravs.lv', warns: false },
    { input: { raw: ' Ankravs.LV ', host: 'WWW.ankravs.lv' }, expected: 'ankravs.lv', warns: false },
    { input: { raw: 'ankravs.lv', host: 'a.b.ankravs.lv' }, expected: 'ankravs.lv', warns: false },
    { input: { raw: 'localhost', host: 'localhost' }, expected: 'localhost', warns: false },
    // Not the host nor a parent: the browser would refuse the cookie.
    { input: { raw: 'example.lv', host: 'www.ankravs.lv' }, expected: undefined, warns: true },
    { input: { raw: 'kravs.lv', host: 'www.ankravs.lv' }, expected: undefined, warns: true },
    { input: { raw: 'shop.ankravs.lv', host: 'www.ankravs.lv' }, expected: undefined, warns: true },
    { input: { raw: 'x.www.ankravs.lv', host: 'www.ankravs.lv' }, expected: undefined, warns: true },
    { input: { raw: 'ankravs.lv.evil.com', host: 'www.ankravs.lv' }, expected: undefined, warns: true },
    // A top-level domain is a public suffix.
    { input: { raw: 'lv', host: 'www.ankravs.lv' }, expected: undefined, warns: true },
    { input: { raw: '.lv', host: 'ankravs.lv' }, expected: undefined, warns: true },
    // Not a domain at all.
    { input: { raw: 'https://ankravs.lv', host: 'ankravs.lv' }, expected: undefined, warns: true },
    { input: { raw: 'ankravs.lv/', host: 'ankravs.lv' }, expected: undefined, warns: true },
    { input: { raw: 'ankravs.lv:443', host: 'ankravs.lv' }, expected: undefined, warns: true },
    { input: { raw: 'ankravs.lv.', host: 'ankravs.lv' }, expected: undefined, warns: true },
    { input: { raw: 'ankravs..lv', host: 'ankravs.lv' }, expected: undefined, warns: true },
    { input: { raw: '-ankravs.lv', host: '-ankravs.lv' }, expected: undefined, warns: true },
    { input: { raw: 'ankravs.lv; secure', host: 'ankravs.lv' }, expected: undefined, warns: true },
  ];
  for (const { input, expected, warns } of cases) {
    it(`${JSON.stringify(input.raw)} on ${input.host} → ${String(expected)}${warns ? ', warns once' : ''}`, () => {
      const { value, warnings } = collect((warn) => parseCookieDomain(input.raw, input.host, warn));
      expect(value).toBe(expected);
      expect(warnings).toHaveLength(warns ? 1 : 0);
      if (warns) expect(warnings[0].startsWith(names('cookie-domain', input.raw!))).toBe(true);
    });
  }
});

describe('parseCookiePath', () => {
  table(
    'cookie-path',
    [
      { input: null, expected: '/', warns: false },
      { input: '/', expected: '/', warns: false },
      { input: '/shop', expected: '/shop', warns: false },
      { input: '/shop/lv/', expected: '/shop/lv/', warns: false },
      { input: '', expected: '/', warns: true },
      { input: 'shop', expected: '/', warns: true },
      { input: ' /shop', expected: '/', warns: true },
      { input: '/shop; domain=evil.com', expected: '/', warns: true },
      { input: '/a b', expected: '/', warns: true },
      { input: '/iela/ā', expected: '/', warns: true },
      { input: `/${'a'.repeat(256)}`, expected: '/', warns: true },
    ],
    parseCookiePath,
  );
});

describe('parseUrl', () => {
  table(
    'policy-url',
    [
      { input: null, expected: null, warns: false },
      { input: '', expected: null, warns: false },
      { input: '   ', expected: null, warns: false },
      { input: 'https://ankravs.lv/privatums', expected: 'https://ankravs.lv/privatums', warns: false },
      { input: 'HTTPS://ankravs.lv/', expected: 'HTTPS://ankravs.lv/', warns: false },
      { input: 'http://localhost:8080/policy?lang=lv#cookies', expected: 'http://localhost:8080/policy?lang=lv#cookies', warns: false },
      { input: '/privatums', expected: '/privatums', warns: false },
      { input: 'privatums.html', expected: 'privatums.html', warns: false },
      { input: '../policy/', expected: '../policy/', warns: false },
      { input: '?view=policy', expected: '?view=policy', warns: false },
      { input: '#policy', expected: '#policy', warns: false },
      { input: '//cdn.ankravs.lv/policy.json', expected: '//cdn.ankravs.lv/policy.json', warns: false },
      { input: ' https://ankravs.lv/p ', expected: 'https://ankravs.lv/p', warns: false },
      { input: 'https://ankravs.lv/%20a', expected: 'https://ankravs.lv/%20a', warns: false },
      { input: 'javascript:alert(1)', expected: null, warns: true },
      { input: 'JavaScript:alert(1)', expected: null, warns: true },
      { input: ' javascript:alert(1)', expected: null, warns: true },
      { input: 'java\tscript:alert(1)', expected: null, warns: true },
      { input: 'java\nscript:alert(1)', expected: null, warns: true },
      { input: 'java\rscript:alert(1)', expected: null, warns: true },
      { input: '\u0001javascript:alert(1)', expected: null, warns: true },
      { input: 'data:text/html,<script>alert(1)</script>', expected: null, warns: true },
      { input: 'data:text/html;base64,PHNjcmlwdD4=', expected: null, warns: true },
      { input: 'vbscript:msgbox(1)', expected: null, warns: true },
      { input: 'blob:https://ankravs.lv/1', expected: null, warns: true },
      { input: 'file:///etc/passwd', expected: null, warns: true },
      { input: 'ftp://ankravs.lv/p', expected: null, warns: true },
      { input: 'mailto:dpo@ankravs.lv', expected: null, warns: true },
      { input: 'https://ankravs.lv/a b', expected: null, warns: true },
      { input: 'https://ankravs.lv/\u00a0x', expected: null, warns: true },
      { input: 'https://ankravs.lv/\u2028x', expected: null, warns: true },
      { input: 'https://ankravs.lv/\u0000', expected: null, warns: true },
      { input: 'https://ankravs.lv/\u007f', expected: null, warns: true },
      { input: '/\\evil.com', expected: null, warns: true },
      { input: '/"onmouseover="x', expected: null, warns: true },
      { input: '/<script>', expected: null, warns: true },
      { input: `https://ankravs.lv/${'a'.repeat(2048)}`, expected: null, warns: true },
    ],
    (raw, warn) => parseUrl('policy-url', raw, warn),
  );

  it('names the attribute it was given', () => {
    const { value, warnings } = collect((warn) => parseUrl('log-endpoint', 'javascript:void 0', warn));
    expect(value).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0].startsWith(names('log-endpoint', 'javascript:void 0'))).toBe(true);
  });

  it('shortens a long value in the message', () => {
    const raw = `data:${'a'.repeat(200)}`;
    const { warnings } = collect((warn) => parseUrl('policy-url', raw, warn));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(JSON.stringify(`${raw.slice(0, 80)}…`));
    expect(warnings[0]).not.toContain(raw);
  });
});

describe('parseConfig', () => {
  const defaults = DEFAULT_CONFIG;

  const cases: { name: string; input: Record<string, string>; expected: { config: Config; warnings: number } }[] = [
    { name: 'no attributes: every default', input: {}, expected: { config: defaults, warnings: 0 } },
    {
      name: 'every attribute set well',
      input: {
        categories: 'analytics marketing',
        revision: '3',
        'cookie-name': 'consent',
        'cookie-domain': 'ankravs.lv',
        'cookie-path': '/lv',
        'cookie-days': '90',
        'policy-url': '/privatums',
        'log-endpoint': 'https://ankravs.lv/api/consent',
        'consent-mode': '',
        'consent-mode-wait': '1000',
        'consent-mode-region': 'LV EE',
        'ignore-gpc': '',
        theme: 'dark',
        position: 'top',
      },
      expected: {
        config: {
          categories: ['analytics', 'marketing'],
          revision: '3',
          cookieName: 'consent',
          cookieDomain: 'ankravs.lv',
          cookiePath: '/lv',
          cookieDays: 90,
          policyUrl: '/privatums',
          logEndpoint: 'https://ankravs.lv/api/consent',
          consentMode: true,
          consentModeWait: 1000,
          consentModeRegion: ['LV', 'EE'],
          ignoreGpc: true,
          theme: 'dark',
          position: 'top',
        },
        warnings: 0,
      },
    },
    {
      name: 'every attribute set badly: every default, one warning each',
      input: {
        categories: 'Bad!',
        revision: 'a b',
        'cookie-name': 'a b',
        'cookie-domain': 'evil.com',
        'cookie-path': 'lv',
        'cookie-days': 'forever',
        'policy-url': 'javascript:alert(1)',
        'log-endpoint': 'data:,x',
        'consent-mode-wait': 'later',
        'consent-mode-region': 'Latvia',
        theme: 'pink',
        position: 'middle',
      },
      expected: { config: defaults, warnings: 12 },
    },
    {
      name: 'boolean attributes are on by presence, whatever the value',
      input: { 'consent-mode': 'false', 'ignore-gpc': 'no' },
      expected: { config: { ...defaults, consentMode: true, ignoreGpc: true }, warnings: 0 },
    },
  ];
  for (const { name, input, expected } of cases) {
    it(name, () => {
      const read = (attribute: string): string | null => (Object.hasOwn(input, attribute) ? input[attribute] : null);
      const { value, warnings } = collect((warn) => parseConfig(read, 'www.ankravs.lv', warn));
      expect(value).toEqual(expected.config);
      expect(warnings).toHaveLength(expected.warnings);
    });
  }

  it('each bad attribute is named in its own warning', () => {
    const input: Record<string, string> = { 'cookie-days': 'x', theme: 'y' };
    const { warnings } = collect((warn) => parseConfig((a) => input[a] ?? null, 'ankravs.lv', warn));
    expect(warnings.map((message) => message.slice(0, message.indexOf('=')))).toEqual([
      'piekritu: cookie-days',
      'piekritu: theme',
    ]);
  });

  it('splits in two: the banner reads no cookie domain or path, the runtime reads only those', () => {
    const readBy = (parse: (read: (name: string) => string | null) => unknown) => {
      const names: string[] = [];
      parse((name) => (names.push(name), null));
      return names;
    };
    const boot = readBy((read) => parseBootConfig(read, () => {}));
    const jar = readBy((read) => parseJarConfig(read, 'ankravs.lv', () => {}));
    expect(jar).toEqual(['cookie-domain', 'cookie-path']);
    expect(boot).not.toContain('cookie-domain');
    expect(boot).not.toContain('cookie-path');
    expect([...boot, ...jar].sort()).toEqual(readBy((read) => parseConfig(read, 'ankravs.lv', () => {})).sort());
  });
});
