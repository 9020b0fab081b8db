/// <reference types="node" />
/**
 * Proof of consent on the site's own server, for Node's `http` module (or anything that
 * speaks its request/response objects: Express, Fastify's raw mode, Koa's `ctx.req/res`).
 *
 * It takes the JSON record that `log-endpoint` receives, checks it, hands it to `store`,
 * and answers with a `Set-Cookie` that re-issues the consent cookie from the server:
 * Safari caps cookies written by `document.cookie` at 7 days, not those set by a server.
 *
 * It is on the open internet, so it trusts nothing it is sent:
 * - Only `Content-Type: application/json` (a cross-site form cannot send it without a CORS
 *   preflight that this handler never answers), and only from the site itself: `Sec-Fetch-Site`
 *   `same-origin`, or an `Origin` equal to the request's own or listed in `allowedOrigins`.
 *   Anything else is a 403: nothing stored, no cookie set.
 * - The cookie is re-issued only for the visitor's newest decision: the request carries the
 *   consent cookie the browser holds now, and a record older than it (a late answer, a queued
 *   record sent again) is stored but changes no cookie. No cookie in the request (the visitor
 *   reset the choice, or blocks cookies) means none is set.
 * - A cookie is never sent already expired: when the server's clock finds the decision lapsed
 *   while the browser holds it as fresh (its clock is behind), the browser's own cookie stays.
 *
 *   import { createServer } from 'node:http';
 *   import { consentHandler } from 'piekritu/server';
 *   const log = consentHandler({ store: async (record) => db.insert(record) });
 *   createServer((req, res) => req.url === '/api/consent' ? log(req, res) : …).listen(8080);
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { encode, type StoredChoice } from '../core/codec.js';
import { DEFAULT_COOKIE_DAYS, DEFAULT_COOKIE_NAME, MAX_COOKIE_DAYS } from '../core/config.js';
import { expiresAt } from '../core/consent.js';
import { cookieValues, newestChoice } from '../core/cookie-header.js';
import { choiceOfRecord, parseRecord, type ConsentRecord } from '../core/record.js';
import { secure } from './records/request.js';

export interface ConsentHandlerOptions {
  /**
   * Keep the record: a record store (`sqliteStore`, `postgresStore`) or a function of your own
   * (a database, a log file). Called once per accepted request; dedupe by `id` + `timestamp`.
   */
  store: ((record: ConsentRecord, request: IncomingMessage) => void | Promise<void>) | { append(record: ConsentRecord, request: IncomingMessage): Promise<unknown> };
  /** Re-issue the consent cookie with these settings; `false` to answer without it. */
  cookie?:
    | false
    | {
        name?: string;
        domain?: string;
        path?: string;
        days?: number;
      };
  /** Largest body accepted, in bytes. */
  maxBytes?: number;
  /**
   * Other origins whose pages may send records (`['https://shop.example.lv']`), when the
   * banner's `log-endpoint` is on another origin than the page. The site's own is always allowed.
   */
  allowedOrigins?: readonly string[];
}

type CookieOptions = NonNullable<Exclude<ConsentHandlerOptions['cookie'], false>>;

/** Seconds a decision has left by the server's clock: counted from the decision, so re-sending an old record never extends it. */
function secondsLeft(record: ConsentRecord, options: CookieOptions): number {
  const days = Math.min(Math.max(1, Math.floor(options.days ?? DEFAULT_COOKIE_DAYS)), MAX_COOKIE_DAYS);
  return Math.floor((expiresAt(Date.parse(record.timestamp), days) - Date.now()) / 1000);
}

export function consentCookie(record: ConsentRecord, request: IncomingMessage, options: CookieOptions = {}): string {
  const parts = [
    `${options.name ?? DEFAULT_COOKIE_NAME}=${encode(choiceOfRecord(record))}`,
    `Max-Age=${Math.max(0, secondsLeft(record, options))}`,
    `Path=${options.path ?? '/'}`,
    'SameSite=Lax',
  ];
  if (options.domain) parts.push(`Domain=${options.domain}`);
  if (secure(request)) parts.push('Secure');
  return parts.join('; ');
}

/** The origin the request was made to, as a browser names it (`x-forwarded-proto` as `secure` reads it). */
const ownOrigin = (request: IncomingMessage): string => `${secure(request) ? 'https' : 'http'}://${request.headers.host ?? ''}`;

const header = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Did the site's own pages send this? Browsers say so in `Sec-Fetch-Site`, older ones only in
 * `Origin`. A request with neither comes from no browser page (a server, curl) and cannot
 * have been forged by one.
 */
function fromTheSite(request: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = header(request, 'origin');
  const listed = origin !== undefined && allowed.includes(origin);
  const site = header(request, 'sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || listed;
  return origin === undefined || listed || origin === ownOrigin(request);
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
const isJson = (request: IncomingMessage): boolean =>
  (header(request, 'content-type') ?? '').split(';')[0].trim().toLowerCase() === 'application/json';

/**
 * The newest consent cookie of this name the request carries (the browser's current choice);
 * `null` for none readable. The header is read as `cookieValues` documents it.
 */
export function heldChoice(request: IncomingMessage, name: string): StoredChoice | null {
  return newestChoice(cookieValues(request.headers.cookie, name))?.choice ?? null;
}

/**
 * The `Set-Cookie` for this record, or none: only for the newest decision the browser holds —
 * the one it holds, or a later one (the cookie stores whole seconds: in the same second only
 * the very same decision) — and never one that would arrive expired.
 */
function reissue(record: ConsentRecord, request: IncomingMessage, options: CookieOptions): string | null {
  const held = heldChoice(request, options.name ?? DEFAULT_COOKIE_NAME);
  const seconds = Math.floor(Date.parse(record.timestamp) / 1000) * 1000;
  const newest = held !== null && (seconds > held.timestamp || (seconds === held.timestamp && record.id === held.id));
  return newest && secondsLeft(record, options) > 0 ? consentCookie(record, request, options) : null;
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Too big: answer now and let the rest drain unread (the client still gets the 413).
      if (size > maxBytes) resolve(null);
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(size > maxBytes ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function consentHandler(options: ConsentHandlerOptions) {
  const maxBytes = options.maxBytes ?? 4096;
  const { store } = options;
  const keep = typeof store === 'function' ? store : (record: ConsentRecord, request: IncomingMessage) => store.append(record, request);
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const answer = (status: number, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'cache-control': 'no-store', ...headers });
      response.end();
    };
    if (request.method !== 'POST') return answer(405, { allow: 'POST' });
    if (!isJson(request)) return answer(415, { accept: 'application/json', connection: 'close' });
    if (!fromTheSite(request, options.allowedOrigins ?? [])) return answer(403, { connection: 'close' });
    try {
      const body = await readBody(request, maxBytes);
      if (body === null) return answer(413, { connection: 'close' });
      let data: unknown;
      try {
        data = JSON.parse(body);
      } catch {
        return answer(400);
      }
      const record = parseRecord(data);
      if (!record) return answer(400);
      await keep(record, request);
      const cookie = options.cookie === false ? null : reissue(record, request, options.cookie ?? {});
      answer(204, cookie ? { 'set-cookie': cookie } : {});
    } catch {
      // The banner keeps the record and sends it again on a later page load.
      if (!response.headersSent) answer(500);
    }
  };
}
