/// <reference types="node" />
/**
 * Proof of consent on the site's own server, for Node's `http` module (or anything that
 * speaks its request/response objects: Express, Fastify's raw mode, Koa's `ctx.req/res`).
 *
 * It takes the JSON record that `log-endpoint` receives, checks it, hands it to `store`,
 * and answers with a `Set-Cookie` that re-issues the consent cookie from the server:
 * Safari caps cookies written by `document.cookie` at 7 days, not those set by a server.
 *
 *   import { createServer } from 'node:http';
 *   import { consentHandler } from 'piekritu/server';
 *   const log = consentHandler({ store: async (record) => db.insert(record) });
 *   createServer((req, res) => req.url === '/api/consent' ? log(req, res) : …).listen(8080);
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { encode } from '../core/codec.js';
import { DEFAULT_COOKIE_DAYS, DEFAULT_COOKIE_NAME, MAX_COOKIE_DAYS } from '../core/config.js';
import { expiresAt } from '../core/consent.js';
import { choiceOfRecord, parseRecord, type ConsentRecord } from '../core/record.js';

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
}

/** Is the request on https, directly or behind a proxy that says so? */
const secure = (request: IncomingMessage): boolean =>
  Boolean((request.socket as { encrypted?: boolean }).encrypted) ||
  String(request.headers['x-forwarded-proto'] ?? '').split(',')[0].trim() === 'https';

export function consentCookie(record: ConsentRecord, request: IncomingMessage, options: Exclude<ConsentHandlerOptions['cookie'], false> = {}): string {
  const days = Math.min(Math.max(1, Math.floor(options.days ?? DEFAULT_COOKIE_DAYS)), MAX_COOKIE_DAYS);
  // Counted from the decision, not from now: re-sending an old record must not extend it.
  const remaining = Math.floor((expiresAt(Date.parse(record.timestamp), days) - Date.now()) / 1000);
  const parts = [
    `${options.name ?? DEFAULT_COOKIE_NAME}=${encode(choiceOfRecord(record))}`,
    `Max-Age=${Math.max(0, remaining)}`,
    `Path=${options.path ?? '/'}`,
    'SameSite=Lax',
  ];
  if (options.domain) parts.push(`Domain=${options.domain}`);
  if (secure(request)) parts.push('Secure');
  return parts.join('; ');
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
      answer(204, options.cookie === false ? {} : { 'set-cookie': consentCookie(record, request, options.cookie) });
    } catch {
      // The banner keeps the record and sends it again on a later page load.
      if (!response.headersSent) answer(500);
    }
  };
}
