/**
 * Lighthouse's view of the bench pages: LCP and TBT as its default (mobile) run reports
 * them — a Moto G Power-sized screen, simulated throttling (150 ms round trips, 1.6 Mbit/s,
 * 4× CPU), computed from one real load by Lighthouse's own model — with only the audits
 * that need (no screenshots, no back/forward-cache test).
 *
 * Debian's Chromium, started here with `--remote-debugging-port` (Lighthouse connects to
 * it), headless, the flags every test uses. Nothing may leave the machine:
 *   - every request in each run's DevTools log must be to localhost (else the run is invalid);
 *   - so must every socket Node opens meanwhile (Lighthouse's own side: a name looked up or
 *     an address connected to that is not loopback makes the run invalid);
 *   - the browser goes through a local proxy that refuses everything (localhost bypasses
 *     it): what Chromium's own services try (its sign-in account check and updater, which
 *     no flag turns off) is refused there, and reported.
 */
import { spawn } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

const AUDITS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'largest-contentful-paint-element'];
/** Background fetches a flag does turn off (the network time check, hints, translation). */
const QUIET = [
  '--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,MediaRouter,CertificateTransparencyComponentUpdater,AutofillServerCommunication',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
];

/** Reports every socket this Node process opens to a host or address other than loopback; returns the unsubscribe. */
function watchNodeSockets(report) {
  const listener = ({ socket }) => {
    socket.once('lookup', (error, address, family, host) => {
      if (!['localhost', '127.0.0.1', '::1'].includes(host)) report(`Node looked up ${host}`);
    });
    socket.once('connect', () => {
      if (socket.remoteAddress && !/^(127\.|::1$|::ffff:127\.)/.test(socket.remoteAddress)) report(`Node connected to ${socket.remoteAddress}`);
    });
  };
  diagnostics.subscribe('net.client.socket', listener);
  return () => diagnostics.unsubscribe('net.client.socket', listener);
}

/** A proxy that records and refuses whatever is sent to it. */
async function refusingProxy() {
  const refused = [];
  const server = createServer((request, response) => {
    refused.push(request.url);
    response.writeHead(403);
    response.end();
  });
  server.on('connect', (request, socket) => {
    refused.push(`https://${request.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { refused, port: server.address().port, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Chromium with a DevTools port; resolves once it listens. */
async function startChromium(proxyPort) {
  const profile = await mkdtemp(join(tmpdir(), 'piekritu-lighthouse-'));
  const child = spawn(
    chromiumPath(),
    [
      ...chromiumArgs,
      ...QUIET,
      '--headless=new',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      `--proxy-server=http://127.0.0.1:${proxyPort}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const port = await new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`Chromium for Lighthouse did not start within 30 s: ${text.slice(-500)}`)), 30_000);
    child.stderr.on('data', (chunk) => {
      text += chunk;
      const found = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(text);
      if (found) {
        clearTimeout(timer);
        resolve(Number(found[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium for Lighthouse exited (${code}): ${text.slice(-500)}`));
    });
  });
  child.stderr.resume();
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
    await rm(profile, { recursive: true, force: true });
  };
  return { port, stop };
}

const local = (url) => {
  const { protocol, hostname } = new URL(url);
  return !/^(https?|wss?):$/.test(protocol) || ['localhost', '127.0.0.1'].includes(hostname);
};

/**
 * `runs` Lighthouse runs of every page in `pages` (`{ id, url }`), taken in turn run after
 * run. Returns `{ results: Map(id → [{ fcp, lcp, tbt, lcpElement }]), warnings, refused }`
 * (Lighthouse's run warnings, printed; what the proxy refused); problems (a failed run, a
 * request off localhost) go into `problems`.
 */
export async function lighthouseRuns(pages, { runs, problems, progress = () => {} }) {
  const proxy = await refusingProxy();
  const chromium = await startChromium(proxy.port);
  const results = new Map(pages.map((page) => [page.id, []]));
  const warnings = new Set();
  const unwatch = watchNodeSockets((what) => problems.push(`Lighthouse: request outside localhost: ${what}`));
  try {
    for (let run = 0; run < runs; run += 1) {
      for (const page of pages) {
        const result = await lighthouse(page.url, {
          port: chromium.port,
          hostname: '127.0.0.1',
          logLevel: 'error',
          output: 'json',
          onlyAudits: AUDITS,
          disableFullPageScreenshot: true,
        });
        const { lhr, artifacts } = result ?? {};
        if (!lhr || lhr.runtimeError) {
          problems.push(`Lighthouse, ${page.id}: ${lhr?.runtimeError?.message ?? 'no result'}`);
          continue;
        }
        for (const warning of lhr.runWarnings ?? []) warnings.add(`${page.id}: ${warning}`);
        for (const entry of artifacts.DevtoolsLog ?? []) {
          const url = entry.method === 'Network.requestWillBeSent' ? entry.params.request.url : null;
          if (url && !local(url)) problems.push(`Lighthouse, ${page.id}: request outside localhost: ${url}`);
        }
        const audit = (id) => lhr.audits[id];
        const element = audit('largest-contentful-paint-element')?.details?.items?.[0]?.items?.[0]?.node;
        results.get(page.id)[run] = {
          fcp: audit('first-contentful-paint').numericValue,
          lcp: audit('largest-contentful-paint').numericValue,
          tbt: audit('total-blocking-time').numericValue,
          lcpElement: element ? `${element.nodeLabel ?? ''}`.replace(/\s+/g, ' ').slice(0, 32) + ` (${element.selector ?? '?'})` : null,
        };
      }
      progress(run);
    }
  } finally {
    unwatch();
    await chromium.stop();
    await proxy.close();
  }
  return { results, warnings: [...warnings], refused: [...new Set(proxy.refused.map((url) => url.replace(/\?.*$/, '')))] };
}
