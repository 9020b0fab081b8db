import { describe, expect, it } from 'vitest';
import { parseSignals, signalDetail, vendorCalls, VENDORS, type Phase, type Vendor } from '../../src/core/signals.js';
import type { Categories } from '../../src/core/consent.js';
import { signalsFor } from '../../src/core/consent-mode.js';

const none: Categories = { necessary: true, preferences: false, analytics: false, marketing: false };
const analytics: Categories = { ...none, analytics: true };
const marketing: Categories = { ...none, marketing: true };
const all: Categories = { necessary: true, preferences: true, analytics: true, marketing: true };
/** What Global Privacy Control leaves of "accept all": marketing stays off. */
const gpcAll: Categories = { ...all, marketing: false };

const clarity = (ad: string, analytic: string) => [['consentv2', { ad_Storage: ad, analytics_Storage: analytic }]];

describe('vendorCalls', () => {
  const cases: { vendor: Vendor; phase: Phase; now: Categories; told?: Categories; expected: unknown[][] }[] = [
    // The default is "denied" whatever is stored: it goes out before the stored choice is told.
    { vendor: 'clarity', phase: 'default', now: all, expected: clarity('denied', 'denied') },
    { vendor: 'clarity', phase: 'update', now: none, expected: clarity('denied', 'denied') },
    { vendor: 'clarity', phase: 'update', now: analytics, expected: clarity('denied', 'granted') },
    { vendor: 'clarity', phase: 'update', now: marketing, expected: clarity('granted', 'denied') },
    { vendor: 'clarity', phase: 'update', now: all, expected: clarity('granted', 'granted') },
    { vendor: 'clarity', phase: 'update', now: gpcAll, expected: clarity('denied', 'granted') },

    { vendor: 'uet', phase: 'default', now: all, expected: [['consent', 'default', { ad_storage: 'denied' }]] },
    { vendor: 'uet', phase: 'update', now: none, expected: [['consent', 'update', { ad_storage: 'denied' }]] },
    { vendor: 'uet', phase: 'update', now: analytics, expected: [['consent', 'update', { ad_storage: 'denied' }]] },
    { vendor: 'uet', phase: 'update', now: marketing, expected: [['consent', 'update', { ad_storage: 'granted' }]] },
    { vendor: 'uet', phase: 'update', now: gpcAll, expected: [['consent', 'update', { ad_storage: 'denied' }]] },

    { vendor: 'meta', phase: 'default', now: all, expected: [['consent', 'revoke']] },
    { vendor: 'meta', phase: 'update', now: analytics, expected: [['consent', 'revoke']] },
    { vendor: 'meta', phase: 'update', now: marketing, expected: [['consent', 'grant']] },
    { vendor: 'meta', phase: 'update', now: none, told: all, expected: [['consent', 'revoke']] },
    { vendor: 'meta', phase: 'update', now: gpcAll, expected: [['consent', 'revoke']] },

    { vendor: 'matomo', phase: 'default', now: all, expected: [['requireConsent']] },
    { vendor: 'matomo', phase: 'update', now: analytics, expected: [['setConsentGiven']] },
    { vendor: 'matomo', phase: 'update', now: gpcAll, expected: [['setConsentGiven']] },
    // Already told: nothing new to say.
    { vendor: 'matomo', phase: 'update', now: all, told: analytics, expected: [] },
    // Withdrawal of a consent given: forget it. A refusal after the default needs nothing
    // (requireConsent already holds everything), so Matomo writes no cookie for it.
    { vendor: 'matomo', phase: 'update', now: none, told: analytics, expected: [['forgetConsentGiven']] },
    { vendor: 'matomo', phase: 'update', now: marketing, told: all, expected: [['forgetConsentGiven']] },
    { vendor: 'matomo', phase: 'update', now: none, expected: [] },
    { vendor: 'matomo', phase: 'update', now: marketing, expected: [] },
  ];
  for (const { vendor, phase, now, told, expected } of cases) {
    const label = Object.keys(now).filter((name) => now[name]).join('+');
    it(`${vendor} ${phase}: ${label}${told ? ` (told ${Object.keys(told).filter((n) => told[n]).join('+')})` : ''}`, () => {
      expect(vendorCalls(vendor, phase, now, told)).toEqual(expected);
    });
  }

  it('only a real true grants', () => {
    const truthy = { necessary: true, analytics: 1, marketing: 'yes' } as unknown as Categories;
    for (const vendor of VENDORS) expect(vendorCalls(vendor, 'update', truthy)).toEqual(vendorCalls(vendor, 'update', none));
  });
});

describe('signalDetail', () => {
  it('default: every offered category denied but necessary, whatever is stored', () => {
    expect(signalDetail('default', { ...all, video: true })).toEqual({
      phase: 'default',
      categories: { necessary: 'granted', preferences: 'denied', analytics: 'denied', marketing: 'denied', video: 'denied' },
      // Consent Mode's own mapping (tested in consent-mode.test.ts) of nothing granted.
      signals: signalsFor({}),
    });
  });

  it('update: the categories as decided, and Consent Mode signals from them', () => {
    const detail = signalDetail('update', { ...gpcAll, video: true });
    expect(detail.phase).toBe('update');
    expect(detail.categories).toEqual({ necessary: 'granted', preferences: 'granted', analytics: 'granted', marketing: 'denied', video: 'granted' });
    expect(detail.signals.analytics_storage).toBe('granted');
    expect(detail.signals.ad_storage).toBe('denied');
  });
});

describe('parseSignals', () => {
  const cases: { raw: string | null; expected: Vendor[]; warning?: string }[] = [
    { raw: null, expected: [] },
    { raw: '', expected: [] },
    { raw: 'clarity uet meta matomo', expected: ['clarity', 'uet', 'meta', 'matomo'] },
    { raw: ' Meta,matomo  meta ', expected: ['meta', 'matomo'] },
    {
      raw: 'clarity tiktok',
      expected: ['clarity'],
      warning: 'piekritu: consent-signals="tiktok" is not one of clarity, uet, meta, matomo; using "clarity".',
    },
    {
      raw: 'google linkedin',
      expected: [],
      warning: 'piekritu: consent-signals="google linkedin" is not one of clarity, uet, meta, matomo; using none.',
    },
    {
      raw: 'uet\u202e<img>',
      expected: [],
      warning: 'piekritu: consent-signals="uet\\u202e<img>" is not one of clarity, uet, meta, matomo; using none.',
    },
  ];
  for (const { raw, expected, warning } of cases) {
    it(`${JSON.stringify(raw)} → [${expected.join(' ')}]`, () => {
      const warned: string[] = [];
      expect(parseSignals(raw, (message) => warned.push(message))).toEqual(expected);
      expect(warned).toEqual(warning ? [warning] : []);
    });
  }
});
