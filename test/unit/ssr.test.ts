/**
 * piekritu/ssr in node: the head stub judges the cookie as the codec and the store do, the
 * element's markup is there only for a visitor whose choice does not count, and every
 * value that goes into the HTML is escaped.
 */
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { decode, encode } from '../../src/core/codec.js';
import { defaultCommand } from '../../src/core/consent-mode.js';
import { contextOf, voidReason } from '../../src/core/consent.js';
import { CSP_HASHES, cookieFrom, renderElement, renderHead, STUB } from '../../src/ssr/index.js';
import { version as POLICY } from '../../locales/policy/lv.json';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 30);

/** Run the stub as a browser would, from the `<script>` renderHead wrote; what it did to the page. */
function runHead(head: string, cookie: string, now = NOW) {
  const dataset: Record<string, string> = {};
  for (const [, name, value] of head.matchAll(/ data-([a-z-]+)(?:="([^"]*)")?/g)) {
    dataset[name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())] = value ?? '';
  }
  const style: Record<string, string> = {};
  const window: { dataLayer?: unknown[] } = {};
  const document = {
    currentScript: { dataset },
    cookie,
    documentElement: { style: { setProperty: (name: string, value: string) => (style[name] = value) } },
  };
  const script = /<script[^>]*>([\s\S]*)<\/script>/.exec(head)![1];
  runInNewContext(script, { window, document, Date: { now: () => now } });
  return { hidden: style['--piekritu-instant'] === 'none', dataLayer: window.dataLayer };
}

/** The element's own verdict: the codec, then the store's rules. */
function counts(value: string | undefined, revision: string, days: number, now = NOW): boolean {
  const stored = decode(value);
  const ctx = contextOf({ categories: ['preferences', 'analytics', 'marketing'], revision, ignoreGpc: false }, POLICY, false);
  return stored !== null && voidReason(stored, ctx, now, days) === null;
}

const choice = (overrides: Partial<Parameters<typeof encode>[0]> = {}) =>
  encode({ id: 'abcdef12-3456', timestamp: NOW - DAY, revision: '1', policyVersion: POLICY, granted: ['analytics'], denied: ['marketing'], source: 'user', ...overrides });

