import { describe, expect, it } from 'vitest';
import { cookieMatcher, domainsOf, pathsOf, requiredBy } from '../../src/core/gating.js';

describe('requiredBy', () => {
  const cases: { input: string | null; expected: string[] }[] = [
    { input: null, expected: [] },
    { input: '', expected: [] },
    { input: '  ', expected: [] },
    { input: 'analytics', expected: ['analytics'] },
    { input: 'analytics marketing', expected: ['analytics', 'marketing'] },
    { input: ' analytics,marketing ,\tvideo ', expected: ['analytics', 'marketing', 'video'] },
  ];
  for (const { input, expected } of cases) {
    it(`${JSON.stringify(input)} → [${expected.join(', ')}]`, () => {
      expect(requiredBy(input)).toEqual(expected);
    });
  }
});

describe('cookieMatcher', () => {
  const cases: { input: { patterns: string; name: string }; expected: boolean }[] = [
    { input: { patterns: '_ga _ga_* _gid', name: '_ga' }, expected: true },
    { input: { patterns: '_ga _ga_* _gid', name: '_ga_XYZ123' }, expected: true },
    { input: { patterns: '_ga _ga_* _gid', name: '_ga_' }, expected: true },
    { input: { patterns: '_ga _ga_* _gid', name: '_gid' }, expected: true },
    { input: { patterns: '_ga _ga_* _gid', name: '_gat' }, expected: false },
    { input: { patterns: '_ga _ga_* _gid', name: '_ga2' }, expected: false },
    { input: { patterns: '_ga _ga_* _gid', name: '_gads' }, expected: false },
    { input: { patterns: '_ga _ga_* _gid', name: 'x_ga' }, expected: false },
    { input: { patterns: '_ga _ga_* _gid', name: '_GA' }, expected: false },
    { input: { patterns: '_ga _ga_* _gid', name: 'piekritu' }, expected: false },
    { input: { patterns: '_fbp,_fbc', name: '_fbc' }, expected: true },
    { input: { patterns: ' _fbp ,\n_fbc ', name: '_fbp' }, expected: true },
    { input: { patterns: '_hj*', name: '_hjSession_123' }, expected: true },
    { input: { patterns: '_hj*', name: '_hj' }, expected: true },
    { input: { patterns: '_hj*', name: 'hj' }, expected: false },
    { input: { patterns: 'a*b', name: 'axb' }, expected: false },
    { input: { patterns: 'a*b', name: 'a*b' }, expected: true },
    { input: { patterns: '', name: '' }, expected: false },
    { input: { patterns: '', name: '_ga' }, expected: false },
    { input: { patterns: '   ', name: '_ga' }, expected: false },
  ];
  for (const { input, expected } of cases) {
    it(`${JSON.stringify(input.patterns)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(input.name)}`, () => {
      expect(cookieMatcher(input.patterns)(input.name)).toBe(expected);
    });
  }
});

describe('domainsOf', () => {
  const cases: { input: string; expected: string[] }[] = [
    { input: 'a.b.example.lv', expected: ['a.b.example.lv', 'b.example.lv', 'example.lv', 'lv'] },
    { input: 'www.ankravs.lv', expected: ['www.ankravs.lv', 'ankravs.lv', 'lv'] },
    { input: 'shop.example.com.lv', expected: ['shop.example.com.lv', 'example.com.lv', 'com.lv', 'lv'] },
    { input: 'WWW.Ankravs.LV', expected: ['www.ankravs.lv', 'ankravs.lv', 'lv'] },
    { input: 'ankravs.lv.', expected: ['ankravs.lv', 'lv'] },
    { input: 'localhost', expected: ['localhost'] },
    { input: '127.0.0.1', expected: ['127.0.0.1'] },
    { input: '192.168.1.20', expected: ['192.168.1.20'] },
    { input: '[::1]', expected: ['[::1]'] },
    { input: '::1', expected: ['::1'] },
    { input: '[2001:db8::1]', expected: ['[2001:db8::1]'] },
    { input: '', expected: [] },
    { input: '.', expected: [] },
  ];
  for (const { input, expected } of cases) {
    it(`${JSON.stringify(input)} → [${expected.join(', ')}]`, () => {
      expect(domainsOf(input)).toEqual(expected);
    });
  }
});

describe('pathsOf', () => {
  const cases: { input: string; expected: string[] }[] = [
    { input: '/', expected: ['/'] },
    { input: '', expected: ['/'] },
    { input: '/a', expected: ['/a', '/'] },
    { input: '/a/b/c', expected: ['/a/b/c', '/a/b', '/a', '/'] },
    { input: '/a/b/', expected: ['/a/b', '/a', '/'] },
    { input: '//a//b', expected: ['/a/b', '/a', '/'] },
    { input: '/lv/par-mums/kontakti.html', expected: ['/lv/par-mums/kontakti.html', '/lv/par-mums', '/lv', '/'] },
  ];
  for (const { input, expected } of cases) {
    it(`${JSON.stringify(input)} → [${expected.join(', ')}]`, () => {
      expect(pathsOf(input)).toEqual(expected);
    });
  }
});
