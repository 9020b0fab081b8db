/// <reference types="node" />
/**
 * A small dashboard over a record store, for the site's staff: consent rates per day and per
 * category, the latest records, a lookup by consent id, and the export. Behind a token the
 * site sets: a browser signs in once with a form (the token then rides in an HttpOnly,
 * SameSite=Strict cookie scoped to the dashboard's path), scripts send
 * `Authorization: Bearer <token>`. Nothing here writes to the store.
 *
 *   const dashboard = recordsDashboard({ store: records, token: process.env.DASHBOARD_TOKEN });
 *   createServer((req, res) => req.url.startsWith('/piekritu/records') ? dashboard(req, res) : …);
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cookieValues } from '../../core/cookie-header.js';
import { escapeHtml } from '../../core/html.js';
import { exportRecords, type ExportFormat } from './export.js';
import { secure } from './request.js';
import type { RecordStore } from './store.js';

export interface DashboardOptions {
  store: RecordStore;
  /** The secret that opens the dashboard: at least 16 characters (e.g. `openssl rand -hex 24`). */
  token: string;
  /** Where the dashboard is mounted; requests under it are handled. */
  path?: string;
}

const COOKIE = 'piekritu_dashboard';
const digest = (text: string) => createHash('sha256').update(text).digest();

/** Same time whatever the guess: both sides are hashed to equal length first. */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

/** The sign-in cookie: its first value only, so a request carries one guess at the token however many copies it sends. */
const signedIn = (request: IncomingMessage): string | undefined => cookieValues(request.headers.cookie, COOKIE)[0];

const bearer = (request: IncomingMessage) => /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];

function readForm(request: IncomingMessage, limit = 2048): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > limit) request.destroy();
    });
    request.on('end', () => resolve(new URLSearchParams(body)));
    request.on('error', reject);
  });
}

/** The client script (chart.js and the page's code), built beside the server bundle. */
let script: Promise<Buffer> | undefined;
const loadScript = () =>
  (script ??= readFile(new URL('./dashboard/dashboard.js', import.meta.url)).catch(() =>
    // Running from the source tree (tests): the build's output.
    readFile(new URL('../../../dist/dashboard/dashboard.js', import.meta.url)),
  ));