describe('the head stub', () => {
  const head = renderHead({ attributes: { revision: '1' } });

  it('hides the banner for a choice that counts, and only then', () => {
    expect(runHead(head, `piekritu=${encodeURIComponent(choice())}`).hidden).toBe(true);
    expect(runHead(head, `other=1; piekritu=${choice()}`).hidden).toBe(true);
    expect(runHead(head, '').hidden).toBe(false);
    expect(runHead(head, `piekritu=${choice({ revision: '2' })}`).hidden).toBe(false);
    expect(runHead(head, `piekritu=${choice({ policyVersion: 'old' })}`).hidden).toBe(false);
    expect(runHead(head, `piekritu=${choice({ timestamp: NOW - 181 * DAY })}`).hidden).toBe(false);
    expect(runHead(head, `piekritu=${choice({ timestamp: NOW + 2 * DAY })}`).hidden).toBe(false);
    expect(runHead(head, `xpiekritu=${choice()}`).hidden).toBe(false);
    expect(runHead(head, `piekritu=${choice({ granted: ['analytics'], denied: ['analytics'] })}`).hidden).toBe(false);
  });

  it('agrees with the codec and the store on any cookie value (fast-check)', () => {
    const category = fc.constantFrom('preferences', 'analytics', 'marketing', 'x_1', 'A', '', '.');
    const written = fc
      .record({
        id: fc.constantFrom('abcdef12-3456', 'short', 'abc_def_12345', 'ABCDEF1234567890'),
        timestamp: fc.integer({ min: NOW - 400 * DAY, max: NOW + 3 * DAY }),
        revision: fc.constantFrom('1', '2', '', 'a.b-c_d', 'x y'),
        policyVersion: fc.constantFrom(POLICY, '', 'other'),
        granted: fc.array(category, { maxLength: 3 }),
        denied: fc.array(category, { maxLength: 3 }),
        source: fc.constantFrom('user' as const, 'gpc' as const),
      })
      .map((value) => encode(value));
    // Piekritu's own values, the same edited by hand, and anything at all.
    const mangled = fc.tuple(written, fc.nat(200), fc.string({ maxLength: 3 })).map(([value, at, text]) => value.slice(0, at) + text + value.slice(at + text.length));
    fc.assert(
      fc.property(fc.oneof(written, mangled, fc.string()), fc.constantFrom(30, 180, 395), (value, days) => {
        const page = renderHead({ attributes: { revision: '1', 'cookie-days': String(days) } });
        expect(runHead(page, `piekritu=${encodeURIComponent(value)}`).hidden).toBe(counts(value, '1', days));
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('pushes Consent Mode’s default, the same as the element’s, only when asked', () => {
    expect(runHead(head, '').dataLayer).toBeUndefined();
    const { dataLayer } = runHead(renderHead({ consentMode: true, attributes: { 'consent-mode-wait': '800', 'consent-mode-region': 'LV EE' } }), '');
    expect(dataLayer).toHaveLength(1);
    const [command, type, params] = Array.from(dataLayer![0] as ArrayLike<unknown>);
    expect([command, type]).toEqual(['consent', 'default']);
    expect(JSON.parse(JSON.stringify(params))).toEqual(defaultCommand({ waitForUpdate: 800, region: ['LV', 'EE'] }));
  });

  it('is small, allowed by a nonce or by its printed hash', () => {
    expect(STUB.length).toBeLessThan(1100);
    expect(renderHead({ nonce: 'abc"d' })).toContain(' nonce="abc&quot;d"');
    expect(CSP_HASHES.script).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);
  });
});

describe('renderElement', () => {
  const attributes = { revision: '1', 'consent-mode': true };

  it('a first visitor: the banner in a declarative shadow root, with its styles', () => {
    const html = renderElement({ lang: 'en', attributes });
    expect(html).toMatch(/^<piekritu-consent revision="1" consent-mode lang="en"><template shadowrootmode="open"><style>/);
    expect(html).toContain('data-instant="en "');
    expect(html).toContain('<button part="accept-button" class="choice">Accept</button>');
    expect(html).toContain('.banner[data-instant]{display:var(--piekritu-instant,block)}');
  });

  it('a visitor whose choice counts: the bare element, no banner markup', () => {
    expect(renderElement({ lang: 'lv', attributes, cookieHeader: `a=b; piekritu=${encodeURIComponent(choice())}`, now: NOW })).toBe(
      '<piekritu-consent revision="1" consent-mode lang="lv"></piekritu-consent>',
    );
  });

  it('a choice that no longer counts: the banner says why it asks again', () => {
    const html = renderElement({ lang: 'lv', attributes: { revision: '2' }, cookieHeader: `piekritu=${choice()}`, now: NOW });
    expect(html).toContain('data-instant="lv revision"');
    expect(html).toContain('ir mainījusies');
  });

  it('Global Privacy Control, a policy URL, a nonce: as the element draws them', () => {
    const html = renderElement({ lang: 'ru', gpc: true, nonce: 'n1', attributes: { 'policy-url': '/privacy?a=1&b=2' } });
    expect(html).toContain('data-instant="ru  gpc"');
    expect(html).toContain('<style nonce="n1">');
    expect(html).toContain('<a part="policy-button" class="link" href="/privacy?a=1&amp;b=2">');
  });

  it('bad input: a warning and the default, never broken markup', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const html = renderElement({ lang: 'de', attributes: { revision: '"><script>', 'on click': 'x' } });
    expect(html).toMatch(/^<piekritu-consent revision="&quot;&gt;&lt;script&gt;" lang="lv">/);
    expect(warn.mock.calls.map(([message]) => String(message)).join('\n')).toMatch(/lang="de"[\s\S]*"on click" is not an attribute name/);
    warn.mockRestore();
  });

  it('reads the cookie header as the browser-side reader does', () => {
    expect(cookieFrom('a=1; piekritu=v%3D1; piekritu=second', 'piekritu')).toBe('v=1');
    expect(cookieFrom('piekritu=%E0%A4%A', 'piekritu')).toBe('%E0%A4%A');
    expect(cookieFrom(undefined, 'piekritu')).toBeUndefined();
  });

  it('a header given as several lines (an array, as `headersDistinct` gives it) is read, not thrown on', () => {
    const value = encode({ id: 'aaaaaaaa-lines', timestamp: NOW - DAY, revision: '', policyVersion: POLICY, granted: [], denied: ['analytics'], source: 'user' });
    const lines = ['a=1', `piekritu=${value}`];
    expect(cookieFrom(lines, 'piekritu')).toBe(value);
    // A visitor whose choice counts: the bare element, whether the header came as one line or several.
    expect(renderElement({ cookieHeader: lines, now: NOW })).toBe(renderElement({ cookieHeader: lines.join('; '), now: NOW }));
    expect(renderElement({ cookieHeader: lines, now: NOW })).not.toContain('<template');
  });
});
