#!/usr/bin/env node
/**
 * Serves the demo (and the built dist/) on localhost. Used by `npm start`, the end-to-end
 * tests and the benchmark. Static files only, plus the demo's consent-record endpoint.
 *
 *   node demo/serve.mjs [--port 8080] [--quiet]
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withChrome } from './chrome.mjs';
import { renderPage } from './render.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Resolve a URL path inside ROOT; `null` for anything that would leave it. */
function fileFor(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const path = normalize(join(ROOT, decoded));
  return path.startsWith(ROOT) && !path.includes(`${sep}.git`) ? path : null;
}

/**
 * Start a server. `handlers` maps a path to an `(req, res)` function that runs before
 * static files (the demo's log endpoint, tests' fixtures).
 */
export async function serve({ port = 8080, host = '127.0.0.1', handlers = {}, headers = () => ({}) } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handler = handlers[url.pathname];
    if (handler) return handler(req, res, url);
    if (url.pathname === '/') {
      res.writeHead(302, { location: '/demo/' });
      return res.end();
    }
    let path = fileFor(url.pathname);
    try {
      if (path && (await stat(path)).isDirectory()) path = join(path, 'index.html');
      let body = path ? await readFile(path) : null;
      if (!body) throw new Error('outside');
      // ?render=ssr|snippet: the page through piekritu/ssr (demo/render.mjs).
      if (extname(path) === '.html' && body.includes('<!-- demo:')) body = Buffer.from(withChrome(body.toString('utf8'), url.pathname));
      const render = url.searchParams.get('render');
      if (render && extname(path) === '.html') body = await renderPage(body.toString('utf8'), { render, url, cookieHeader: req.headers.cookie });
      res.writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...headers(url),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    }
  });
  for (let attempt = 0; ; attempt += 1) {
    try {
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port + attempt, host, resolve);
      });
      break;
    } catch (error) {
      if (error.code !== 'EADDRINUSE' || attempt >= 20 || port === 0) throw error;
    }
  }
  const { port: actual } = server.address();
  return { server, url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${actual}`, close: () => new Promise((r) => server.close(r)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--port');
  const port = at >= 0 ? Number(args[at + 1]) : Number(process.env.PORT ?? 8080);
  // The demo's proof-of-consent endpoint: the package's own Node handler, keeping records
  // in memory so the demo panel can show them back.
  const { consentHandler } = await import('../dist/server.js');
  const { cspPage } = await import('./csp.mjs');
  const records = [];
  const log = consentHandler({ store: (record) => void records.push(record) });
  const { url } = await serve({
    port,
    handlers: {
      // The same site under a strict Content-Security-Policy with Trusted Types.
      '/demo/csp.html': cspPage(),
      '/api/consent': (req, res) => {
        if (req.method !== 'GET') return log(req, res);
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(records.slice(-20)));
      },
    },
  });
  console.log(`piekritu demo: ${url}/demo/`);
  console.log(`  under a strict CSP: ${url}/demo/csp.html`);
  console.log(`  server-rendered: ${url}/demo/?render=ssr   instant snippet: ${url}/demo/?render=snippet`);
  console.log('Press Ctrl+C to stop.');
}