const page = (nonce: string, body: string, title = 'Consent records') => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${title} · piekritu</title>
<style nonce="${nonce}">
  :root { color-scheme: light; font: 15px/1.45 system-ui, sans-serif; color: #1c1f24; background: #f6f7f9; }
  body { margin: 0 auto; max-width: 72rem; padding: 1.25rem; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  h2 { font-size: 1.1rem; margin: 0 0 .75rem; }
  section { background: #fff; border: 1px solid #d5d9e0; border-radius: 8px; padding: 1rem; margin: 0 0 1rem; }
  .grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); }
  .chart { position: relative; height: 260px; }
  form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: 0; }
  label { display: grid; gap: .2rem; font-weight: 600; font-size: .85rem; }
  input { font: inherit; padding: .35rem .5rem; border: 1px solid #6b7380; border-radius: 4px; }
  input[name=id] { min-width: 22rem; }
  button, .button { font: inherit; padding: .4rem .8rem; border-radius: 4px; border: 1px solid #1d4ed8; background: #1d4ed8; color: #fff; cursor: pointer; text-decoration: none; }
  .button.secondary { background: #fff; color: #1d4ed8; }
  table { border-collapse: collapse; width: 100%; font-size: .85rem; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e3e6eb; vertical-align: top; }
  th { background: #f0f2f5; }
  td.mono { font-family: ui-monospace, monospace; font-size: .8rem; }
  .figures { margin-top: .5rem; }
  .totals { display: flex; gap: 1.5rem; flex-wrap: wrap; margin: 0; }
  .totals div { display: grid; } .totals dt { font-size: .8rem; color: #4a515c; } .totals dd { margin: 0; font-size: 1.3rem; font-weight: 700; }
  [role=alert] { color: #9f1239; font-weight: 600; }
</style>
</head>
<body>
${body}
</body>
</html>`;

const loginPage = (nonce: string, base: string, failed: boolean) =>
  page(
    nonce,
    `<main>
<h1>Consent records</h1>
<section>
<h2>Sign in</h2>
${failed ? '<p role="alert">That token does not open this dashboard.</p>' : ''}
<form method="post" action="${escapeHtml(base)}/login">
  <label>Access token <input type="password" name="token" autocomplete="current-password" required></label>
  <button type="submit">Open</button>
</form>
</section>
</main>`,
    'Sign in',
  );

const dashboardPage = (nonce: string, base: string) =>
  page(
    nonce,
    `<main data-base="${escapeHtml(base)}">
<h1>Consent records</h1>
<section aria-labelledby="period-title">
<h2 id="period-title">Period</h2>
<form id="period">
  <label>From <input type="date" name="from"></label>
  <label>To <input type="date" name="to"></label>
  <button type="submit">Show</button>
  <a class="button secondary" id="export-csv" href="${escapeHtml(base)}/export.csv" download>Export CSV</a>
  <a class="button secondary" id="export-jsonl" href="${escapeHtml(base)}/export.jsonl" download>Export JSON Lines</a>
</form>
<dl class="totals" id="totals" aria-live="polite"></dl>
</section>
<div class="grid">
<section aria-labelledby="decisions-title">
<h2 id="decisions-title">Decisions per day</h2>
<div class="chart"><canvas id="decisions" role="img" aria-label="Stacked bars: accept all, necessary only and custom decisions per day"></canvas></div>
<details class="figures"><summary>Figures</summary><table id="decisions-table"></table></details>
</section>
<section aria-labelledby="categories-title">
<h2 id="categories-title">Grant rate per category</h2>
<div class="chart"><canvas id="categories" role="img" aria-label="Lines: share of visitors who granted each category, per day"></canvas></div>
<details class="figures"><summary>Figures</summary><table id="categories-table"></table></details>
</section>
</div>
<section aria-labelledby="lookup-title">
<h2 id="lookup-title">Look up a consent id</h2>
<form id="lookup">
  <label>Consent id <input name="id" required pattern="[0-9a-fA-F\\-]{36}" placeholder="0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9" spellcheck="false"></label>
  <button type="submit">Look up</button>
</form>
<div id="lookup-result" aria-live="polite"></div>
</section>
<section aria-labelledby="latest-title">
<h2 id="latest-title">Latest records</h2>
<table id="latest"></table>
</section>
</main>
<script src="${escapeHtml(base)}/dashboard.js" defer></script>`,
  );

function periodOf(url: URL) {
  const from = url.searchParams.get('from') || undefined;
  const to = url.searchParams.get('to') || undefined;
  return { from, to };
}

export function recordsDashboard(options: DashboardOptions) {
  const { store, token } = options;
  if (typeof token !== 'string' || token.length < 16) {
    throw new TypeError('recordsDashboard: `token` must be a secret of at least 16 characters (e.g. `openssl rand -hex 24`).');
  }
  const base = (options.path ?? '/piekritu/records').replace(/\/+$/, '');

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const nonce = randomBytes(16).toString('base64');
    const headers = {
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'nonce-${nonce}'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    };
    const send = (status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) => {
      response.writeHead(status, { ...headers, 'content-type': type, ...extra });
      response.end(body);
    };
    const json = (status: number, data: unknown) => send(status, 'application/json; charset=utf-8', JSON.stringify(data));
    try {
      const url = new URL(request.url ?? '/', 'http://dashboard.invalid');
      const route = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : null;
      if (route === null) return send(404, 'text/plain; charset=utf-8', 'Not found');
      const html = (status: number, body: string, extra: Record<string, string> = {}) =>
        send(status, 'text/html; charset=utf-8', body, extra);

      if (route === '/login') {
        if (request.method !== 'POST') return send(405, 'text/plain; charset=utf-8', 'Method not allowed', { allow: 'POST' });
        const given = (await readForm(request)).get('token') ?? undefined;
        if (!tokenMatches(given, token)) return html(401, loginPage(nonce, base, true));
        const cookie = [`${COOKIE}=${encodeURIComponent(given!)}`, `Path=${base || '/'}`, 'HttpOnly', 'SameSite=Strict', 'Max-Age=43200'];
        if (secure(request)) cookie.push('Secure');
        response.writeHead(303, { ...headers, location: `${base}/`, 'set-cookie': cookie.join('; ') });
        return void response.end();
      }

      const authorized = tokenMatches(bearer(request) ?? signedIn(request), token);
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return send(405, 'text/plain; charset=utf-8', 'Method not allowed', { allow: 'GET' });
      }
      if (!authorized) {
        if (route === '' || route === '/') return html(401, loginPage(nonce, base, false));
        return send(401, 'text/plain; charset=utf-8', 'A token is needed', { 'www-authenticate': 'Bearer' });
      }

      switch (route) {
        case '':
          response.writeHead(308, { ...headers, location: `${base}/` });
          return void response.end();
        case '/':
          return html(200, dashboardPage(nonce, base));
        case '/dashboard.js':
          return send(200, 'text/javascript; charset=utf-8', await loadScript());
        case '/api/stats':
          return json(200, await store.stats(periodOf(url)));
        case '/api/records': {
          const id = url.searchParams.get('id');
          return json(200, id ? await store.lookup(id) : await store.latest(Number(url.searchParams.get('limit') ?? 20)));
        }
        case '/api/shown': {
          const content = await store.shown(url.searchParams.get('hash') ?? '');
          return content === null ? json(404, null) : send(200, 'application/json; charset=utf-8', content);
        }
        case '/export.csv':
        case '/export.jsonl': {
          const format: ExportFormat = route === '/export.csv' ? 'csv' : 'jsonl';
          const period = periodOf(url);
          const name = `consent-records${period.from ? `-${period.from}` : ''}${period.to ? `-${period.to}` : ''}.${format}`;
          response.writeHead(200, {
            ...headers,
            'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
            'content-disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`,
          });
          await exportRecords(store, response, { format, period });
          return void response.end();
        }
        default:
          return send(404, 'text/plain; charset=utf-8', 'Not found');
      }
    } catch (error) {
      if (error instanceof RangeError) return json(400, { error: error.message });
      if (!response.headersSent) return json(500, { error: 'the record store is not reachable' });
      // Mid-export: cut the download so it cannot pass for a complete file.
      response.destroy(error as Error);
    }
  };
}
