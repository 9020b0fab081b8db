/** The audit's pure rules: arguments, which pages to walk, lifetimes, violations and the draft declaration. */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/audit.js';
import { pagesToVisit } from '../../src/cli/audit/crawl.js';
import { draftDeclaration, lifetime } from '../../src/cli/audit/declaration.js';
import { consentModeOrder, violationsOf, type CookieFinding, type Observation } from '../../src/cli/audit/report.js';

const NOW = Date.UTC(2026, 0, 1);
const DAY = 86400;

describe('lifetime', () => {
  const cases: [number | null, string][] = [
    [null, 'session'],
    [NOW / 1000 + 1800, '1 hour'],
    [NOW / 1000 + 5 * 3600, '5 hours'],
    [NOW / 1000 + DAY, '1 day'],
    [NOW / 1000 + 30 * DAY, '30 days'],
    [NOW / 1000 + 90 * DAY, '3 months'],
    [NOW / 1000 + 180 * DAY, '6 months'],
    [NOW / 1000 + 365 * DAY, '1 year'],
    [NOW / 1000 + 396 * DAY, '13 months'],
    [NOW / 1000 + 730 * DAY, '2 years'],
  ];
  for (const [expires, expected] of cases) it(`${expires === null ? 'no expiry' : `${Math.round((expires - NOW / 1000) / 3600)} h`} → ${expected}`, () => expect(lifetime(expires, NOW)).toBe(expected));
});

describe('parseArgs', () => {
  const cases: [string[], Record<string, unknown> | string][] = [
    [['https://www.example.lv'], { url: 'https://www.example.lv/', pages: 5, timeout: 15000, allow: [], quiet: false }],
    [['example.lv', '--pages', '3', '--json=r.json', '--allow', 'CDN.example.com'], { url: 'https://example.lv/', pages: 3, json: 'r.json', allow: ['cdn.example.com'] }],
    [['http://localhost:8080/demo/', '--timeout', '2', '--quiet'], { url: 'http://localhost:8080/demo/', timeout: 2000, quiet: true }],
    [[], 'which site? Give a URL.'],
    [['a.lv', 'b.lv'], 'one URL only (got a.lv and b.lv).'],
    [['a.lv', '--pages', '0'], '--pages takes a whole number from 1 to 100.'],
    [['a.lv', '--timeout', 'soon'], '--timeout takes seconds, more than 0 and at most 300.'],
    [['a.lv', '--json'], '--json needs a value.'],
    [['a.lv', '--fast'], 'unknown option --fast.'],
    [['ftp://a.lv/'], '"ftp://a.lv/" is not an http or https address.'],
  ];
  for (const [args, expected] of cases) {
    it(args.join(' ') || '(nothing)', () => {
      const parsed = parseArgs(args);
      if (typeof expected === 'string') expect(parsed).toBe(expected);
      else expect(parsed).toMatchObject(expected);
    });
  }
});

describe('pagesToVisit', () => {
  it('keeps same-site pages in order, each once, without fragments, files or other sites, up to the limit', () => {
    const start = 'https://www.example.lv/';
    const links = [
      '/about',
      'https://www.example.lv/#top',
      '/about#team',
      'https://shop.example.lv/cart',
      'https://example.lv.evil.com/',
      'https://tracker.com/',
      'mailto:info@example.lv',
      '/price-list.pdf',
      '/contact',
      '/more',
    ];
    expect(pagesToVisit(start, links, 'example.lv', 3)).toEqual(['https://www.example.lv/about', 'https://shop.example.lv/cart', 'https://www.example.lv/contact']);
    expect(pagesToVisit(start, links, 'example.lv', 0)).toEqual([]);
  });
});

const cookie = (name: string, extra: Partial<CookieFinding> = {}): CookieFinding => ({
  name,
  domain: 'www.example.lv',
  path: '/',
  expires: null,
  httpOnly: false,
  secure: false,
  thirdParty: false,
  setBy: '',
  page: 'https://www.example.lv/',
  ...extra,
});
const nothing: Observation = { cookies: [], storage: [], requests: [] };
const page = { url: 'https://www.example.lv/', hasElement: true, settingsLink: true, stillLoading: false };

