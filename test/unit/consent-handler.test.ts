import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode } from '../../src/core/codec.js';
import type { ConsentRecord } from '../../src/core/record.js';
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
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers });

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
