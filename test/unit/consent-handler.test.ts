import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/core/codec.js';
import { choiceOfRecord, parseRecord, recordTime, type ConsentRecord } from '../../src/core/record.js';
import { consentHandler } from '../../src/server/consent-handler.js';

const stored: ConsentRecord[] = [];
let failNext = false;
let server: Server;
let url = '';

beforeAll(async () => {
  const handle = consentHandler({
    store: (record) => {
      if (failNext) {
        failNext = false;
        throw new Error('database down');
      }
      stored.push(record);
    },
    cookie: { days: 180 },
  });
  server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/consent`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const now = new Date();
const record = (overrides: Record<string, unknown> = {}) => ({
  id: '0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9',
  timestamp: now.toISOString(),
  revision: '3',
  policyVersion: '2026-11-25',
  granted: ['analytics'],
  denied: ['preferences', 'marketing'],
  source: 'user',
  language: 'lv',
  url: 'https://ankravs.lv/pakalpojumi',
  ...overrides,
});
/** The consent cookie a browser holds after the banner stored this record's choice. */
const held = (value: Record<string, unknown>) => `piekritu=${encode(choiceOfRecord(value as unknown as ConsentRecord))}`;
/**
 * What the banner sends: JSON, from the site's own page (Chromium's headers), with the
 * cookie it has just written for this very record.
 */
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: {
      'content-type': 'application/json',
      'sec-fetch-site': 'same-origin',
      ...(body && typeof body === 'object' && !Array.isArray(body) ? { cookie: held(body as Record<string, unknown>) } : {}),
      ...headers,
    },
  });

describe('consentHandler', () => {
  it('stores a valid record and re-issues the consent cookie with Set-Cookie', async () => {
    const response = await post(record());
    expect(response.status).toBe(204);
    expect(stored.at(-1)).toEqual(record());
    const cookie = response.headers.get('set-cookie')!;
    const [pair, ...attributes] = cookie.split('; ');
    expect(pair.startsWith('piekritu=')).toBe(true);
    const choice = decode(pair.slice('piekritu='.length));
    expect(choice).toMatchObject({ id: record().id, revision: '3', granted: ['analytics'], source: 'user' });
    expect(choice!.timestamp).toBe(Math.floor(now.getTime() / 1000) * 1000);
    const maxAge = Number(attributes.find((a) => a.startsWith('Max-Age='))!.slice(8));
    expect(maxAge).toBeGreaterThan(180 * 86400 - 60);
    expect(maxAge).toBeLessThanOrEqual(180 * 86400);
    expect(attributes).toContain('SameSite=Lax');
    expect(attributes).toContain('Path=/');
    expect(attributes).not.toContain('Secure');
  });

  it('marks the cookie Secure behind an https proxy, and never extends an old decision', async () => {
    const old = new Date(Date.now() - 179.5 * 86400 * 1000).toISOString();
    const response = await post(record({ timestamp: old }), { 'x-forwarded-proto': 'https' });
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toContain('; Secure');
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)![1]);
    expect(maxAge).toBeLessThan(86400);
  });

  const bad: { name: string; body: unknown; status: number }[] = [
    { name: 'not JSON', body: '{"id":', status: 400 },
    { name: 'an array', body: [record()], status: 400 },
    { name: 'a bad id', body: record({ id: '<script>' }), status: 400 },
    { name: 'a bad date', body: record({ timestamp: 'yesterday' }), status: 400 },
    { name: 'a category both granted and denied', body: record({ denied: ['analytics'] }), status: 400 },
    { name: 'an unknown source', body: record({ source: 'default' }), status: 400 },
    { name: 'a URL with a query string', body: record({ url: 'https://ankravs.lv/?email=a@b.lv' }), status: 400 },
    { name: 'a javascript: URL', body: record({ url: 'javascript:alert(1)' }), status: 400 },
    { name: 'a body over the limit', body: record({ url: `https://ankravs.lv/${'a'.repeat(5000)}` }), status: 413 },
  ];
  for (const { name, body, status } of bad) {
    it(`refuses ${name} with ${status} and stores nothing`, async () => {
      const before = stored.length;
      const response = await post(body);
      expect(response.status).toBe(status);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(stored.length).toBe(before);
    });
  }

  it('answers 405 to anything but POST', async () => {
    const response = await fetch(url);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('answers 500 when the store fails, so the banner keeps the record and retries', async () => {
    failNext = true;
    const response = await post(record());
    expect(response.status).toBe(500);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('drops fields the banner does not send', async () => {
    await post({ ...record(), email: 'someone@example.lv' });
    expect(Object.keys(stored.at(-1)!)).not.toContain('email');
  });
});

const DAY = 86400 * 1000;

describe('consentHandler: only the site itself may write (forged consent)', () => {
  const origin = () => new URL(url).origin;
  const cases: { name: string; headers: () => Record<string, string>; status: number }[] = [
    // The attack: a cross-site <form enctype=text/plain> whose body is valid JSON.
    { name: 'a cross-site text/plain form post', headers: () => ({ 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site', origin: 'https://evil.test' }), status: 415 },
    { name: 'a form-urlencoded post', headers: () => ({ 'content-type': 'application/x-www-form-urlencoded' }), status: 415 },
    { name: 'no Content-Type', headers: () => ({ 'content-type': '' }), status: 415 },
    { name: 'JSON from another site (Sec-Fetch-Site)', headers: () => ({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.test' }), status: 403 },
    { name: 'JSON from a sibling subdomain (same-site is not same-origin)', headers: () => ({ 'sec-fetch-site': 'same-site', origin: 'https://blog.ankravs.lv' }), status: 403 },
    { name: 'JSON with Origin: null (sandboxed frame)', headers: () => ({ 'sec-fetch-site': 'cross-site', origin: 'null' }), status: 403 },
    { name: 'an older browser: another Origin, no Sec-Fetch-Site', headers: () => ({ 'sec-fetch-site': '', origin: 'https://evil.test' }), status: 403 },
    { name: 'an older browser: http origin for an https request', headers: () => ({ 'sec-fetch-site': '', origin: origin(), 'x-forwarded-proto': 'https' }), status: 403 },
    { name: 'an older browser: its own Origin', headers: () => ({ 'sec-fetch-site': '', origin: origin() }), status: 204 },
    { name: 'JSON with a charset', headers: () => ({ 'content-type': 'application/json; charset=utf-8' }), status: 204 },
    { name: 'no browser at all (no Origin, no Sec-Fetch-Site)', headers: () => ({ 'sec-fetch-site': '' }), status: 204 },
  ];
  for (const { name, headers, status } of cases) {
    it(`${name} → ${status}`, async () => {
      const before = stored.length;
      const sent: Record<string, string> = { 'content-type': 'application/json', ...headers() };
      for (const name of Object.keys(sent)) if (sent[name] === '') delete sent[name];
      const response = await fetch(url, {
        method: 'POST',
        body: JSON.stringify(record()),
        // Without a Content-Type, fetch labels a string body text/plain, as a form would.
        headers: { cookie: held(record()), ...sent },
      }).catch(() => null);
      expect(response?.status).toBe(status);
      expect(response?.headers.has('set-cookie')).toBe(status === 204);
      expect(stored.length).toBe(status === 204 ? before + 1 : before);
    });
  }

  it('allowedOrigins lets a listed origin through, and no other', async () => {
    const handle = consentHandler({ store: (value) => void stored.push(value), allowedOrigins: ['https://shop.ankravs.lv'] });
    const other = createServer((request, response) => void handle(request, response));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
    const send = (origin: string) =>
      fetch(at, {
        method: 'POST',
        body: JSON.stringify(record()),
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-site', origin, cookie: held(record()) },
      });
    try {
      expect((await send('https://shop.ankravs.lv')).status).toBe(204);
      expect((await send('https://blog.ankravs.lv')).status).toBe(403);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});

describe('consentHandler: only the newest decision sets the cookie (replay)', () => {
  const cases: { name: string; record: () => Record<string, unknown>; cookie: () => string | undefined; setsCookie: boolean }[] = [
    { name: 'the record the browser holds', record: () => record(), cookie: () => held(record()), setsCookie: true },
    {
      name: 'a late answer to an older decision (the visitor has refused since)',
      record: () => record({ timestamp: new Date(now.getTime() - 5000).toISOString() }),
      cookie: () => held(record({ id: 'aaaaaaaa-refused', granted: [], denied: ['preferences', 'analytics', 'marketing'] })),
      setsCookie: false,
    },
    {
      name: 'a newer record than the cookie an older answer left behind',
      record: () => record(),
      cookie: () => held(record({ id: 'bbbbbbbb-older', timestamp: new Date(now.getTime() - 5000).toISOString() })),
      setsCookie: true,
    },
    {
      name: 'another decision of the same second (the cookie keeps whole seconds): not this one',
      record: () => record(),
      cookie: () => held(record({ id: 'dddddddd-same-second', granted: [], denied: ['preferences', 'analytics', 'marketing'] })),
      setsCookie: false,
    },
    { name: 'no consent cookie at all (the visitor reset the choice)', record: () => record(), cookie: () => undefined, setsCookie: false },
    { name: 'an unreadable consent cookie', record: () => record(), cookie: () => 'piekritu=v%3D1%26junk', setsCookie: false },
    {
      name: 'two consent cookies: the newer one counts',
      record: () => record({ timestamp: new Date(now.getTime() - 5000).toISOString() }),
      cookie: () =>
        `${held(record({ id: 'cccccccc-old', timestamp: new Date(now.getTime() - 9000).toISOString() }))}; other=1; ${held(record())}`,
      setsCookie: false,
    },
    {
      name: 'two consent cookies, the newer first: the newer one counts',
      record: () => record({ timestamp: new Date(now.getTime() - 5000).toISOString() }),
      cookie: () =>
        `${held(record())}; other=1; ${held(record({ id: 'cccccccc-old', timestamp: new Date(now.getTime() - 9000).toISOString() }))}`,
      setsCookie: false,
    },
  ];
  for (const { name, record: body, cookie, setsCookie } of cases) {
    it(`${name}: stored, ${setsCookie ? 'cookie re-issued' : 'no Set-Cookie'}`, async () => {
      const before = stored.length;
      const jar = cookie();
      const response = await fetch(url, {
        method: 'POST',
        body: JSON.stringify(body()),
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', ...(jar ? { cookie: jar } : {}) },
      });
      expect(response.status).toBe(204);
      expect(stored.length).toBe(before + 1);
      expect(response.headers.get('set-cookie') !== null).toBe(setsCookie);
    });
  }
});

describe('consentHandler: hostile Cookie headers are read safely', () => {
  const value = () => encode(choiceOfRecord(record() as unknown as ConsentRecord));
  const cases: { name: string; cookie: () => string | string[]; setsCookie: boolean }[] = [
    { name: 'an empty header', cookie: () => '', setsCookie: false },
    { name: 'the value under a longer name (piekritu_x)', cookie: () => `piekritu_x=${value()}; piekritupiekritu=${value()}`, setsCookie: false },
    { name: 'the value inside another cookie', cookie: () => `a=piekritu=${value()}`, setsCookie: false },
    { name: '"__proto__" and "constructor" cookies', cookie: () => `__proto__=${value()}; constructor=${value()}`, setsCookie: false },
    { name: 'no space after ";", blanks around "="', cookie: () => `a=1;piekritu \t= ${value()}`, setsCookie: true },
    { name: 'percent-encoded, as a server may set it', cookie: () => `piekritu=${encodeURIComponent(value())}`, setsCookie: true },
    { name: 'broken percent-encoding in another copy', cookie: () => `piekritu=%E0%A4%A; piekritu=${value()}; piekritu=%`, setsCookie: true },
    { name: '400 other pairs first (about 12 kB)', cookie: () => `${Array.from({ length: 400 }, (_, i) => `c${i}=${'x'.repeat(24)}`).join('; ')}; piekritu=${value()}`, setsCookie: true },
    { name: 'two Cookie header lines', cookie: () => ['a=1', `piekritu=${value()}`], setsCookie: true },
  ];
  /** Sent with node:http: the header as given, blanks and several lines included. */
  const send = (cookie: string | string[]) =>
    new Promise<{ status: number; setCookie: string[] | undefined }>((resolve, reject) => {
      const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', cookie } }, (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode!, setCookie: response.headers['set-cookie'] }));
      });
      request.on('error', reject);
      request.end(JSON.stringify(record()));
    });
  for (const { name, cookie, setsCookie } of cases) {
    it(`${name}: stored, ${setsCookie ? 'cookie re-issued' : 'no Set-Cookie'}`, async () => {
      const before = stored.length;
      const { status, setCookie } = await send(cookie());
      expect(status).toBe(204);
      expect(stored.length).toBe(before + 1);
      expect(setCookie !== undefined).toBe(setsCookie);
      if (setCookie) expect(setCookie[0].startsWith(`piekritu=${value()};`)).toBe(true);
    });
  }
});

describe('consentHandler: clock skew never deletes the cookie', () => {
  it('a visitor whose clock is more than cookie-days behind keeps the cookie the browser wrote: no Max-Age=0', async () => {
    const behind = record({ timestamp: new Date(Date.now() - 200 * DAY).toISOString() });
    const response = await post(behind);
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});

describe('parseRecord: the codec\'s rules, and times within the skew window', () => {
  const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
  const at = (timestamp: string) => ({ ...record(), timestamp });
  const base = () => at('2026-11-25T12:00:00.000Z');
  const cases: { name: string; input: Record<string, unknown>; valid: boolean }[] = [
    { name: 'now', input: at('2026-11-25T12:00:00.000Z'), valid: true },
    { name: 'without milliseconds', input: at('2026-11-25T12:00:00Z'), valid: true },
    { name: '23 hours ahead (another clock)', input: at('2026-11-26T11:00:00.000Z'), valid: true },
    { name: '394 days ago (a queued record)', input: at('2025-10-27T12:00:00.000Z'), valid: true },
    { name: 'in 2099', input: at('2099-01-01T00:00:00.000Z'), valid: false },
    { name: 'year 275760', input: at('+275760-09-13T00:00:00.000Z'), valid: false },
    { name: '"0"', input: at('0'), valid: false },
    { name: 'a loose date string', input: at('Tue Mar 01 2022'), valid: false },
    { name: 'a date without a time', input: at('2026-11-25'), valid: false },
    { name: 'a time without a zone', input: at('2026-11-25T12:00:00'), valid: false },
    { name: 'an offset instead of Z', input: at('2026-11-25T14:00:00+02:00'), valid: false },
    { name: 'February 30th', input: at('2026-02-30T12:00:00.000Z'), valid: false },
    { name: '2 years ago', input: at('2024-11-25T12:00:00.000Z'), valid: false },
    { name: 'a number', input: { ...base(), timestamp: NOW }, valid: false },
    { name: 'necessary granted', input: { ...base(), granted: ['necessary', 'analytics'] }, valid: false },
    { name: 'a name twice', input: { ...base(), granted: ['analytics', 'analytics'] }, valid: false },
    { name: 'a name granted and denied', input: { ...base(), denied: ['analytics'] }, valid: false },
    {
      name: '32 categories of 32 characters (a cookie the codec refuses)',
      input: { ...base(), granted: Array.from({ length: 32 }, (_, i) => `c${String(i).padStart(2, '0')}${'x'.repeat(29)}`), denied: [] },
      valid: false,
    },
    { name: '9 categories', input: { ...base(), granted: Array.from({ length: 9 }, (_, i) => `c${i}`), denied: [] }, valid: false },
    { name: '8 categories of 19 characters', input: { ...base(), granted: Array.from({ length: 8 }, (_, i) => `c${i}${'x'.repeat(17)}`), denied: [] }, valid: true },
    { name: 'a category of 20 characters', input: { ...base(), granted: [`c${'x'.repeat(19)}`] }, valid: false },
    { name: 'a category named constructor', input: { ...base(), granted: ['constructor'] }, valid: false },
  ];
  for (const { name, input, valid } of cases) {
    it(`${name} → ${valid ? 'valid' : 'refused'}`, () => {
      const parsed = parseRecord(input, NOW);
      expect(parsed !== null).toBe(valid);
      // What the server accepts, the banner's own codec reads back from the cookie it re-issues.
      if (parsed) expect(decode(encode(choiceOfRecord(parsed)))).not.toBeNull();
    });
  }

  it('recordTime gives the milliseconds of a valid time', () => {
    expect(recordTime('2026-11-25T12:00:00.250Z', NOW)).toBe(NOW + 250);
  });
});
