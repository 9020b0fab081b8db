#!/usr/bin/env node
/**
 * `npm run bench`: how soon and how cheaply the banner shows, against peers and a static floor.
 *
 *   node test/bench/bench.mjs [--only localhost,rtt,lighthouse] [--rounds 11] [--rtt-rounds 7]
 *     [--rtt 150] [--lighthouse-runs 3] [--warmup 1] [--reduced-motion] [--strict] [--timeout 1800]
 *
 * One invocation measures, in order: the localhost profile (`--rounds`), the same pages with
 * every response `--rtt` ms of round trip later (`--rtt-rounds`; CDP
 * `Network.emulateNetworkConditions`, bandwidth unlimited: a distant visitor), and
 * Lighthouse's mobile LCP and TBT (`--lighthouse-runs` per page, see lighthouse.mjs).
 * `--only` runs some of them. Then one "Targets" block judges every target.
 *
 * Debian's Chromium, headless, 4× CPU throttling, a fresh browser context per run (no
 * cookie, cache or compiled code carries over), pages taken in turn round after round so
 * that drift (thermal, other load) spreads over all of them. Ratios are paired: computed
 * within a round, then the median taken. It reports; it exits 0 even when a target is
 * missed (the size check is what CI enforces) unless `--strict`. An invalid run (a request
 * off localhost, a page error, a failed response, a banner that never shows, a Consent
 * Mode default that did not come before the tag) exits 1.
 *
 * Each judged median carries its distribution-free 95 % interval (stats.mjs): a target
 * whose interval crosses it is printed "PASS?" or "FAIL?": this run cannot tell, more
 * rounds can. On a small shared machine page medians move 10–30 % between runs.
 */
import { cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../demo/serve.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { BUDGET_GZIP, criticalPath, ROOT } from '../size/size.mjs';
import { bytes, kB, ms, ratio, table } from '../size/format.mjs';
import { lighthouseRuns } from './lighthouse.mjs';
import { probe } from './probe.mjs';
import { judge, median, medianInterval } from './stats.mjs';
import { variantHandlers, variantPath } from './variants.mjs';

const CPU_THROTTLING = 4;
const TARGETS = {
  /** Banner visible ÷ the static floor: the deferred script, the banner in the page's bytes. */
  deferredVsStatic: 1.3,
  instantVsStatic: 1.1,
  /** Banner visible ÷ the fastest peer. */
  deferredVsFastestPeer: 0.8,
  instantVsFastestPeer: 0.75,
  /** Main-thread script up to the visible banner, net of the probe. */
  scriptToBannerMs: 20,
  longTaskMs: 50,
  /** en / ru visible ÷ lv visible, paired per round: "no later than lv" within noise. */
  languageVsLv: 1.05,
  /** The stub's Consent Mode default: DOMContentLoaded and first paint within this of the page without one. */
  consentNoiseMs: 5,
  consentNoiseRatio: 1.05,
  /** Lighthouse (mobile): total blocking time of ours. */
  lighthouseTbtMs: 50,
};
/** After the banner shows: late layout shifts, long tasks and the peers' fade-ins land in here. */
const QUIET_MS = 500;
const BANNER_TIMEOUT_MS = 10_000;
const VIEWPORT = { width: 1280, height: 720 };

const PIEKRITU_BANNER = { host: 'piekritu-consent', selector: '[part~="banner"]' };
const pagePath = (id) => `/test/bench/pages/${id}.html`;

/**
 * First visits. `group`: the main table, the language rows, the Consent Mode rows. `ours`:
 * 'deferred' (the script draws the banner) or 'instant' (the banner is in the page's bytes).
 */
const PAGES = [
  { id: 'static', label: 'static floor', floor: true, banner: { selector: '.banner' }, path: pagePath('static') },
  {
    id: 'lit-floor',
    label: 'bare Lit element',
    banner: { host: 'lit-floor', selector: '.banner' },
    note: 'bare Lit element: a reference, not a peer: the least a Lit banner does (register, shadow root, styles, read a cookie, stamp the banner).',
  },
  { id: 'piekritu', label: 'piekritu (deferred script)', ours: 'deferred', lang: 'lv', banner: PIEKRITU_BANNER },
  // The same page with the banner in its first bytes, through piekritu/ssr (demo/render.mjs):
  // the static snippet, and a server that read the cookie.
  { id: 'piekritu-snippet', label: 'instant snippet', ours: 'instant', lang: 'lv', banner: PIEKRITU_BANNER, path: `${pagePath('piekritu')}?render=snippet` },
  { id: 'piekritu-ssr', label: 'server-rendered', ours: 'instant', lang: 'lv', banner: PIEKRITU_BANNER, path: `${pagePath('piekritu')}?render=ssr` },
  { id: 'vanilla-cookieconsent', label: 'vanilla-cookieconsent', peer: true, banner: { selector: '#cc-main .cm' } },
  { id: 'orejime', label: 'orejime', peer: true, banner: { selector: '.orejime-Banner' } },
  {
    id: 'osano',
    label: 'Osano cookieconsent',
    peer: true,
    banner: { selector: '.cc-window' },
    note: 'Osano has no categories: one allow / deny for everything ("Personalizēt" is an inert button there).',
  },
  // The page in English and Russian (`<html lang>`): the deferred script fetches that
  // language's banner texts; the snippet has them in the page.
  ...['en', 'ru'].flatMap((lang) => [
    { id: `piekritu-${lang}`, group: 'language', label: `deferred script, ${lang}`, ours: 'deferred', lang, lv: 'piekritu', banner: PIEKRITU_BANNER, path: variantPath(`piekritu-${lang}`) },
    {
      id: `piekritu-snippet-${lang}`,
      group: 'language',
      label: `instant snippet, ${lang}`,
      ours: 'instant',
      lang,
      lv: 'piekritu-snippet',
      banner: PIEKRITU_BANNER,
      path: `${variantPath(`piekritu-${lang}`)}?render=snippet`,
    },
  ]),
  // Consent Mode's default before the tags (variants.mjs): the instant snippet without one,
  // with its inline stub's, and the old way, a synchronous external script.
  ...[
    ['consent-none', 'no Consent Mode default', false],
    ['consent-stub', 'inline stub (instant snippet)', true],
    ['consent-external', 'old way: synchronous external script', true],
  ].map(([id, label, sawDefault]) => ({ id, label, group: 'consent', sawDefault, quiet: false, banner: PIEKRITU_BANNER, path: variantPath(id) })),
].map((page) => ({ group: 'main', path: pagePath(page.id), ...page }));

/** A returning visitor: accept once in the page, keep the context's cookies, load again. */
const RETURNING = [
  ...[
    ['piekritu', 'piekritu (deferred script)'],
    ['piekritu-snippet', 'instant snippet'],
    ['piekritu-ssr', 'server-rendered'],
  ].map(([page, label]) => ({
    id: `${page}:returning`,
    label,
    page,
    ours: true,
    // The page's API: on a page that brings its banner the element registers after that banner's frame, and the API registers it at once when asked sooner.
    accept: 'window.Piekritu.acceptAll()',
    decided: "document.querySelector('piekritu-consent')?.consent?.decided === true",
    cookie: 'piekritu',
  })),
  {
    id: 'vanilla-cookieconsent:returning',
    label: 'vanilla-cookieconsent',
    page: 'vanilla-cookieconsent',
    accept: "CookieConsent.acceptCategory('all')",
    decided: 'window.CookieConsent?.validConsent() === true',
    cookie: 'cc_cookie',
  },
];

/** Lighthouse: ours, the peers and the floor (not the reference, the language or Consent Mode rows). */
const LIGHTHOUSE_PAGES = PAGES.filter((page) => page.group === 'main' && page.id !== 'lit-floor');

const PROFILES = ['localhost', 'rtt', 'lighthouse'];

function parseArgs(argv) {
  const known = new Set(['--only', '--rounds', '--rtt-rounds', '--rtt', '--lighthouse-runs', '--warmup', '--timeout', '--strict', '--reduced-motion']);
  for (const arg of argv) if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown option ${arg} (see the comment at the top of test/bench/bench.mjs)`);
  const value = (name, fallback, least = 0) => {
    const at = argv.indexOf(name);
    if (at < 0) return fallback;
    const number = Number(argv[at + 1]);
    if (!Number.isInteger(number) || number < least) throw new Error(`${name} needs a whole number of at least ${least}, got ${argv[at + 1] ?? 'nothing'}`);
    return number;
  };
  const at = argv.indexOf('--only');
  const only = at < 0 ? PROFILES : String(argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = only.filter((name) => !PROFILES.includes(name));
  if (only.length === 0 || unknown.length > 0) throw new Error(`--only takes a comma-separated list of ${PROFILES.join(', ')}; got ${argv[at + 1] ?? 'nothing'}`);
  return {
    only: new Set(only),
    rounds: value('--rounds', 11, 1),
    rttRounds: value('--rtt-rounds', 7, 1),
    rtt: value('--rtt', 150, 1),
    lighthouseRuns: value('--lighthouse-runs', 3, 1),
    warmup: value('--warmup', 1),
    timeoutMs: value('--timeout', 1800, 1) * 1000,
    strict: argv.includes('--strict'),
    reducedMotion: argv.includes('--reduced-motion'),
  };
}

const sleep = (duration) => new Promise((resolve) => setTimeout(resolve, duration));

/** In the page: resolves once the first paint is on record, or after 3 s. */
const FIRST_PAINT = `new Promise((resolve) => {
  if (performance.getEntriesByName('first-paint').length > 0) return resolve(true);
  new PerformanceObserver((list, observer) => {
    if (list.getEntriesByName('first-paint').length > 0) observer.disconnect(), resolve(true);
  }).observe({ type: 'paint' });
  setTimeout(() => resolve(false), 3000);
})`;

/** Whether `promise` settles within `duration`; the timer does not outlive the answer. */
async function within(promise, duration) {
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(resolve, duration, false)));
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function filesUnder(folder) {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/** Names, sizes and times of dist/ (equal before and after a copy: no build ran meanwhile), and its newest time. */
async function fingerprint(folder) {
  const stats = await Promise.all((await filesUnder(folder)).map(async (file) => ({ file, ...(await stat(file)) })));
  return {
    text: stats.map(({ file, size, mtimeMs }) => `${file} ${size} ${mtimeMs}`).sort().join('\n'),
    newest: Math.max(...stats.map(({ mtimeMs }) => mtimeMs)),
  };
}

/**
 * A copy of dist/ taken at the start, served in its place: a rebuild during the run (watch
 * mode, another terminal) would otherwise delete or swap files mid-measurement. Taken only
 * when a build has finished, dist/ has been still for a while and did not change during
 * the copy. Returns its root (for the size check) and the server's handlers.
 */
async function snapshotDist() {
  const dist = join(ROOT, 'dist');
  const root = await mkdtemp(join(tmpdir(), 'piekritu-bench-'));
  const copy = join(root, 'dist');
  for (let attempt = 1; ; attempt += 1) {
    try {
      // `npm run build` empties dist/ and writes dist/types/ last: without it, rollup may
      // still be compiling the next bundle.
      await stat(join(dist, 'types')).catch(() => {
        throw new Error('dist/ is incomplete (no dist/types/): run `npm run build`, or wait for the running one.');
      });
      const before = await fingerprint(dist);
      if (Date.now() - before.newest < 3000) throw new Error('dist/ is being written (a build is running?)');
      await cp(dist, copy, { recursive: true, filter: (path) => !path.startsWith(join(dist, 'types')) });
      if ((await fingerprint(dist)).text !== before.text) throw new Error('dist/ changed while it was copied (a build is running?)');
      criticalPath(root);
      break;
    } catch (error) {
      await rm(copy, { recursive: true, force: true });
      if (attempt >= 10) {
        await rm(root, { recursive: true, force: true });
        throw error.code === 'ENOENT' ? new Error('dist/ is missing: run `npm run build` first.') : error;
      }
      await sleep(3000);
    }
  }
  const types = { '.js': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8' };
  const files = new Map();
  for (const file of await filesUnder(copy)) {
    files.set(`/${relative(root, file).split(sep).join('/')}`, { body: await readFile(file), type: types[extname(file)] ?? 'application/octet-stream' });
  }
  const answer = (request, response, url) => {
    const file = files.get(url.pathname);
    response.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : (file?.body ?? 'Not in the snapshot'));
  };
  // serve() looks a handler up by exact path; this answers for every path under /dist/, so a
  // file missing from the snapshot is a 404, never the live (possibly newer) file.
  const handlers = new Proxy({}, { get: (_, path) => (typeof path === 'string' && path.startsWith('/dist/') ? answer : undefined) });
  return { root, handlers, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Evaluate in the page's main world through the raw CDP session: no Playwright helper script is injected (it would count as the page's script time). */
async function evaluate(cdp, expression, { awaitPromise = false } = {}) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise });
  if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value;
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map(({ name, value }) => [name, value]));
}

/** A page whose errors and failed responses make the measurement invalid. */
async function watchedPage(context, label, problems) {
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`${label}: page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${label}: ${response.status()} for ${response.url()}`);
  });
  return page;
}

/**
 * One measured page load in `context`. `poll` says whether a banner is expected to show;
 * `rtt` adds that round trip to every request; `quiet: false` skips the wait after load
 * (for rows that report only page timings).
 */
async function visit(context, url, banner, { poll, problems, label, rtt = 0, quiet = true }) {
  const page = await watchedPage(context, label, problems);
  await page.addInitScript(probe, banner ? { ...banner, poll, timeout: BANNER_TIMEOUT_MS } : null);

  const cdp = await context.newCDPSession(page);
  // Default time domain (wall clock): throttled time counts, as a slow phone would feel it.
  await cdp.send('Performance.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING });
  await cdp.send('Network.enable');
  if (rtt > 0) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: rtt, downloadThroughput: -1, uploadThroughput: -1 });
  // Body bytes: what arrived for a request minus its headers (the server does not compress).
  const headers = new Map();
  let transferred = 0;
  let requests = 0;
  cdp.on('Network.responseReceived', ({ requestId, response }) => headers.set(requestId, response.encodedDataLength ?? 0));
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    requests += 1;
    transferred += encodedDataLength - (headers.get(requestId) ?? 0);
  });

  let visible;
  if (poll) {
    await cdp.send('Runtime.enable');
    await cdp.send('Runtime.addBinding', { name: '__benchVisible' });
    // The counters the moment the banner is visible: asked for as soon as the binding's call
    // arrives, so the page runs on meanwhile (an upper bound of the script before the banner).
    visible = new Promise((resolve) => cdp.once('Runtime.bindingCalled', () => resolve(metrics(cdp).catch(() => null))));
  }

  const before = await metrics(cdp);
  await page.goto(url, { waitUntil: 'load' });
  const inTime = poll && (await within(visible, BANNER_TIMEOUT_MS));
  if (poll && !inTime) problems.push(`${label}: the banner did not become visible within ${BANNER_TIMEOUT_MS} ms`);
  const atVisible = inTime ? await visible : null;
  if (quiet) await sleep(QUIET_MS);
  // Read the counters before collecting the probe's data: that is script too.
  const after = await metrics(cdp);
  // On a fast page \`load\` can come before the first paint: wait for it (at most 3 s), or a
  // row without the quiet wait would lack its first paint in many rounds.
  await evaluate(cdp, FIRST_PAINT, { awaitPromise: true });
  const probed = await evaluate(
    cdp,
    `JSON.stringify({ ...__bench, shown: __bench.bannerVisible?.() ?? null,
      dcl: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
      firstPaint: performance.getEntriesByName('first-paint')[0]?.startTime ?? null,
      tagSawDefault: window.__tagSawDefault ?? null })`,
  );
  // The heap that stays: garbage from start-up is not what the page keeps paying for.
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await metrics(cdp)).JSHeapUsedSize;
  const { renderedAt, visibleAt, longTasks, scripts, cls, shown, unsupported, dcl, firstPaint, tagSawDefault } = JSON.parse(probed);
  // Zero long tasks must mean none happened, not that nobody was listening.
  for (const type of unsupported) problems.push(`${label}: this Chromium does not report '${type}' entries`);
  return {
    cdp,
    run: {
      rendered: renderedAt,
      visible: visibleAt,
      script: (after.ScriptDuration - before.ScriptDuration) * 1000,
      scriptToBanner: atVisible ? (atVisible.ScriptDuration - before.ScriptDuration) * 1000 : null,
      dcl,
      firstPaint,
      tagSawDefault,
      task: (after.TaskDuration - before.TaskDuration) * 1000,
      heap,
      longTasks: longTasks.length,
      longTaskMax: Math.max(0, ...longTasks),
      // The pages run no script but the library under test (and the probe, left out above).
      longestScript: Math.max(0, ...scripts.map((script) => script.duration)),
      cls,
      transferred,
      requests,
      shown,
    },
  };
}

async function firstVisit(baseUrl, spec, options) {
  const context = await options.newContext();
  try {
    const { run } = await visit(context, baseUrl + spec.path, spec.banner, { poll: true, problems: options.problems, label: spec.label, rtt: options.rtt, quiet: spec.quiet });
    // The Consent Mode rows: the stand-in tag right after the element saw the default, or (without one) did not.
    if (spec.sawDefault !== undefined && run.tagSawDefault !== spec.sawDefault) {
      options.problems.push(`${spec.label}: the tag after the element ${run.tagSawDefault ? 'saw' : 'did not see'} a Consent Mode default`);
    }
    return run;
  } finally {
    await context.close();
  }
}

async function returningVisit(baseUrl, spec, pages, options) {
  const target = pages.find((page) => page.id === spec.page);
  const context = await options.newContext();
  const label = `${spec.label} (returning)`;
  try {
    // The first visit, unmeasured and unthrottled: wait for the banner, then accept.
    const first = await watchedPage(context, `${label}, first visit`, options.problems);
    await first.addInitScript(probe, { ...target.banner, poll: true, timeout: BANNER_TIMEOUT_MS });
    await first.goto(baseUrl + target.path, { waitUntil: 'load' });
    await first.waitForFunction(() => window.__bench.visibleAt != null, null, { timeout: BANNER_TIMEOUT_MS }).catch(() => {
      throw new Error(`${label}: the banner of the first visit did not show within ${BANNER_TIMEOUT_MS} ms`);
    });
    await first.evaluate(spec.accept);
    const deadline = Date.now() + BANNER_TIMEOUT_MS;
    while (!(await context.cookies()).some((cookie) => cookie.name === spec.cookie)) {
      if (Date.now() > deadline) throw new Error(`${label}: no "${spec.cookie}" cookie after accepting`);
      await sleep(25);
    }
    await first.close();

    const { run, cdp } = await visit(context, baseUrl + target.path, target.banner, { poll: false, problems: options.problems, label, rtt: options.rtt });
    if (!(await evaluate(cdp, spec.decided))) options.problems.push(`${label}: the stored choice was not read`);
    if (run.shown) options.problems.push(`${label}: the banner showed although a choice was stored`);
    return run;
  } finally {
    await context.close();
  }
}

/** Per-round values of `metric` of two series combined by `combine`, in round order (null where a round has none). */
function paired(results, a, b, metric, combine) {
  const other = results.get(b);
  return results.get(a).map((run, round) => {
    const x = run?.[metric];
    const y = other[round]?.[metric];
    return x != null && y != null ? combine(x, y) : null;
  });
}
// A denominator near zero (the static page runs almost no script) gives no meaningful ratio.
const RATIO = (a, b) => (b > 0.5 ? a / b : null);
const DIFFERENCE = (a, b) => a - b;

/** What one profile's runs say: medians, paired ratios and differences, named for the tables and the targets. */
function analyse(results) {
  const of = (id, metric) => median(results.get(id).map((run) => run?.[metric]));
  const peers = PAGES.filter((spec) => spec.peer);
  const fastest = peers.reduce((best, spec) => ((of(spec.id, 'visible') ?? Infinity) < (of(best.id, 'visible') ?? Infinity) ? spec : best));
  // Every page runs the probe: the static floor's script is the probe's alone.
  const net = (id, metric) => median(paired(results, id, 'static', metric, DIFFERENCE));
  return {
    results,
    of,
    fastest,
    net,
    ratio: (a, b, metric) => median(paired(results, a, b, metric, RATIO)),
    difference: (a, b, metric) => median(paired(results, a, b, metric, DIFFERENCE)),
    /** The paired median with its 95 % interval, for the targets. */
    ratioInterval: (a, b, metric) => medianInterval(paired(results, a, b, metric, RATIO)),
    differenceInterval: (a, b, metric) => medianInterval(paired(results, a, b, metric, DIFFERENCE)),
  };
}

const runsOf = (results, id) => results.get(id).filter(Boolean);

function longTaskCell(results, id) {
  const runs = runsOf(results, id);
  const longest = Math.max(0, ...runs.map((run) => run.longTaskMax));
  return longest === 0 ? 'none' : `${median(runs.map((run) => run.longTasks))} per run, max ${ms(longest, 0)}`;
}

function summarise(analysis, { rounds }) {
  const { results, of, net } = analysis;
  const clsCell = (id) => {
    const values = runsOf(results, id).map((run) => run.cls);
    return `${(median(values) ?? 0).toFixed(3)} (max ${Math.max(0, ...values).toFixed(3)})`;
  };
  const group = (name) => PAGES.filter((spec) => spec.group === name);
  const lines = [];
  lines.push(`First visit, medians of ${rounds} rounds`);
  lines.push('  banner rendered / visible: navigation start to the first frame with the banner laid out on screen / also opacity > 0');
  lines.push('  script to banner: ScriptDuration from navigation to the moment the probe saw the banner visible (read when its CDP');
  lines.push('    binding call arrives, so the page runs on meanwhile: an upper bound); net: less the static floor\'s, paired per round');
  lines.push('  script / tasks: Performance.getMetrics ScriptDuration / TaskDuration (all main-thread tasks) for the whole visit, throttled time');
  lines.push('  longest script: the longest single script run in a long animation frame (the library\'s own long block)');
  lines.push('  JS heap: JSHeapUsedSize after a forced GC; transferred: response bodies, uncompressed (the server sends no gzip)\n');
  lines.push(
    table(
      ['page', 'banner rendered', 'banner visible', 'script to banner (net)', 'script', 'tasks', 'long tasks (>50 ms)', 'longest script', 'CLS (max)', 'JS heap', 'transferred', 'requests'],
      group('main').map((spec) => [
        spec.label,
        ms(of(spec.id, 'rendered')),
        ms(of(spec.id, 'visible')),
        `${ms(of(spec.id, 'scriptToBanner'))} (${spec.floor ? 'probe' : ms(net(spec.id, 'scriptToBanner'))})`,
        ms(of(spec.id, 'script')),
        ms(of(spec.id, 'task')),
        longTaskCell(results, spec.id),
        ms(of(spec.id, 'longestScript'), 0),
        clsCell(spec.id),
        kB(of(spec.id, 'heap')),
        kB(of(spec.id, 'transferred')),
        String(of(spec.id, 'requests')),
      ]),
      { right: [1, 2, 3, 4, 5, 7, 9, 10, 11] },
    ),
  );
  lines.push("Note: the static floor's script time is the measuring probe's own; every page carries that cost.");
  for (const spec of PAGES) if (spec.note) lines.push(`Note: ${spec.note}`);

  const ours = PAGES.find((spec) => spec.id === 'piekritu');
  const others = group('main').filter((spec) => !spec.ours);
  // The floor runs no script of its own (only the probe's): a script ratio to it means nothing.
  const metricsForRatio = [
    ['banner visible', 'visible', true],
    ['script', 'script', false],
    ['tasks', 'task', true],
    ['JS heap', 'heap', true],
    ['transferred', 'transferred', true],
  ];
  lines.push(`\n${ours.label} ÷ other, paired per round, median (below 1 = ${ours.label} is smaller / sooner)\n`);
  lines.push(
    table(
      ['metric', ...others.map((spec) => `÷ ${spec.label}`)],
      metricsForRatio.map(([name, metric, toFloor]) => [
        name,
        ...others.map((spec) => (spec.floor && !toFloor ? '–' : ratio(analysis.ratio(ours.id, spec.id, metric)))),
      ]),
      { right: others.map((_, index) => index + 1) },
    ),
  );

  lines.push(`\nLanguages: the same page with <html lang="en"> / "ru", medians of ${rounds} rounds; ÷ lv paired per round\n`);
  lines.push(
    table(
      ['page', 'banner visible', '÷ lv', 'script to banner (net)', 'script', 'long tasks (>50 ms)', 'transferred', 'requests'],
      [...new Set(PAGES.filter((spec) => spec.lv).map((spec) => spec.lv))]
        .flatMap((lv) => [PAGES.find((spec) => spec.id === lv), ...PAGES.filter((spec) => spec.lv === lv)])
        .map((spec) => [
          spec.lv ? spec.label : `${spec.ours === 'deferred' ? 'deferred script' : spec.label}, lv`,
          ms(of(spec.id, 'visible')),
          spec.lv ? ratio(analysis.ratio(spec.id, spec.lv, 'visible')) : '1',
          ms(net(spec.id, 'scriptToBanner')),
          ms(of(spec.id, 'script')),
          longTaskCell(results, spec.id),
          kB(of(spec.id, 'transferred')),
          String(of(spec.id, 'requests')),
        ]),
      { right: [1, 2, 3, 4, 6, 7] },
    ),
  );

  const none = 'consent-none';
  lines.push(`\nConsent Mode default before the tags: the instant snippet's page, medians of ${rounds} rounds; differences paired per round`);
  lines.push('  tag saw the default: an inline script right after the element found the default on dataLayer\n');
  lines.push(
    table(
      ['page', 'DOMContentLoaded', '− none', 'first paint', '− none', 'banner visible', 'tag saw the default'],
      group('consent').map((spec) => [
        spec.label,
        ms(of(spec.id, 'dcl')),
        spec.id === none ? '' : ms(analysis.difference(spec.id, none, 'dcl')),
        ms(of(spec.id, 'firstPaint')),
        spec.id === none ? '' : ms(analysis.difference(spec.id, none, 'firstPaint')),
        ms(of(spec.id, 'visible')),
        `${runsOf(results, spec.id).filter((run) => run.tagSawDefault).length}/${runsOf(results, spec.id).length}`,
      ]),
      { right: [1, 2, 3, 4, 5, 6] },
    ),
  );

  lines.push(`\nReturning visitor (a choice is stored; no banner shows), medians of ${rounds} rounds; − / ÷ vanilla-cookieconsent paired per round\n`);
  const vanilla = 'vanilla-cookieconsent:returning';
  lines.push(
    table(
      ['page', 'script', '− vanilla', '÷ vanilla', 'tasks', 'long tasks (>50 ms)', 'longest script', 'JS heap', 'transferred', 'requests'],
      RETURNING.map((spec) => [
        spec.label,
        ms(of(spec.id, 'script')),
        spec.id === vanilla ? '' : ms(analysis.difference(spec.id, vanilla, 'script')),
        spec.id === vanilla ? '' : ratio(analysis.ratio(spec.id, vanilla, 'script')),
        ms(of(spec.id, 'task')),
        longTaskCell(results, spec.id),
        ms(of(spec.id, 'longestScript'), 0),
        kB(of(spec.id, 'heap')),
        kB(of(spec.id, 'transferred')),
        String(of(spec.id, 'requests')),
      ]),
      { right: [1, 2, 3, 4, 6, 7, 8, 9] },
    ),
  );
  return lines.join('\n');
}

/** `[pass, text, decided]` for every target one network profile is judged on (`decided`: false when the 95 % interval crosses the target). */
function profileTargets(analysis) {
  const { results, of, fastest, net } = analysis;
  const check = (pass, text, decided = true) => [Boolean(pass), text, decided];
  /** A "median ≤ limit" target with its 95 % interval: not decided when the interval crosses the limit. */
  const judged = (interval, limit, format, text) => {
    const { pass, decided } = judge(interval, limit);
    const spread = interval.low == null ? `no 95 % interval from ${interval.n} rounds` : `95 %: ${format(interval.low)} to ${format(interval.high)}`;
    return check(pass, `${text} [${spread}${decided ? '' : ', within noise'}]`, decided);
  };
  const ours = PAGES.filter((spec) => spec.ours && spec.group === 'main');
  const checks = [];

  for (const spec of ours) {
    const limit = spec.ours === 'instant' ? TARGETS.instantVsStatic : TARGETS.deferredVsStatic;
    const interval = analysis.ratioInterval(spec.id, 'static', 'visible');
    checks.push(judged(interval, limit, ratio, `${spec.label}: banner visible ÷ static floor ≤ ${limit}×: ${ratio(interval.median)} (${ms(of(spec.id, 'visible'))} against ${ms(of('static', 'visible'))})`));
  }
  for (const spec of ours) {
    const limit = spec.ours === 'instant' ? TARGETS.instantVsFastestPeer : TARGETS.deferredVsFastestPeer;
    const interval = analysis.ratioInterval(spec.id, fastest.id, 'visible');
    checks.push(judged(interval, limit, ratio, `${spec.label}: banner visible ÷ fastest peer (${fastest.label}, ${ms(of(fastest.id, 'visible'))}) ≤ ${limit}×: ${ratio(interval.median)}`));
  }
  for (const spec of ours) {
    const interval = analysis.differenceInterval(spec.id, 'static', 'scriptToBanner');
    checks.push(
      judged(
        interval,
        TARGETS.scriptToBannerMs,
        ms,
        `${spec.label}: main-thread script before the banner ≤ ${TARGETS.scriptToBannerMs} ms at ${CPU_THROTTLING}×, net of the probe: ${ms(interval.median)} ` +
          `(an upper bound; ${ms(of(spec.id, 'scriptToBanner'))} measured; whole visit ${ms(net(spec.id, 'script'))} net; bare Lit element before its banner ${ms(net('lit-floor', 'scriptToBanner'))} net)`,
      ),
    );
  }
  const vanilla = 'vanilla-cookieconsent:returning';
  for (const spec of RETURNING.filter((returning) => returning.ours)) {
    const interval = analysis.differenceInterval(spec.id, vanilla, 'script');
    const value = interval.median;
    checks.push(
      judged(
        interval,
        0,
        ms,
        `${spec.label}, returning visitor: script ≤ vanilla-cookieconsent's: ${ms(of(spec.id, 'script'))} against ${ms(of(vanilla, 'script'))}, ` +
          `paired difference ${value != null && value > 0 ? '+' : ''}${ms(value)} (${ratio(analysis.ratio(spec.id, vanilla, 'script'))})`,
      ),
    );
  }
  // Our own script runs (a long animation frame names them): the floor's first layout is itself a long task at 4×.
  const ourIds = [...PAGES.filter((spec) => spec.ours).map((spec) => spec.id), ...RETURNING.filter((spec) => spec.ours).map((spec) => spec.id)];
  const longest = ourIds.flatMap((id) => runsOf(results, id).map((run) => ({ id, duration: run.longestScript })));
  const over = longest.filter((entry) => entry.duration > TARGETS.longTaskMs);
  const staticRuns = runsOf(results, 'static');
  checks.push(
    check(
      over.length === 0,
      `no task of ours over ${TARGETS.longTaskMs} ms (${ourIds.length} rows of ours, first and returning visits): longest script run median ` +
        `${ms(median(longest.map((entry) => entry.duration)), 0)}, max ${ms(Math.max(0, ...longest.map((entry) => entry.duration)), 0)}, ` +
        `over ${TARGETS.longTaskMs} ms in ${over.length}/${longest.length} runs${over.length ? ` (${[...new Set(over.map((entry) => entry.id))].join(', ')})` : ''} ` +
        `(the static floor's own layout: up to ${ms(Math.max(0, ...staticRuns.map((run) => run.longTaskMax)), 0)})`,
    ),
  );
  const shifted = PAGES.filter((spec) => spec.ours)
    .map((spec) => ({ spec, runs: runsOf(results, spec.id).filter((run) => run.cls > 0) }))
    .filter(({ runs }) => runs.length > 0);
  const clsMax = Math.max(0, ...shifted.flatMap(({ runs }) => runs.map((run) => run.cls)));
  checks.push(
    check(
      clsMax === 0,
      `CLS = 0 on every first visit of ours: ${
        clsMax === 0
          ? '0 in every run'
          : `up to ${clsMax.toFixed(4)} (${shifted.map(({ spec, runs }) => `${spec.label}: ${runs.length} runs, max ${Math.max(...runs.map((run) => run.cls)).toFixed(4)}`).join('; ')})`
      }`,
    ),
  );
  for (const spec of PAGES.filter((page) => page.lv)) {
    const interval = analysis.ratioInterval(spec.id, spec.lv, 'visible');
    checks.push(
      judged(
        interval,
        TARGETS.languageVsLv,
        ratio,
        `${spec.label}: banner visible ÷ lv ≤ ${TARGETS.languageVsLv}× (no later than lv, within noise; paired median): ${ratio(interval.median)} (${ms(of(spec.id, 'visible'))} against ${ms(of(spec.lv, 'visible'))})`,
      ),
    );
  }
  // The stub's default costs nothing when the paired median difference is within noise:
  // ≤ 5 ms, or ≤ 5 % of the page's time without a default (whichever is larger).
  const within_noise = (id, metric) => {
    const interval = analysis.differenceInterval(id, 'consent-none', metric);
    const limit = Math.max(TARGETS.consentNoiseMs, (TARGETS.consentNoiseRatio - 1) * (of('consent-none', metric) ?? 0));
    const spread = interval.low == null ? 'no 95 % interval' : `95 %: ${ms(interval.low)} to ${ms(interval.high)}`;
    return { difference: interval.median, limit, spread, ...judge(interval, limit) };
  };
  const dcl = within_noise('consent-stub', 'dcl');
  const paint = within_noise('consent-stub', 'firstPaint');
  const old = (metric) => ms(analysis.difference('consent-external', 'consent-none', metric));
  // Decided when each part is, or when one part fails beyond noise (missed whatever the other says).
  const decided = dcl.pass && paint.pass ? dcl.decided && paint.decided : (!dcl.pass && dcl.decided) || (!paint.pass && paint.decided);
  checks.push(
    check(
      dcl.pass && paint.pass,
      `Consent Mode default from the inline stub costs nothing (paired median difference to the page without a default ≤ ${TARGETS.consentNoiseMs} ms or ` +
        `${Math.round((TARGETS.consentNoiseRatio - 1) * 100)} %): DOMContentLoaded ${ms(dcl.difference)} (limit ${ms(dcl.limit)}; ${dcl.spread}), ` +
        `first paint ${ms(paint.difference)} (limit ${ms(paint.limit)}; ${paint.spread}); the old way, a synchronous external script: ${old('dcl')} / ${old('firstPaint')}` +
        (decided ? '' : ' [within noise]'),
      decided,
    ),
  );
  return checks;
}

function lighthouseSummary(results, runs) {
  const of = (id, metric) => median(results.get(id).map((run) => run?.[metric]));
  const lcpRatio = (a, b) => medianInterval(paired(results, a, b, 'lcp', RATIO));
  const peers = LIGHTHOUSE_PAGES.filter((spec) => spec.peer);
  const fastest = peers.reduce((best, spec) => ((of(spec.id, 'lcp') ?? Infinity) < (of(best.id, 'lcp') ?? Infinity) ? spec : best));
  const lines = [];
  lines.push(`Lighthouse ${LIGHTHOUSE_VERSION}, mobile (its default: Moto G Power screen, simulated throttling: 150 ms RTT, 1.6 Mbit/s, 4× CPU), medians of ${runs} runs per page`);
  lines.push('  LCP: when the largest element painted (the banner only where it is the largest: see the last column); ratios paired per run');
  lines.push(`  Targets: the instant snippet's LCP ≤ the fastest peer's; TBT ≤ ${TARGETS.lighthouseTbtMs} ms for each of ours\n`);
  lines.push(
    table(
      ['page', 'FCP', 'LCP', 'TBT', 'LCP ÷ static floor', `LCP ÷ fastest peer (${fastest.label})`, 'LCP element (last run)'],
      LIGHTHOUSE_PAGES.map((spec) => [
        spec.label,
        ms(of(spec.id, 'fcp'), 0),
        ms(of(spec.id, 'lcp'), 0),
        ms(of(spec.id, 'tbt'), 0),
        spec.floor ? '' : ratio(lcpRatio(spec.id, 'static').median),
        spec.id === fastest.id ? '' : ratio(lcpRatio(spec.id, fastest.id).median),
        results.get(spec.id).filter(Boolean).at(-1)?.lcpElement ?? '–',
      ]),
      { right: [1, 2, 3, 4, 5] },
    ),
  );
  const checks = [];
  const instant = LIGHTHOUSE_PAGES.find((spec) => spec.id === 'piekritu-snippet');
  // Paired per run, judged like the other profiles' targets: with fewer than 6 runs no interval, so not decided.
  const instantVsFastest = lcpRatio(instant.id, fastest.id);
  const { pass, decided } = judge(instantVsFastest, 1);
  checks.push([
    pass,
    `${instant.label}: LCP ≤ the fastest peer's (${fastest.label}): ${ms(of(instant.id, 'lcp'), 0)} against ${ms(of(fastest.id, 'lcp'), 0)} ` +
      `(${ratio(instantVsFastest.median)} paired${decided ? '' : ', within noise'})`,
    decided,
  ]);
  for (const spec of LIGHTHOUSE_PAGES.filter((page) => page.ours)) {
    const tbt = of(spec.id, 'tbt');
    checks.push([
      tbt != null && tbt <= TARGETS.lighthouseTbtMs,
      `${spec.label}: TBT ≤ ${TARGETS.lighthouseTbtMs} ms: ${ms(tbt, 0)} (the peers: ${peers.map((peer) => `${peer.label} ${ms(of(peer.id, 'tbt'), 0)}`).join(', ')})`,
    ]);
  }
  return { text: lines.join('\n'), checks };
}

const LIGHTHOUSE_VERSION = JSON.parse(await readFile(join(ROOT, 'node_modules/lighthouse/package.json'), 'utf8').catch(() => '{"version":"?"}')).version;

/** All rounds of one network profile in `browser`; returns the runs by row id. */
async function measureProfile({ browser, server, rtt, rounds, warmup, contextOptions, problems, offsite }) {
  const origin = new URL(server.url);
  // Every request of every context: the pages must make none off localhost.
  const watch = (context) => {
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (/^(https?|wss?):$/.test(url.protocol) && ![origin.hostname, '127.0.0.1'].includes(url.hostname)) offsite.add(url.href);
    });
    return context;
  };
  const runOptions = { problems, rtt, newContext: async () => watch(await browser.newContext(contextOptions)) };
  const jobs = [
    ...PAGES.map((spec) => ({ id: spec.id, run: () => firstVisit(server.url, spec, runOptions) })),
    ...RETURNING.map((spec) => ({ id: spec.id, run: () => returningVisit(server.url, spec, PAGES, runOptions) })),
  ];
  const results = new Map(jobs.map((job) => [job.id, []]));
  const started = Date.now();
  for (let round = -warmup; round < rounds; round += 1) {
    // Rotate the starting page each round: no page always runs first (each still follows the same page but at the wrap).
    const offset = ((round % jobs.length) + jobs.length) % jobs.length;
    for (const job of [...jobs.slice(offset), ...jobs.slice(0, offset)]) {
      try {
        const run = await job.run();
        if (round >= 0) results.get(job.id)[round] = run;
      } catch (error) {
        problems.push(`${job.id}: ${error.message.split('\n')[0]}`);
        break;
      }
    }
    if (problems.length > 0 || offsite.size > 0) break;
    process.stderr.write(round < 0 ? `  warm-up done\n` : `  round ${round + 1}/${rounds} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  return results;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const problems = [];
  const offsite = new Set();
  if (!chromiumPath()) throw new Error('no Chromium found: install Debian\'s `chromium` or set CHROME_PATH.');
  // Fails when there is nothing built to measure.
  const snapshot = await snapshotDist();
  const variants = variantHandlers();
  const handlers = new Proxy({}, { get: (_, path) => variants[path] ?? snapshot.handlers[path] });

  const server = await serve({ port: 0, handlers });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  let closing;
  const close = () =>
    (closing ??= Promise.allSettled([browser.close(), server.close(), snapshot.remove()]).then(() => undefined));
  let timedOut = false;
  const timer = setTimeout(async () => {
    timedOut = true;
    console.error(`bench: gave up after ${options.timeoutMs / 1000} s (--timeout); closing.`);
    await Promise.race([close(), sleep(10_000)]);
    process.exit(2);
  }, options.timeoutMs);
  process.once('SIGINT', async () => {
    await Promise.race([close(), sleep(10_000)]);
    process.exit(130);
  });

  const invalid = () => {
    for (const url of offsite) console.error(`bench: request outside localhost: ${url}`);
    for (const problem of [...new Set(problems)]) console.error(`bench: ${problem}`);
    console.error('bench: the measurement is not valid; no targets judged.');
    return 1;
  };

  try {
    const contextOptions = { viewport: VIEWPORT, reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference' };
    browser.on('disconnected', () => problems.push('the browser disconnected'));
    const profiles = [
      options.only.has('localhost') && { name: 'localhost', title: 'localhost (no added round trip)', rtt: 0, rounds: options.rounds },
      options.only.has('rtt') && { name: `${options.rtt} ms round trips`, title: `${options.rtt} ms round trip added to every request`, rtt: options.rtt, rounds: options.rttRounds },
    ].filter(Boolean);
    const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
    const started = Date.now();
    console.log(
      `piekritu bench: Chromium ${browser.version()}, headless, ${CPU_THROTTLING}× CPU throttling, ${VIEWPORT.width}×${VIEWPORT.height}, ` +
        `prefers-reduced-motion: ${contextOptions.reducedMotion}, a fresh context per run, pages in turn round after round`,
    );
    // Absolute times depend on the machine and whatever else runs on it; the paired ratios less so.
    console.log(`Host: ${availableParallelism()} CPUs, load average ${load()} at start; dist/ served from a snapshot taken at start`);
    console.log(
      `Sections: ${[
        ...profiles.map((profile, index) => `${profile.name} (${profile.rounds} rounds${index === 0 && options.warmup ? ` + ${options.warmup} warm-up` : ''})`),
        ...(options.only.has('lighthouse') ? [`Lighthouse mobile (${options.lighthouseRuns} runs per page)`] : []),
      ].join(', ')}; then the targets`,
    );

    const verdicts = [];
    for (const [index, profile] of profiles.entries()) {
      console.log(`\n=== ${index + 1}. ${profile.title}, ${profile.rounds} rounds ===`);
      process.stderr.write(`${profile.name}:\n`);
      // The warm-up (first loads of the browser, the server, the disk) is needed once, before the first profile.
      const warmup = index === 0 ? options.warmup : 0;
      const results = await measureProfile({ browser, server, rtt: profile.rtt, rounds: profile.rounds, warmup, contextOptions, problems, offsite });
      // Closing on a timeout breaks the run under way: that is no finding of its own.
      if (timedOut) return 2;
      if (offsite.size > 0 || problems.length > 0) return invalid();
      console.log(`Load average ${load()} at the end of this profile\n`);
      const analysis = analyse(results);
      console.log(summarise(analysis, profile));
      verdicts.push({ name: profile.name, checks: profileTargets(analysis) });
    }

    if (options.only.has('lighthouse')) {
      console.log(`\n=== ${profiles.length + 1}. Lighthouse (mobile) ===`);
      process.stderr.write('Lighthouse:\n');
      const lighthouseStarted = Date.now();
      const { results, warnings, refused } = await lighthouseRuns(
        LIGHTHOUSE_PAGES.map((spec) => ({ id: spec.id, url: server.url + spec.path })),
        {
          runs: options.lighthouseRuns,
          problems,
          progress: (run) => process.stderr.write(`  run ${run + 1}/${options.lighthouseRuns} (${((Date.now() - lighthouseStarted) / 1000).toFixed(0)} s)\n`),
        },
      );
      if (timedOut) return 2;
      if (problems.length > 0) return invalid();
      const summary = lighthouseSummary(results, options.lighthouseRuns);
      console.log(summary.text);
      for (const warning of warnings) console.log(`Lighthouse warned: ${warning}`);
      console.log(
        refused.length === 0
          ? 'Every request of every Lighthouse run was to localhost; Chromium itself tried no other host.'
          : `Every request of every Lighthouse run was to localhost. Chromium's own services tried ${refused.join(', ')}: ` +
              'refused by the local proxy it was started behind, nothing left the machine.',
      );
      verdicts.push({ name: 'Lighthouse (mobile)', checks: summary.checks });
    }

    let size;
    try {
      size = criticalPath(snapshot.root);
    } catch (error) {
      size = { error: error.message };
    }
    verdicts.push({
      name: 'size',
      checks: [
        [
          !size.error && size.within,
          size.error
            ? `critical path ≤ ${kB(BUDGET_GZIP)} gzip: ${size.error}`
            : `critical path ≤ ${bytes(BUDGET_GZIP)} B gzip (${BUDGET_GZIP / 1024} KiB): ${bytes(size.gzip)} B (${size.files.map((file) => file.path).join(' + ')})`,
        ],
      ],
    });

    const all = verdicts.flatMap((verdict) => verdict.checks);
    const failed = all.filter(([pass]) => !pass).length;
    console.log('\n=== Targets (piekritu) ===');
    for (const verdict of verdicts) {
      console.log(`\n${verdict.name}`);
      for (const [pass, text, decided] of verdict.checks) console.log(`${pass ? 'PASS' : 'FAIL'}${decided === false ? '?' : ' '} ${text}`);
    }
    // "?": the 95 % interval of the paired median crosses the target: this run cannot tell.
    const undecided = (wanted) => all.filter(([pass, , decided]) => pass === wanted && decided === false).length;
    console.log(
      `\n${all.length - failed} of ${all.length} targets met (${undecided(true)} of them within noise), ${failed} missed (${undecided(false)} within noise); ` +
        `"?" marks a target whose 95 % interval crosses it. Every page made requests to localhost only. ${((Date.now() - started) / 1000).toFixed(0)} s in all.`,
    );
    if (failed > 0 && options.strict) return 1;
    return 0;
  } finally {
    clearTimeout(timer);
    await close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`bench: ${error.message}`);
    process.exitCode = 1;
  },
);