describe('violationsOf', () => {
  const allowed = { consentCookie: 'piekritu', necessary: ['session_id', 'csrf_*'], hosts: ['fonts.example.net'] };
  const base = { allowed, pages: [page], before: nothing, afterReject: nothing, afterWithdrawal: { cookies: [], storage: [] }, byCategory: {}, consentMode: null };

  it('before any choice: the consent cookie, declared necessary cookies, the record queue, allowed hosts and piekritu\'s own files pass; the rest is a violation', () => {
    const before: Observation = {
      cookies: [cookie('piekritu'), cookie('session_id'), cookie('csrf_token'), cookie('_ga', { setBy: 'script https://www.googletagmanager.com/gtag/js:1' })],
      storage: [
        { area: 'localStorage', key: 'seen', origin: 'https://www.example.lv', setBy: '', page: page.url },
        { area: 'localStorage', key: 'piekritu:records', origin: 'https://www.example.lv', setBy: '', page: page.url },
      ],
      requests: [
        { url: 'https://fonts.example.net/a.woff2', type: 'Font', initiator: '', page: page.url },
        { url: 'https://cdn.jsdelivr.net/npm/piekritu@0.1.0/dist/piekritu.min.js', type: 'Script', initiator: '', page: page.url },
        { url: 'https://px.ads.com/1.gif', type: 'Image', initiator: 'https://www.example.lv/:12', page: page.url },
        { url: 'https://px.ads.com/2.gif', type: 'Image', initiator: '', page: page.url },
      ],
    };
    expect(violationsOf({ ...base, before }).map((v) => [v.kind, v.subject, v.cause])).toEqual([
      ['cookie-before-consent', '_ga', 'script https://www.googletagmanager.com/gtag/js:1'],
      ['storage-before-consent', 'localStorage.seen', ''],
      ['request-before-consent', 'px.ads.com', 'https://www.example.lv/:12'],
    ]);
  });

  it('after reject and withdrawal: only what is new, and withdrawal names the category to fix', () => {
    const before: Observation = { ...nothing, cookies: [cookie('_early')] };
    const afterReject: Observation = { ...nothing, cookies: [cookie('_early'), cookie('piekritu'), cookie('_late')] };
    const afterWithdrawal = { cookies: [cookie('_early'), cookie('piekritu'), cookie('_stays'), cookie('ide', { domain: '.ads.com', thirdParty: true })], storage: [] };
    const byCategory = { analytics: { ...nothing, cookies: [cookie('_stays')] } };
    const found = violationsOf({ ...base, before, afterReject, afterWithdrawal, byCategory });
    expect(found.map((v) => [v.kind, v.subject])).toEqual([
      ['cookie-before-consent', '_early'],
      ['cookie-after-reject', '_late'],
      ['cookie-after-withdrawal', '_stays'],
      ['cookie-after-withdrawal', 'ide'],
    ]);
    expect(found[2].detail).toContain('add "_stays" to data-cookies of the analytics script');
    expect(found[3].detail).toContain('the page cannot delete it');
  });

  it('every page needs the element and a settings link', () => {
    const pages = [page, { ...page, url: 'https://www.example.lv/a', settingsLink: false }, { ...page, url: 'https://www.example.lv/b', hasElement: false, settingsLink: false }];
    expect(violationsOf({ ...base, pages }).map((v) => [v.kind, v.subject])).toEqual([
      ['no-settings-link', 'https://www.example.lv/a'],
      ['no-element', 'https://www.example.lv/b'],
    ]);
  });
});

describe('consentModeOrder', () => {
  const tag = (at: number) => ({ url: 'https://www.googletagmanager.com/gtag/js?id=G-1', at });
  const cases: [string, number | null, { url: string; at: number }[], boolean][] = [
    ['default first', 100, [tag(150)], true],
    ['same millisecond', 100, [tag(100)], true],
    ['tag first', 200, [tag(150)], false],
    ['no default at all', null, [tag(150)], false],
    ['no Google request', null, [{ url: 'https://cdn.example.net/x.js', at: 1 }], true],
  ];
  for (const [name, defaultAt, requests, ok] of cases) it(name, () => expect(consentModeOrder('p', defaultAt, requests).ok).toBe(ok));
});

describe('draftDeclaration', () => {
  const gated = [
    { tag: 'script', category: 'analytics', src: 'https://www.example.lv/stats.js', dataCookies: '_st_*' },
    { tag: 'script', category: 'analytics', src: '', dataCookies: null },
    { tag: 'script', category: 'marketing', src: '', dataCookies: 'old_ads' },
  ];
  const draft = draftDeclaration({
    categories: ['analytics', 'marketing'],
    necessary: [cookie('piekritu', { expires: NOW / 1000 + 180 * DAY })],
    byCategory: {
      analytics: [cookie('_st_id', { setBy: 'script https://www.example.lv/stats.js:3' }), cookie('visits', { setBy: 'an inline script' })],
      marketing: [cookie('ide', { domain: '.ads.com', thirdParty: true, expires: NOW / 1000 + 390 * DAY })],
    },
    current: { analytics: [{ name: 'visits', purpose: { lv: 'Skaita', en: 'Counts' }, duration: '1 gads', thirdParty: false }] },
    gated,
    now: NOW,
  });

  it('the JSON block: the site\'s own words kept, the rest with a TODO and what was measured', () => {
    const json = JSON.parse(/data-piekritu-cookies>\n([\s\S]*)\n<\/script>/.exec(draft.block)![1]);
    expect(json).toEqual({
      necessary: [{ name: 'piekritu', purpose: 'TODO: what this cookie is for', duration: '6 months', thirdParty: false }],
      analytics: [
        { name: '_st_id', purpose: 'TODO: what this cookie is for', duration: 'session', thirdParty: false },
        { name: 'visits', purpose: { lv: 'Skaita', en: 'Counts' }, duration: '1 gads', thirdParty: false },
      ],
      marketing: [{ name: 'ide', purpose: 'TODO: what this cookie is for', duration: '13 months', thirdParty: 'ads.com' }],
    });
  });

  it('data-cookies: each cookie on the script that set it, inline writes on the inline script, the site\'s patterns kept', () => {
    expect(draft.scripts.map((s) => [s.element, s.dataCookies, s.before])).toEqual([
      ['<script data-consent="analytics" src="https://www.example.lv/stats.js">', '_st_*', '_st_*'],
      ['<script data-consent="analytics" (inline)>', 'visits', null],
      ['<script data-consent="marketing" (inline)>', 'old_ads', 'old_ads'],
    ]);
    expect(draft.notDeletable).toEqual(['ide (.ads.com)']);
  });
});
